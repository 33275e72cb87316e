// The directory's public screens. A Spanish-speaking visitor on a 360 px phone finds a pantry
// open now within 3 km that needs no ID, opens it and gets directions; an English visitor on a
// desktop copies the service's text version. The directory is seeded through the admins' import
// API with listings that are correct at any real time (open every day, all day), placed at
// coordinates of this project only and named with this run's tag, so parallel projects and
// other specs' listings cannot be confused with them.
import { type APIRequestContext, type Browser, expect as baseExpect, test } from "@playwright/test";
import { uuidv7 } from "uuidv7";
import enDirectory from "../../src/web/i18n/directory/screens.en.json" with { type: "json" };
import esDirectory from "../../src/web/i18n/directory/screens.es.json" with { type: "json" };
import { ADMIN, check, ok } from "./kit";

const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(240_000);

const ES = esDirectory.findHelp;
const EN = enDirectory.findHelp;
const NO_ID_TERM = "9f6dc2c5-0e27-56aa-85ec-d8777fe83433";
const FOOD_PANTRY_TERM = "53b79075-da9d-5496-8c30-3b3a6f322360";
const HEALTH_TERM = "da248b61-94ac-5c46-82ff-d63f34aba9ea";

/** Each project searches around its own town, away from the Ohana San Mateo sample data. */
const VISITOR: Record<string, { latitude: number; longitude: number }> = {
  phone: { latitude: 36.7378, longitude: -119.7871 },
  desktop: { latitude: 38.5816, longitude: -121.4944 },
};

interface Listing {
  name: string;
  lat: number;
  lng: number;
  categories: string[];
  noId: boolean;
  documents?: string[];
}

/** One compiled HSDS service at one location, open every day from 00:00 to 23:59. */
function compiledService(listing: Listing, run: string) {
  const attributes = [...listing.categories, ...(listing.noId ? [NO_ID_TERM] : [])].map((term) => ({
    id: uuidv7(),
    taxonomy_term_id: term,
    link_entity: "service",
  }));
  return {
    id: uuidv7(),
    name: listing.name,
    description: `Groceries for families (${run}).`,
    status: "active",
    organization: { id: uuidv7(), name: `Vecinos ${run}`, description: "A community group." },
    phones: [{ id: uuidv7(), number: "559-555-0142" }],
    languages: [
      { id: uuidv7(), name: "Spanish", code: "es" },
      { id: uuidv7(), name: "English", code: "en" },
    ],
    required_documents: (listing.documents ?? []).map((document) => ({ id: uuidv7(), document })),
    attributes,
    service_at_locations: [
      {
        id: uuidv7(),
        location: {
          id: uuidv7(),
          location_type: "physical",
          name: listing.name,
          latitude: listing.lat,
          longitude: listing.lng,
          addresses: [
            {
              id: uuidv7(),
              address_1: "100 Main St",
              city: "Fresno",
              state_province: "CA",
              postal_code: "93721",
              country: "US",
              address_type: "physical",
            },
          ],
        },
        schedules: [
          {
            id: uuidv7(),
            freq: "WEEKLY",
            byday: "MO,TU,WE,TH,FR,SA,SU",
            opens_at: "00:00:00",
            closes_at: "23:59:00",
          },
        ],
      },
    ],
  };
}

/** The run's listings around the visitor: the right pantry, and three that must not match. */
function listingsNear(visitor: { latitude: number; longitude: number }, run: string) {
  const north = (km: number) => visitor.latitude + km / 111.2;
  return {
    right: {
      name: `Despensa Esperanza ${run}`,
      lat: north(0.6),
      lng: visitor.longitude,
      categories: [FOOD_PANTRY_TERM],
      noId: true,
    },
    needsId: {
      name: `Despensa Central ${run}`,
      lat: north(1.5),
      lng: visitor.longitude,
      categories: [FOOD_PANTRY_TERM],
      noId: false,
      documents: ["Photo ID"],
    },
    far: {
      name: `Despensa Lejana ${run}`,
      lat: north(8),
      lng: visitor.longitude,
      categories: [FOOD_PANTRY_TERM],
      noId: true,
    },
    clinic: {
      name: `Clinica Familiar ${run}`,
      lat: north(0.4),
      lng: visitor.longitude,
      categories: [HEALTH_TERM],
      noId: true,
    },
  } satisfies Record<string, Listing>;
}

/** Imports the listings as the network admin: a dry run, then the import of the same file. */
async function seed(request: APIRequestContext, listings: Listing[], run: string) {
  await ok(await request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  const services = listings.map((listing) => compiledService(listing, run));
  const body = {
    format: "hsds-json",
    file: Buffer.from(JSON.stringify(services)).toString("base64"),
    fileName: `seed-${run}.json`,
    timeZone: "America/Los_Angeles",
  };
  const dryRun = await ok(await request.post("/api/v1/directory/imports/dry-run", { data: body }));
  const report = await ok(
    await request.post("/api/v1/directory/imports", {
      data: { ...body, expectedDigest: dryRun.digest },
    }),
  );
  expect(report.rejectedCount, JSON.stringify(report.rejected)).toBe(0);
  return new Map(services.map((service) => [service.name, service.id]));
}

async function newVisitor(browser: Browser, locale: string, phone: boolean, at?: object) {
  const context = await browser.newContext({
    locale,
    baseURL: process.env.E2E_BASE_URL,
    ...(phone
      ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } }),
  });
  if (at) {
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation(at as { latitude: number; longitude: number });
  }
  // No map tiles here (no internet): every tile fails, and nothing may depend on them.
  await context.route(/\/\d+\/\d+\/\d+\.png(\?.*)?$/, (route) =>
    route.fulfill({ status: 404, body: "" }),
  );
  return context;
}

