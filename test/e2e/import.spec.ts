// Importing a spreadsheet, in Spanish: a coordinator chooses a Google Forms export, checks the
// guessed columns, reads the dry run's report (counts, then the rows to look at), imports, and
// the requests are on the group's list. Every step accessible and without sideways scrolling.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import esImports from "../../src/web/i18n/imports/es.json" with { type: "json" };
import esImportScreens from "../../src/web/i18n/imports/screens.es.json" with { type: "json" };
import { ADMIN, check, fill, ok } from "./kit";

const S = esImportScreens.imports.screen;

const csv = (
  run: string,
) => `\uFEFFMarca temporal,¿Qué necesitas?,Tipo de ayuda,Urgencia,Teléfono,Barrio,Latitud,Longitud
25/3/2024 14:05:09,"Comida para mi familia ${run}
y pañales talla 3",Despensa / Comida,Urgente,+1 650 555 0199,North Fair Oaks,37.48,-122.23
26/3/2024 9:12:44,Que me lleven al médico el martes ${run},Transporte,Alta,650 555 0100,Redwood City,,
27/3/2024 10:00:00,Ayuda con la renta ${run},Vivienda,Normal,650 555 0101,Centro,100,-122.2
`;

test("a coordinator imports requests from a Google Forms export after checking a dry run", async ({
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
  const { networks } = await (await context.request.get("/api/v1/networks")).json();
  const group = await ok(
    await context.request.post(`/api/v1/networks/${networks[0].id}/groups`, {
      data: { name: `Importación ${run}`, mode: "mutual_aid", timeZone: "America/Los_Angeles" },
    }),
  );
  const page = await context.newPage();

  // The group's page links to the import for its coordinators.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("navigation").getByRole("link", { name: S.nav, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/import$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(S.title);
  await check(page);

  // 1. The file.
  await page.getByLabel(S.file.label).setInputFiles({
    name: "respuestas.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv(run)),
  });
  await page.getByRole("button", { name: S.file.read }).click();

  // 2. The columns, guessed; the heading takes focus.
  await expect(page.getByRole("heading", { level: 2, name: S.steps.columns })).toBeFocused();
  await expect(page.getByText(fill(S.columns.rows, { count: 3 }))).toBeVisible();
  const dateColumn = page.getByLabel(fill(S.columns.columnLabel, { header: "Marca temporal" }));
  await expect(dateColumn).toHaveValue("createdAt");
  await expect(page.getByLabel(fill(S.columns.columnLabel, { header: "Barrio" }))).toHaveValue(
    "locationText",
  );
  await expect(page.getByRole("radio", { name: S.columns.dmy })).toBeChecked();
  await check(page);

  // 3. The dry run: the summary, then the rows to look at; nothing written yet.
  await page.getByRole("button", { name: S.columns.check }).click();
  const report = page.getByRole("region", { name: new RegExp(S.report.dryTitle) });
  await expect(
    page.getByRole("heading", { level: 2, name: new RegExp(S.report.dryTitle) }),
  ).toBeFocused();
  await expect(
    page.getByRole("status").getByText(fill(S.report.checked, { count: 2 })),
  ).toBeVisible();
  const counts = report.locator(".import-counts");
  await expect(counts.locator("div", { hasText: S.report.createNeeds }).locator("dd")).toHaveText(
    "2",
  );
  await expect(counts.locator("div", { hasText: S.report.invalid }).locator("dd")).toHaveText("1");
  await expect(
    report.getByRole("listitem").filter({
      hasText: fill(esImports.imports.rowProblems.lat_invalid, { value: "100" }),
    }),
  ).toContainText(fill(S.report.problemColumn, { row: 4, column: "Latitud" }));
  const before = await ok(await context.request.get(`/api/v1/groups/${group.id}/needs`));
  expect(before.needs).toHaveLength(0);
  await check(page);

  // A free-text answer read differently: "Transporte" becomes an errand; checked again.
  await page
    .getByLabel(fill(S.report.categoryValue, { text: "transporte", count: 1 }))
    .selectOption("errands");
  await expect(report).toHaveCount(0);
  await page.getByRole("button", { name: S.columns.check }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: new RegExp(S.report.dryTitle) }),
  ).toBeFocused();

  // 4. Import: the requests are in the group's queue, as new.
  await page.getByRole("button", { name: fill(S.report.confirmNeeds_other, { count: 2 }) }).click();
  await expect(page.getByRole("heading", { level: 2, name: S.report.doneTitle })).toBeFocused();
  await expect(page.getByText(fill(S.report.doneNeeds, { count: 2 }))).toBeVisible();
  await check(page);
  const after = await ok(await context.request.get(`/api/v1/groups/${group.id}/needs`));
  expect(after.needs.map((n: { description: string }) => n.description).sort()).toEqual([
    `Comida para mi familia ${run}\ny pañales talla 3`,
    `Que me lleven al médico el martes ${run}`,
  ]);
  expect(after.needs.map((n: { status: string }) => n.status)).toEqual(["new", "new"]);
  expect(after.needs.map((n: { category: string }) => n.category).sort()).toEqual([
    "errands",
    "groceries",
  ]);
  await context.close();
});
