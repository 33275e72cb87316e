// The shareable list and the spreadsheet download: a visitor without an account reads what help
// is waiting by area (an area with too few needs is only counted) and gets it as text for a
// chat; a coordinator downloads the open requests as CSV, with personal columns only when ticked,
// and the download is in the activity log.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect as baseExpect, test } from "@playwright/test";
import enSharing from "../../src/web/i18n/sharing/screens.en.json" with { type: "json" };
import esSharing from "../../src/web/i18n/sharing/screens.es.json" with { type: "json" };
import { ADMIN, check, fill, ok } from "./kit";

const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(180_000);

test("anyone reads the shareable list and copies it as text; a coordinator downloads the CSV", async ({
  browser,
  viewport,
}) => {
  const size = viewport ?? { width: 360, height: 740 };
  const admin = await browser.newContext({ viewport: size, baseURL: process.env.E2E_BASE_URL });
  await ok(await admin.request.post("/api/v1/auth/sign-in", { data: ADMIN }));
  const run = randomUUID().slice(0, 8);
  const { networks } = await (await admin.request.get("/api/v1/networks")).json();
  const group = await ok(
    await admin.request.post(`/api/v1/networks/${networks[0].id}/groups`, {
      data: { name: `Sharing ${run}`, mode: "mutual_aid", timeZone: "UTC", joining: "open" },
    }),
  );

  // Five needs in one neighbourhood (enough to be listed), one alone far away (only counted).
  const neighbour = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const secretPhone = `+1 555 01${Math.floor(Math.random() * 90000 + 10000)}`;
  for (let i = 0; i < 5; i++) {
    await ok(
      await neighbour.request.post(`/api/v1/groups/${group.id}/needs`, {
        data: {
          category: i === 0 ? "ride" : "groceries",
          urgency: i === 0 ? "urgent" : "normal",
          description: `Need number ${i} of run ${run} with some different words ${i * 7}`,
          location: { lat: 37.5, lng: -122.3 },
          contact: { name: `Person ${i}`, phone: `${secretPhone}${i}`, channel: "sms" },
        },
      }),
    );
  }
  await ok(
    await neighbour.request.post(`/api/v1/groups/${group.id}/needs`, {
      data: {
        category: "housing",
        description: `A lonely need of run ${run}`,
        location: { lat: 40.7, lng: -74.0 },
        contact: { name: "Alone", phone: `${secretPhone}9`, channel: "sms" },
      },
    }),
  );

  // A visitor in Spanish, without an account, on the group's page → the shareable list.
  const visitor = await browser.newContext({
    viewport: size,
    baseURL: process.env.E2E_BASE_URL,
    locale: "es-ES",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await visitor.newPage();
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("link", { name: esSharing.sharing.shared.nav }).click();
  const es = esSharing.sharing.shared;
  await expect(
    page.getByRole("heading", { level: 1, name: fill(es.title, { group: `Sharing ${run}` }) }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", {
      name: `${fill(es.area, { number: 1 })}: ${fill(es.waiting_other, { count: 5 })}`,
    }),
  ).toBeVisible();
  await expect(page.getByText(fill(es.hidden_one, { count: 1 }))).toBeVisible();
  const body = (await page.locator("main").textContent()) ?? "";
  expect(body).not.toContain("Person");
  expect(body).not.toContain(secretPhone);
  await check(page);
  // The same list as text, in Spanish, ready for a chat.
  const text = page.getByLabel(es.textLabel);
  await expect(text).toHaveValue(/Zona 1: 5 en espera/);
  expect(await text.inputValue()).not.toContain(secretPhone);
  await page.getByRole("button", { name: es.copy }).click();
  await expect(page.getByText(new RegExp(`${es.copied}|${es.copyManually}`))).toBeVisible();

  // The coordinator (here the admin) downloads the open requests, without personal columns…
  const en = enSharing.sharing.export;
  const coordinator = await admin.newPage();
  await coordinator.goto(`/groups/${group.id}`);
  await coordinator.getByRole("link", { name: en.nav }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: en.title })).toBeVisible();
  await check(coordinator);
  let download = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: en.download }).click();
  const plain = readFileSync(await (await download).path(), "utf8");
  expect(plain.split("\n").filter((line) => line.trim()).length).toBe(7); // header + 6 needs
  expect(plain).not.toContain(secretPhone);
  expect(plain).not.toContain("Person 0");
  // …then, explicitly, with them.
  await coordinator.getByLabel(en.personal).check();
  download = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: en.download }).click();
  const personal = readFileSync(await (await download).path(), "utf8");
  expect(personal).toContain("Person 0");
  // Both downloads are in the group's activity log.
  const audit = await (await admin.request.get(`/api/v1/groups/${group.id}/audit`)).json();
  const exports = (audit.entries as { action: string }[]).filter(
    (entry) => entry.action === "needs.exported",
  );
  expect(exports).toHaveLength(2);
});
