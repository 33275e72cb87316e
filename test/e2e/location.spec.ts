// Saying where help is needed on a 360 px phone: the phone's location, a pin placed with the
// keyboard on a map whose tiles do not load, and — with no geocoder configured (the default) —
// typed cross streets kept as words plus an area chosen on the map. Each request is then
// followed on its private status link.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import {
  request as apiRequest,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  test,
} from "@playwright/test";
import enExchange from "../../src/web/i18n/exchange/en.json" with { type: "json" };
import esExchange from "../../src/web/i18n/exchange/es.json" with { type: "json" };
import enLocation from "../../src/web/i18n/location/screens.en.json" with { type: "json" };
import esLocation from "../../src/web/i18n/location/screens.es.json" with { type: "json" };
import enScreens from "../../src/web/i18n/screens/en.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { freePort, startServer } from "../serve";
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

const EN = { ...enScreens, ...enLocation, exchange: enExchange.exchange };
const ES = { ...esScreens, ...esLocation, exchange: esExchange.exchange };
type Texts = typeof EN;

// One after the other: the last test starts a second server, which must not compete with the
// other tests' browsers for the CPU.
test.describe.configure({ mode: "default" });

// Only the phone project runs these (each test makes its own 360 px context anyway).
test.beforeEach(({ browserName: _ }, info) => {
  test.skip(info.project.name !== "phone", "phone only");
  // Maps, axe and two pages per test on a shared 2-core machine.
  test.setTimeout(180_000);
});

const HOME = { latitude: 19.4326, longitude: -99.1332 };

async function phone(browser: Browser, locale: string, geolocation = false) {
  const context = await browser.newContext({
    locale,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    baseURL: process.env.E2E_BASE_URL,
    ...(geolocation ? { permissions: ["geolocation"], geolocation: HOME } : {}),
  });
  // Map tiles cannot be fetched here (no internet, or a tile server that is down): every tile
  // answers 404, and everything else on the map must still work.
  await context.route(/\/\d+\/\d+\/\d+\.png(\?.*)?$/, (route) =>
    route.fulfill({ status: 404, body: "" }),
  );
  return context;
}

async function check(page: Page) {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

async function openAskForm(
  context: BrowserContext,
  texts: Texts,
  known?: { id: string; name: string },
) {
  const page = await context.newPage();
  if (known) {
    await page.goto(`/groups/${known.id}/ask`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      texts.ask.titleGroup.replace("{{group}}", known.name),
    );
    return page;
  }
  const list = await page.request.get("/api/v1/groups");
  const { groups } = (await list.json()) as { groups: { id: string; name: string }[] };
  const group = groups[0];
  if (!group) throw new Error("the setup flow made no group");
  await page.goto(`/groups/${group.id}/ask`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    texts.ask.titleGroup.replace("{{group}}", group.name),
  );
  return page;
}

async function fillTheRest(page: Page, texts: Texts, description: string) {
  await page.getByRole("radio", { name: texts.exchange.categories.groceries }).check();
  await page.getByLabel(texts.ask.description.label).fill(description);
  await page.getByRole("radio", { name: texts.ask.contact.channels.none }).check();
}

/** Sends the form; answers the status link's token, after checking the status page. */
async function sendAndFollow(page: Page, texts: Texts): Promise<string> {
  await page.getByRole("button", { name: texts.ask.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: texts.ask.done.title })).toBeFocused({
    timeout: 30_000,
  });
  const statusUrl = await page
    .getByRole("textbox", { name: texts.ask.done.linkLabel })
    .inputValue();
  const token = statusUrl.split("#")[1] ?? "";
  const statusPage = await page.context().newPage();
  await statusPage.goto(statusUrl);
  await expect(statusPage.getByRole("heading", { level: 1 })).toHaveText(texts.status.title);
  await expect(statusPage.getByText(texts.status.statuses.new, { exact: true })).toBeVisible();
  await statusPage.close();
  return token;
}

async function statusOf(page: Page, token: string) {
  const res = await page.request.post("/api/v1/needs/status", { data: { token } });
  expect(res.ok()).toBe(true);
  return (await res.json()) as {
    location: { lat: number | null; lng: number | null; text: string | null };
  };
}