test("a Spanish-speaking visitor on a phone finds a pantry open now within 3 km that needs no ID, and gets directions", async ({
  browser,
  playwright,
}, info) => {
  test.skip(info.project.name !== "phone", "the phone project runs the phone visit");
  const run = uuidv7().slice(-8);
  const visitor = VISITOR.phone as { latitude: number; longitude: number };
  const listings = listingsNear(visitor, run);
  const admin = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  await seed(admin, Object.values(listings), run);
  await admin.dispose();

  const context = await newVisitor(browser, "es-MX", true, visitor);
  const page = await context.newPage();
  await page.goto("/directory");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ES.search.title);
  await check(page);

  await page.getByLabel(ES.form.q.label).fill("despensa");
  await page.getByRole("radio", { name: ES.form.near.me }).check();
  await expect(page.getByText(ES.locating.found)).toBeVisible();
  await page.getByLabel(ES.form.radius).selectOption({ label: "A menos de 3 km" });
  await page.getByText(ES.form.filters).click();
  await page.getByRole("radio", { name: ES.form.open.now }).check();
  await page.getByRole("checkbox", { name: "No se necesita identificación" }).check();
  await page.getByRole("button", { name: ES.form.submit }).last().click();

  // The address bar holds the search (shareable, back button).
  await expect(page).toHaveURL(/q=despensa.*radius=3.*open=now.*access=no_id/);
  const results = page.getByRole("list").filter({ has: page.getByRole("heading", { level: 3 }) });
  const right = page.getByRole("link", { name: listings.right.name });
  await expect(right).toBeVisible();
  await expect(page.getByTestId("directory-count")).not.toHaveText(ES.results.searching);
  await expect(results.getByRole("link", { name: listings.needsId.name })).toHaveCount(0);
  await expect(results.getByRole("link", { name: listings.far.name })).toHaveCount(0);
  await expect(results.getByRole("link", { name: listings.clinic.name })).toHaveCount(0);
  const card = page.getByRole("listitem").filter({ has: right });
  await expect(card.getByText(ES.open.open.now)).toBeVisible();
  await expect(card.getByText(/^a\s\d+\sm$/)).toBeVisible();
  await expect(card.getByText(ES.hours.allDayToday)).toBeVisible();
  await check(page);

  await right.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(listings.right.name);
  const directions = page.getByRole("link", { name: new RegExp(ES.location.directions) });
  await expect(directions).toBeVisible();
  const href = (await directions.getAttribute("href")) ?? "";
  const [, lat, lng] = /(-?\d+\.\d+)(?:%2C|,)(-?\d+\.\d+)/i.exec(href) ?? [];
  expect(Number(lat)).toBeCloseTo(listings.right.lat, 4);
  expect(Number(lng)).toBeCloseTo(listings.right.lng, 4);
  await expect(directions).toHaveAttribute("target", "_blank");
  await expect(page.getByText(ES.open.open.now).first()).toBeVisible();
  await check(page);

  // Back to the same search, from the browser's back button.
  await page.goBack();
  await expect(page.getByRole("link", { name: listings.right.name })).toBeVisible();
  await context.close();

  // A phone that does not share its location is told so, with the other ways to search.
  const refused = await newVisitor(browser, "es-MX", true);
  const second = await refused.newPage();
  await second.goto("/directory");
  await second.getByRole("radio", { name: ES.form.near.me }).check();
  await expect(second.getByText(ES.locating.denied)).toBeVisible();
  await second.getByRole("button", { name: ES.form.submit }).last().click();
  await expect(second.getByRole("alert")).toHaveText(ES.form.needLocation);
  await check(second);
  await refused.close();
});

test("an English visitor on a desktop copies a service's text version", async ({
  browser,
  playwright,
}, info) => {
  test.skip(info.project.name !== "desktop", "the desktop project runs the desktop visit");
  const run = uuidv7().slice(-8);
  const visitor = VISITOR.desktop as { latitude: number; longitude: number };
  const { right } = listingsNear(visitor, run);
  const pantry = { ...right, name: `Hope Pantry ${run}` };
  const admin = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const ids = await seed(admin, [pantry], run);
  await admin.dispose();

  const context = await newVisitor(browser, "en-US", false);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(`/directory/services/${ids.get(pantry.name)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pantry.name);
  await expect(page.getByRole("table", { name: EN.location.week })).toBeVisible();

  const sms = page.getByRole("textbox", { name: EN.text.label });
  await expect(sms).toHaveValue(new RegExp(pantry.name));
  const text = await sms.inputValue();
  // One SMS, or two segments at most when an address makes one impossible.
  expect(text.length).toBeLessThanOrEqual(306);
  await page.getByRole("button", { name: EN.text.copy }).click();
  await expect(page.getByText(EN.text.copied)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  await check(page);

  // A shared search link: nothing within 1 km of a point 2 km south, then one step wider.
  const south = { lat: pantry.lat - 2 / 111.2, lng: pantry.lng };
  await page.goto(
    `/directory?${new URLSearchParams({ q: pantry.name, near: "place", lat: String(south.lat), lng: String(south.lng), radius: "1" })}`,
  );
  await expect(page.getByTestId("directory-count")).toHaveText(EN.results.none);
  await page.getByRole("button", { name: EN.empty.wider_other.replace("{{count}}", "3") }).click();
  await expect(page.getByRole("link", { name: pantry.name })).toBeVisible();
  await expect(page).toHaveURL(/radius=3/);
  await check(page);

  // The network's administrators find their pages from the search.
  await expect(page.getByRole("link", { name: EN.admin.import })).toHaveCount(0);
  await ok(await context.request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  await page.reload();
  await expect(page.getByRole("link", { name: EN.admin.import })).toHaveAttribute(
    "href",
    "/directory/import",
  );
  await context.close();
});
