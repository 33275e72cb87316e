// Keeping a listing true, end to end: the network admin imports a listing and makes a group its
// steward; a visitor without an account suggests a correction on the service page; the group's
// admin edits the hours (seeing how they were understood) and confirms the listing; the network
// admin dismisses the suggestion. Spanish on the phone, English on the desktop; every page
// accessible and without sideways scrolling.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect as baseExpect, test } from "@playwright/test";
import { uuidv7 } from "uuidv7";
import enTexts from "../../src/web/i18n/directory-admin/screens.en.json" with { type: "json" };
import esTexts from "../../src/web/i18n/directory-admin/screens.es.json" with { type: "json" };
import { ADMIN, check, fill, ok } from "./kit";

const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(240_000);

/** One HSDS service at one place, open on weekdays 9 to 5. */
function compiledService(run: string) {
  return {
    id: uuidv7(),
    name: `Despensa Vecinal ${run}`,
    description: `Groceries for families (${run}).`,
    status: "active",
    organization: { id: uuidv7(), name: `Iglesia ${run}`, description: "A parish." },
    phones: [{ id: uuidv7(), number: "559-555-0142" }],
    service_at_locations: [
      {
        id: uuidv7(),
        location: {
          id: uuidv7(),
          location_type: "physical",
          name: `Salón ${run}`,
          latitude: 36.9,
          longitude: -119.9,
          addresses: [
            {
              id: uuidv7(),
              address_1: "12 Olive Ave",
              city: "Fresno",
              state_province: "CA",
              postal_code: "93728",
              country: "US",
              address_type: "physical",
            },
          ],
        },
        schedules: [
          {
            id: uuidv7(),
            freq: "WEEKLY",
            byday: "MO,TU,WE,TH,FR",
            opens_at: "09:00",
            closes_at: "17:00",
          },
        ],
      },
    ],
  };
}

async function seed(request: APIRequestContext, run: string) {
  const service = compiledService(run);
  const body = {
    format: "hsds-json",
    file: Buffer.from(JSON.stringify([service])).toString("base64"),
    fileName: `stewardship-${run}.json`,
    timeZone: "America/Los_Angeles",
  };
  const dryRun = await ok(await request.post("/api/v1/directory/imports/dry-run", { data: body }));
  const report = await ok(
    await request.post("/api/v1/directory/imports", {
      data: { ...body, expectedDigest: dryRun.digest },
    }),
  );
  expect(report.rejectedCount, JSON.stringify(report.rejected)).toBe(0);
  return service;
}

test("a steward group keeps its listing true after a visitor suggests a correction", async ({
  browser,
}, testInfo) => {
  const phone = testInfo.project.name === "phone";
  const T = (phone ? esTexts : enTexts).directoryAdmin;
  const device = phone
    ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 900 } };
  const locale = phone ? "es-MX" : "en-US";
  const run = randomUUID().slice(0, 8);

  const admin = await browser.newContext({ ...device, locale, baseURL: process.env.E2E_BASE_URL });
  await ok(await admin.request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  const service = await seed(admin.request, run);
  const { networks } = await (await admin.request.get("/api/v1/networks")).json();
  const group = await ok(
    await admin.request.post(`/api/v1/networks/${networks[0].id}/groups`, {
      data: { name: `Vecinos ${run}`, mode: "mutual_aid", timeZone: "America/Los_Angeles" },
    }),
  );
  const page = await admin.newPage();

  // 1. The network admin finds the listing and makes the group its steward.
  await page.goto("/directory/listings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.listings.title);
  await page.getByLabel(T.listings.text).fill(run);
  await page.getByRole("button", { name: T.listings.show, exact: true }).click();
  const card = page.getByRole("listitem").filter({ hasText: service.name });
  await expect(card).toHaveCount(1);
  await expect(card.getByText(T.listing.recentImport)).toBeVisible();
  await card
    .getByLabel(fill(T.steward.label, { organization: service.organization.name }))
    .selectOption({ label: group.name });
  await card.getByRole("button", { name: T.steward.save }).click();
  await expect(
    page.getByText(fill(T.steward.saved, { organization: service.organization.name })),
  ).toBeVisible();
  await check(page);

  // 2. A visitor without an account says the hours changed.
  const visitor = await browser.newContext({
    ...device,
    locale,
    baseURL: process.env.E2E_BASE_URL,
  });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/directory/services/${service.id}`);
  await visitorPage.getByText(T.suggest.heading).click();
  await visitorPage.getByLabel(T.suggest.topic).selectOption("hours");
  await visitorPage.getByLabel(T.suggest.message).fill(`Now 10 to 4 (${run})`);
  await visitorPage.getByRole("button", { name: T.suggest.send }).click();
  await expect(visitorPage.getByRole("status").getByText(T.suggest.thanks)).toBeVisible();
  await check(visitorPage);
  await visitor.close();

  // 3. The group's admin opens the group's listings from its navigation, edits the hours.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("navigation").getByRole("link", { name: T.nav, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/directory$`));
  const own = page.getByRole("listitem").filter({ hasText: service.name }).first();
  await expect(own.getByText(fill(T.listing.openSuggestions_one, { count: 1 }))).toBeVisible();
  await expect(page.getByText(`Now 10 to 4 (${run})`)).toBeVisible();
  await check(page);
  await own.getByRole("link", { name: new RegExp(T.listing.edit) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(T.edit.title, { name: service.name }),
  );
  const hours = page.getByLabel(fill(T.edit.hoursAt, { place: `Salón ${run}` }));
  await expect(hours).toHaveValue("Mon-Fri 09:00-17:00");
  await hours.fill("Mon-Fri 10am-4pm");
  await expect(page.getByText(T.edit.preview.understood)).toBeVisible();
  await expect(page.getByText(/10:00–16:00/).first()).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: T.edit.save }).click();
  await expect(page.getByRole("status").getByText(T.edit.saved)).toBeVisible();
  await expect(page.getByLabel(fill(T.edit.hoursAt, { place: `Salón ${run}` }))).toHaveValue(
    "Mon-Fri 10:00-16:00",
  );

  // ... and confirms it is still correct in one tap.
  await page.goto(`/groups/${group.id}/directory`);
  await page
    .getByRole("listitem")
    .filter({ hasText: service.name })
    .first()
    .getByRole("button", { name: new RegExp(T.listing.verify) })
    .click();
  await expect(page.getByText(fill(T.listing.verified, { name: service.name }))).toBeVisible();

  // 4. The network admin dismisses the suggestion (the hours are already fixed).
  await page.goto("/directory/suggestions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.review.title);
  const suggestion = page.getByRole("listitem").filter({ hasText: `Now 10 to 4 (${run})` });
  await suggestion.getByLabel(T.review.note).fill("Fixed by the steward");
  await check(page);
  await suggestion.getByRole("button", { name: T.review.dismiss }).click();
  await expect(page.getByText(fill(T.review.done.dismissed, { name: service.name }))).toBeVisible();
  await expect(suggestion).toHaveCount(0);
  await admin.close();
});