test("the phone's location fills the exact place, and the page says who will see it", async ({
  browser,
}) => {
  const context = await phone(browser, "en-US", true);
  const page = await openAskForm(context, EN);
  await expect(page.getByTestId("location-chosen")).toHaveText(EN.location.chosen.none);
  await check(page);

  await page.getByRole("button", { name: EN.ask.location.useMine }).click();
  await expect(page.getByRole("status").getByText(EN.ask.location.found)).toBeVisible();
  await expect(page.getByTestId("location-chosen")).toHaveText(
    EN.location.chosen.point
      .replace("{{latitude}}", "19.4326")
      .replace("{{longitude}}", "-99.1332"),
  );
  await expect(page.getByText(EN.location.privacy.point)).toBeVisible();
  await check(page);

  await fillTheRest(page, EN, "Groceries for two, I cannot go out.");
  const token = await sendAndFollow(page, EN);
  expect((await statusOf(page, token)).location).toMatchObject({ lat: 19.4326, lng: -99.1332 });
  await context.close();
});

test("a pin is placed and moved on the map with the keyboard alone, without map tiles", async ({
  browser,
}) => {
  const context = await phone(browser, "en-US");
  const page = await openAskForm(context, EN);

  // Without a geocoder the map opens for choosing an area; the exact place is one choice away.
  const open = page.getByRole("button", { name: EN.location.map.showArea });
  await open.focus();
  await page.keyboard.press("Enter");
  const hide = page.getByRole("button", { name: EN.location.map.hide });
  await expect(hide).toBeFocused();
  await expect(hide).toHaveAttribute("aria-expanded", "true");
  const map = page.getByRole("application", { name: EN.location.map.label });
  await expect(map).toBeVisible();
  await page
    .getByRole("radio", { name: new RegExp(EN.location.map.modePoint.replace(/[()]/g, "\\$&")) })
    .check();
  await expect(page.getByText(EN.location.map.noPin)).toBeVisible();

  // Keyboard: the map pans with the arrow keys, the button puts the pin in its middle.
  await map.focus();
  await page.keyboard.press("ArrowLeft");
  const centre = page.getByRole("button", { name: EN.location.map.centre });
  await centre.focus();
  await page.keyboard.press("Enter");
  const where = page.locator(".location-map-where");
  await expect(where).toHaveText(/^Pin at latitude -?\d+\.\d{5}, longitude -?\d+\.\d{5}\.$/);
  const lngOf = async () =>
    Number(/longitude (-?\d+\.\d+)/.exec((await where.textContent()) ?? "")?.[1]);
  const before = await lngOf();

  // The pin itself is focusable, named, and moves east with the right arrow key.
  const pin = page.getByRole("button", { name: EN.location.map.pinLabel });
  await pin.focus();
  await expect(pin).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(lngOf).toBeGreaterThan(before);
  await expect(page.getByTestId("location-chosen")).toHaveText(/^Exact place chosen \(latitude/);

  // Tiles failed, and that is said; everything else kept working.
  await expect(page.getByText(EN.location.map.tilesFailed)).toBeVisible();
  await check(page);

  const placed = await lngOf();
  await fillTheRest(page, EN, "A ride to the clinic on Friday.");
  const token = await sendAndFollow(page, EN);
  const { location } = await statusOf(page, token);
  expect(location.lat).not.toBeNull();
  expect(location.lng).toBeCloseTo(placed, 4);
  await context.close();
});

test("without a geocoder, typed cross streets are kept and an area is chosen instead of a point (Spanish)", async ({
  browser,
}) => {
  const context = await phone(browser, "es-MX");
  const page = await openAskForm(context, ES);
  const words = "Av. Juárez y calle 5, junto a la panadería";
  await page.getByLabel(ES.ask.location.text).fill(words);
  await expect(page.getByText(ES.location.offHint)).toBeVisible();
  await expect(page.getByRole("button", { name: ES.location.lookup.button })).toHaveCount(0);
  await expect(page.getByTestId("location-chosen")).toHaveText(ES.location.chosen.text);
  await expect(page.getByText(ES.location.privacy.text)).toBeVisible();

  await page.getByRole("button", { name: ES.location.map.showArea }).click();
  await expect(page.getByRole("application", { name: ES.location.map.label })).toBeVisible();
  await expect(
    page.getByRole("radio", {
      name: new RegExp(`^${ES.location.map.modeArea.replace(/[()]/g, "\\$&")}`),
    }),
  ).toBeChecked();
  await page.getByRole("button", { name: ES.location.map.centreArea }).click();
  await expect(page.locator(".location-map-where")).toHaveText(/^Zona elegida: el hexágono/);
  await expect(page.getByTestId("location-chosen")).toHaveText(ES.location.chosen.area);
  await expect(page.getByText(ES.location.privacy.area)).toBeVisible();
  await check(page);

  await fillTheRest(page, ES, "Necesito pañales y leche para un bebé.");
  const token = await sendAndFollow(page, ES);
  // The words are kept as they were typed; no exact point was stored.
  expect((await statusOf(page, token)).location).toEqual({ lat: null, lng: null, text: words });
  await context.close();
});

test("with a geocoder, typed words are looked up and one of the places is chosen", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // A stand-in for Nominatim (its /search JSON), and a second Mutuo server that uses it.
  const asked: URLSearchParams[] = [];
  const nominatim = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    asked.push(url.searchParams);
    if (url.searchParams.get("q")?.includes("broken")) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Service unavailable</html>");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify([
        { lat: "19.4326077", lon: "-99.133208", display_name: "Zócalo, Centro, Ciudad de México" },
        {
          lat: "19.4270245",
          lon: "-99.1676652",
          display_name: "Calle 5 de Mayo, Centro, Ciudad de México",
        },
      ]),
    );
  });
  nominatim.listen(0, "127.0.0.1");
  await once(nominatim, "listening");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-e2e-geocoder-"));
  const port = await freePort();
  const server = await startServer(
    ["bin/mutuo.js", "serve"],
    {
      MUTUO_DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      MUTUO_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MUTUO_GEOCODER_URL: `http://127.0.0.1:${(nominatim.address() as AddressInfo).port}`,
    },
    { port },
  );
  try {
    const api = await apiRequest.newContext({ baseURL: server.baseUrl });
    const setup = await api.post("/api/v1/setup", {
      data: {
        networkName: "Geocoded network",
        defaultLanguage: "en",
        timeZone: "UTC",
        adminName: "Ada",
        adminEmail: "ada@example.org",
        adminPassword: "correct horse battery",
      },
    });
    expect(setup.ok()).toBe(true);
    const { networkId } = (await setup.json()) as { networkId: string };
    const made = await api.post(`/api/v1/networks/${networkId}/groups`, {
      data: { name: "Centro", mode: "mutual_aid", timeZone: "UTC" },
    });
    expect(made.ok()).toBe(true);
    const { id: groupId } = (await made.json()) as { id: string };
    await api.dispose();

    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      baseURL: server.baseUrl,
    });
    const page = await openAskForm(context, EN, { id: groupId, name: "Centro" });
    const words = page.getByLabel(EN.ask.location.text);
    const lookUp = page.getByRole("button", { name: EN.location.lookup.button });
    await expect(page.getByText(EN.location.textHintLookup)).toBeVisible();

    // The geocoder answering garbage: its translated problem, and nothing chosen.
    await words.fill("broken street");
    await lookUp.click();
    await expect(page.getByRole("alert")).toContainText("The address search is not working");
    await expect(page.getByTestId("location-chosen")).toHaveText(EN.location.chosen.text);

    await words.fill("5 de Mayo y Bolívar");
    await lookUp.click();
    await expect(
      page.getByRole("status").getByText(EN.location.lookup.found.replace("{{count}}", "2")),
    ).toBeVisible();
    const choices = page.getByRole("group", { name: EN.location.lookup.legend });
    await expect(choices.getByRole("radio")).toHaveCount(2);
    await check(page);
    await choices.getByRole("radio", { name: "Calle 5 de Mayo, Centro, Ciudad de México" }).check();
    await expect(page.getByTestId("location-chosen")).toHaveText(
      EN.location.chosen.point
        .replace("{{latitude}}", "19.427025")
        .replace("{{longitude}}", "-99.167665"),
    );
    const last = asked.at(-1);
    expect(last?.get("q")).toBe("5 de Mayo y Bolívar");
    expect(last?.get("format")).toBe("jsonv2");
    expect(last?.get("accept-language")).toBe("en");

    await fillTheRest(page, EN, "Medicine pick-up from the pharmacy.");
    const token = await sendAndFollow(page, EN);
    expect((await statusOf(page, token)).location).toEqual({
      lat: 19.427025,
      lng: -99.167665,
      text: "5 de Mayo y Bolívar",
    });
    await context.close();
  } finally {
    await server.stop();
    nominatim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
