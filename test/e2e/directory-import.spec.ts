// Importing a spreadsheet of pantries into the directory, in Spanish: a network admin chooses a
// CSV, maps a column the server could not guess, reads the dry run (one row with latitude 100,
// its reason translated), chooses to skip invalid rows, imports, finds the import in the page's
// history and the new pantry in the directory. Every step accessible and without sideways
// scrolling.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import esRoutes from "../../src/web/i18n/directory-import/routes.es.json" with { type: "json" };
import esScreens from "../../src/web/i18n/directory-import/screens.es.json" with { type: "json" };
import { ADMIN, check, fill, ok } from "./kit";

const S = esScreens.directoryImport.screen;
const H = esScreens.directoryImport.history;
const R = esRoutes.directoryImport.sheet;

const csv = (run: string) => `Nombre,Dirección,Ciudad,Código postal,Apertura,Latitud,Longitud
Despensa Robles ${run},12 Calle Robles,Springfield,62701,Lunes a viernes de 9 a 5,39.78,-89.65
Comedor San Juan ${run},3 Main St,Springfield,62702,Sat 10am-2pm,100,-89.6
`;

test("an admin imports pantries from a spreadsheet after a dry run", async ({
  browser,
  viewport,
}) => {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 360, height: 740 },
    locale: "es-MX",
    baseURL: process.env.E2E_BASE_URL,
  });
  await ok(await context.request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  const run = randomUUID().slice(0, 8);
  const page = await context.newPage();

  await page.goto("/directory/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.title);
  await check(page);

  // 1. The file.
  await page.getByLabel(S.file.label, { exact: true }).setInputFiles({
    name: `despensas-${run}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(csv(run)),
  });
  await page.getByRole("button", { name: S.file.read }).click();

  // 2. The columns, guessed from the Spanish headers; "Apertura" is mapped by hand.
  await expect(page.getByRole("heading", { level: 2, name: S.steps.mapping })).toBeFocused();
  await expect(page.getByLabel(fill(S.mapping.column, { name: "Dirección" }))).toHaveValue(
    "address_1",
  );
  const hours = page.getByLabel(fill(S.mapping.column, { name: "Apertura" }));
  await expect(hours).toHaveValue("ignore");
  await hours.selectOption("hours");
  await page.getByLabel(S.mapping.state).fill("IL");
  await page.getByLabel(S.mapping.country).fill("US");
  await page.getByLabel(S.options.timeZone).fill("America/Chicago");
  await check(page);

  // 3. The dry run: the bad row and its translated reason; importing is blocked.
  await page.getByRole("button", { name: S.options.check }).click();
  await expect(page.getByRole("heading", { level: 2, name: S.steps.report })).toBeFocused();
  const report = page.getByRole("region", { name: S.steps.report });
  await expect(
    report
      .getByRole("listitem")
      .filter({ hasText: fill(R.csv_bad_latitude, { row: 3, value: "100" }) }),
  ).toBeVisible();
  await expect(report.getByText(S.report.blocked)).toBeVisible();
  await check(page);

  // Skip the invalid row, check again, import.
  await page.getByLabel(S.options.skipInvalid).check();
  await expect(report).toBeHidden();
  await page.getByRole("button", { name: S.options.check }).click();
  await page.getByRole("button", { name: S.report.confirm }).click();

  // 4. The summary, with a link to the new listing.
  await expect(page.getByRole("heading", { level: 2, name: S.steps.done })).toBeFocused();
  await expect(page.getByText(fill(S.done.summary, { created: 1, updated: 0 }))).toBeVisible();

  // The page's history: the import, who ran it, what it wrote.
  const history = page.getByRole("region", { name: H.title });
  const entry = history.getByRole("listitem").filter({
    has: page.getByRole("heading", { level: 3, name: `despensas-${run}.csv` }),
  });
  await expect(entry.getByText(H.outcome.applied, { exact: true })).toBeVisible();
  await expect(entry.getByText(/^Iniciada el .+ por /)).toBeVisible();
  await expect(entry.getByText(/^\d+ creados · 0 actualizados · 1 rechazados$/)).toBeVisible();
  await check(page);
  await page.getByRole("link", { name: fill(S.done.listing, { number: 1 }) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Despensa Robles ${run}`);

  // The directory's search finds it.
  await page.goto(`/directory?q=${encodeURIComponent(`Robles ${run}`)}`);
  await expect(page.getByText(`Despensa Robles ${run}`).first()).toBeVisible();
  await context.close();
});
