// Possible duplicates and the exchange record: a coordinator sees two requests from the same
// phone flagged, joins them, and the joined one's status link says so; a volunteer who has only
// given sees their record and the gentle invitation to ask, in English and Spanish.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type Browser, expect as baseExpect, test } from "@playwright/test";
import enRecords from "../../src/web/i18n/records/screens.en.json" with { type: "json" };
import esRecords from "../../src/web/i18n/records/screens.es.json" with { type: "json" };
import enScreens from "../../src/web/i18n/screens/en.json" with { type: "json" };
import { ADMIN, check, fill, ok } from "./kit";

// Long flows on a shared, busy machine: room for slow renders, not for wrong ones.
const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(240_000);

/** A browser context signed in as the network admin (made by the setup flow). */
async function asAdmin(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, baseURL: process.env.E2E_BASE_URL });
  await ok(await context.request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  return context;
}

/** A fresh open group of this run, so parallel projects do not see each other's requests. */
async function newGroup(request: APIRequestContext, name: string): Promise<string> {
  const { networks } = await (await request.get("/api/v1/networks")).json();
  const group = await ok(
    await request.post(`/api/v1/networks/${networks[0].id}/groups`, {
      data: { name, mode: "mutual_aid", timeZone: "UTC", joining: "open" },
    }),
  );
  return group.id as string;
}

test("a coordinator joins a flagged duplicate, and its status link says it was joined", async ({
  browser,
  viewport,
}) => {
  const size = viewport ?? { width: 360, height: 740 };
  const admin = await asAdmin(browser, size);
  const run = randomUUID().slice(0, 8);
  const groupName = `Duplicates ${run}`;
  const groupId = await newGroup(admin.request, groupName);

  // The same neighbour asks twice, without an account, from the same phone.
  const neighbour = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const contact = {
    name: "Rosa",
    phone: `+1 555 ${run.replace(/\D/g, "7").slice(0, 7)}`,
    channel: "sms",
  };
  const first = await ok(
    await neighbour.request.post(`/api/v1/groups/${groupId}/needs`, {
      data: { category: "groceries", description: `Groceries for my mother ${run}`, contact },
    }),
  );
  const second = await ok(
    await neighbour.request.post(`/api/v1/groups/${groupId}/needs`, {
      data: { category: "groceries", description: `Food for mum this week ${run}`, contact },
    }),
  );

  const page = await admin.newPage();
  await page.goto(`/groups/${groupId}/needs/duplicates`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(fill(enRecords.duplicates.title, { name: groupName }));
  await expect(page.getByRole("link", { name: enRecords.duplicates.nav })).toBeVisible();
  const pair = page.getByRole("article", {
    name: fill(enRecords.duplicates.pairTitle, { code: second.shortCode }),
  });
  await expect(pair.getByText(enRecords.duplicates.sameContact)).toBeVisible();
  await expect(pair.getByText(`Food for mum this week ${run}`)).toBeVisible();
  await expect(pair.getByText(`Groceries for my mother ${run}`)).toBeVisible();
  await expect(pair.getByText(contact.phone).first()).toBeVisible();
  await check(page);

  // Joining asks first; going back returns focus to the button.
  const merge = pair.getByRole("button", { name: enRecords.duplicates.merge });
  await merge.click();
  const question = fill(enRecords.duplicates.mergeConfirm, {
    code: second.shortCode,
    into: first.shortCode,
  });
  await expect(page.getByText(question)).toBeVisible();
  await expect(page.locator(".confirm-box")).toBeFocused();
  await check(page);
  await pair.getByRole("button", { name: enRecords.duplicates.back }).click();
  await expect(merge).toBeFocused();
  await merge.click();
  await pair.getByRole("button", { name: enRecords.duplicates.mergeYes }).click();

  await expect(
    page
      .getByRole("status")
      .getByText(
        fill(enRecords.duplicates.merged, { code: second.shortCode, into: first.shortCode }),
      ),
  ).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByText(enRecords.duplicates.empty)).toBeVisible();
  await check(page);

  // The neighbour's status link of the joined request still works and says so.
  const status = await neighbour.newPage();
  await status.goto(second.statusUrl);
  await expect(
    status.getByText(enScreens.status.statuses.duplicate, { exact: true }),
  ).toBeVisible();
  await expect(
    status.locator(".timeline").getByText(enScreens.status.history.mark_duplicate, { exact: true }),
  ).toBeVisible();
  await check(status);

  await neighbour.close();
  await admin.close();
});

test("a volunteer who has only given sees their exchanges and an invitation to ask, in English and Spanish", async ({
  browser,
  viewport,
}) => {
  const size = viewport ?? { width: 360, height: 740 };
  const admin = await asAdmin(browser, size);
  const run = randomUUID().slice(0, 8);
  const groupName = `Record ${run}`;
  const groupId = await newGroup(admin.request, groupName);

  // A volunteer signs up and joins the group through a volunteer invitation.
  const volunteer = await browser.newContext({ viewport: size, baseURL: process.env.E2E_BASE_URL });
  await ok(
    await volunteer.request.post("/api/v1/auth/sign-up", {
      data: {
        name: "Lucía Fernández",
        email: `lucia-${run}@example.org`,
        password: "una contraseña bastante larga",
      },
    }),
  );
  const invitation = await ok(
    await admin.request.post(`/api/v1/groups/${groupId}/invitations`, {
      data: { role: "volunteer" },
    }),
  );
  await ok(await volunteer.request.post(`/api/v1/invitations/${invitation.token}/accept`));

  // A neighbour asks; the volunteer claims and fulfils it with an hour and a half.
  const neighbour = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const need = await ok(
    await neighbour.request.post(`/api/v1/groups/${groupId}/needs`, {
      data: {
        category: "ride",
        description: `A ride to the clinic ${run}`,
        contact: { channel: "none" },
      },
    }),
  );
  await ok(await volunteer.request.post(`/api/v1/groups/${groupId}/needs/${need.id}/claim`));
  await ok(
    await volunteer.request.post(`/api/v1/groups/${groupId}/needs/${need.id}/fulfil`, {
      data: { minutes: 90 },
    }),
  );

  const page = await volunteer.newPage();
  await page.goto("/profile");
  const section = page.getByRole("region", { name: enRecords.records.title });
  await expect(section).toBeVisible();
  await expect(section.getByText(enRecords.records.gaveNeighbour)).toBeVisible();
  await expect(section.getByText("1.5", { exact: true })).toBeVisible();
  await expect(section.getByText(enRecords.records.inviteTitle)).toBeVisible();
  const ask = section.getByRole("link", {
    name: fill(enRecords.records.inviteLink, { group: groupName }),
  });
  await expect(ask).toHaveAttribute("href", `/groups/${groupId}/ask`);
  await check(page);

  // In Spanish.
  await volunteer.addCookies([
    { name: "mutuo_lang", value: "es", url: process.env.E2E_BASE_URL ?? "" },
  ]);
  await page.reload();
  const seccion = page.getByRole("region", { name: esRecords.records.title });
  await expect(seccion).toBeVisible();
  await expect(seccion.getByText(esRecords.records.gaveNeighbour)).toBeVisible();
  await expect(seccion.getByText(esRecords.records.inviteTitle)).toBeVisible();
  await expect(
    seccion.getByRole("link", { name: fill(esRecords.records.inviteLink, { group: groupName }) }),
  ).toHaveAttribute("href", `/groups/${groupId}/ask`);
  await check(page);

  // Following it leads to the group's ask-for-help form.
  await seccion
    .getByRole("link", { name: fill(esRecords.records.inviteLink, { group: groupName }) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}/ask$`));

  await neighbour.close();
  await volunteer.close();
  await admin.close();
});
