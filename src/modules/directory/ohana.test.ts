// The San Mateo County Ohana export (real data, ../shared/data/ohana-san-mateo) read into HSDS
// and imported: every record arrives, test rows are flagged, places and hours are right, and a
// second import changes nothing.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { applyHsds } from "./hsds/store";
import { stableId } from "./import-common";
import { looksLikeTest, readOhanaFolder } from "./ohana";
import { ohanaDate } from "./ohana-hours";
import { hsdsLocation, hsdsOrganization, hsdsPhone, hsdsSchedule, hsdsService } from "./schema";

const SAN_MATEO = path.resolve(__dirname, "../../../../shared/data/ohana-san-mateo");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function importSanMateo() {
  const { records, problems } = await readOhanaFolder(SAN_MATEO, { year: 2026 });
  const summary = await applyHsds(database.db, records, {
    source: SAN_MATEO,
    format: "ohana",
    defaultTimeZone: "America/Los_Angeles",
    problems,
  });
  return { records, problems, summary };
}

describe("readOhanaFolder", () => {
  it("maps every Ohana file to HSDS tables, one record per source row", async () => {
    const { records, problems } = await readOhanaFolder(SAN_MATEO, { year: 2026 });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(records.organization).toHaveLength(8);
    expect(records.program).toHaveLength(1);
    expect(records.location).toHaveLength(22);
    // 21 street addresses + 21 mailing addresses.
    expect(records.address).toHaveLength(42);
    expect(records.address?.filter((a) => a.address_type === "postal")).toHaveLength(21);
    expect(records.service).toHaveLength(23);
    expect(records.service_at_location).toHaveLength(23);
    expect(records.taxonomy_term).toHaveLength(290);
    // 54 phones, 6 of which belong only to staff contacts (contacts.csv is not published).
    expect(records.phone).toHaveLength(48);
    expect(problems.filter((p) => p.code === "ohana_phone_of_contact")).toHaveLength(6);
    // 11 weekly rows; 2 "every year" closures × 2 years per place + 1 dated holiday + 1 service closure × 2.
    expect(records.schedule?.filter((s) => s.freq === "WEEKLY" && !s.valid_from)).toHaveLength(11);
    expect(records.schedule?.filter((s) => s.mutuo_closed === true)).toHaveLength(6);
  });

  it("parses every weekly time, whatever its format", async () => {
    const { records } = await readOhanaFolder(SAN_MATEO, { year: 2026 });
    const weekly = (records.schedule ?? []).filter((s) => !s.valid_from);
    for (const s of weekly) {
      expect(s.opens_at).toMatch(/^\d\d:\d\d$/);
      expect(s.closes_at).toMatch(/^\d\d:\d\d$/);
    }
    const byId = new Map(weekly.map((s) => [s.id, s]));
    // "14:00" to "4:00 PM", "10:00" to "3pm", "9am" to "03:00".
    expect(byId.get(stableId("ohana:regular_schedule:9"))).toMatchObject({
      byday: "MO",
      opens_at: "14:00",
      closes_at: "16:00",
    });
    expect(byId.get(stableId("ohana:regular_schedule:10"))).toMatchObject({
      byday: "WE",
      closes_at: "15:00",
    });
    expect(byId.get(stableId("ohana:regular_schedule:13"))).toMatchObject({
      opens_at: "09:00",
      closes_at: "03:00",
    });
  });

  it("splits language lists into rows with ISO codes", async () => {
    const { records } = await readOhanaFolder(SAN_MATEO, { year: 2026 });
    const second = stableId("ohana:location:2");
    const langs = (records.language ?? []).filter((l) => l.location_id === second);
    expect(langs.map((l) => l.code).sort()).toEqual(["es", "it", "tl", "zh"]);
  });

  it("reads Ohana's dates, year 1 meaning every year", () => {
    expect(ohanaDate("January 01, 0001")).toEqual({ year: null, month: 1, day: 1 });
    expect(ohanaDate("12/24/15")).toEqual({ year: 2015, month: 12, day: 24 });
    expect(ohanaDate("02/30/2015")).toBeNull();
  });

  it("tells test records from real ones that mention a test", () => {
    expect(looksLikeTest(["Admin Test Location"], [])).toBe(true);
    expect(looksLikeTest(["Example Location"], [])).toBe(true);
    expect(looksLikeTest(["Fake Org"], [])).toBe(true);
    expect(
      looksLikeTest(["Location with no phone"], ["An organization created for testing purposes."]),
    ).toBe(true);
    expect(looksLikeTest(["Little House"], ["A TB test is required."])).toBe(false);
  });

  it("refuses a folder without the Ohana files, naming what is missing", async () => {
    const { records, problems } = await readOhanaFolder(path.resolve(__dirname, "schedule"));
    expect(records).toEqual({});
    expect(problems.map((p) => [p.code, p.file])).toEqual([
      ["ohana_missing_file", "organizations.csv"],
      ["ohana_missing_file", "locations.csv"],
    ]);
  });
});

/** The San Mateo folder copied with one file's text replaced. */
async function sanMateoWith(file: string, from: string, to: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "mutuo-ohana-"));
  for (const name of await readdir(SAN_MATEO))
    await copyFile(path.join(SAN_MATEO, name), path.join(dir, name));
  const text = await readFile(path.join(dir, file), "utf8");
  await writeFile(path.join(dir, file), text.replace(from, to));
  return dir;
}

describe("importing the San Mateo data", () => {
  it("refuses an unreadable opening time with its text, writing nothing", async () => {
    const dir = await sanMateoWith("regular_schedules.csv", "4:00 PM", "teatime");
    try {
      const { records, problems } = await readOhanaFolder(dir, { year: 2026 });
      expect(problems.filter((p) => p.severity === "error")).toMatchObject([
        {
          code: "ohana_bad_time",
          file: "regular_schedules.csv",
          params: { row: 10, value: "teatime" },
        },
      ]);
      const summary = await applyHsds(database.db, records, {
        source: dir,
        format: "ohana",
        defaultTimeZone: "UTC",
        problems,
      });
      expect(summary.rejected.map((p) => p.code)).toContain("ohana_bad_time");
      expect(await database.db.select().from(hsdsService)).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a services file that is not UTF-8", async () => {
    const dir = await sanMateoWith("services.csv", "", "");
    try {
      await writeFile(
        path.join(dir, "services.csv"),
        Buffer.from("id,name\n1,Caf\xe9\n", "latin1"),
      );
      const { records, problems } = await readOhanaFolder(dir);
      expect(records).toEqual({});
      expect(problems).toMatchObject([{ code: "not_utf8", file: "services.csv" }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes every record, flags the test rows and places every geocoded location", async () => {
    const { summary } = await importSanMateo();
    expect(summary.rejected).toEqual([]);
    expect(summary.created.service).toBe(23);
    expect(summary.created.location).toBe(22);

    const locations = await database.db.select().from(hsdsLocation);
    expect(locations).toHaveLength(22);
    const placed = locations.filter((l) => l.mutuo_placed);
    expect(placed).toHaveLength(21);
    const virtual = locations.find((l) => l.latitude === null);
    expect(virtual).toMatchObject({
      name: "Location with no phone",
      mutuo_placed: false,
      location_type: "virtual",
    });
    expect(locations.every((l) => l.mutuo_time_zone === "America/Los_Angeles")).toBe(true);

    const testNames = (rows: { name: string | null; mutuo_test: boolean }[]) =>
      rows
        .filter((r) => r.mutuo_test)
        .map((r) => r.name)
        .sort();
    expect(testNames(locations)).toEqual([
      "Admin Test Location",
      "Example Location",
      "Location with no phone",
    ]);
    expect(testNames(await database.db.select().from(hsdsOrganization))).toEqual([
      "Admin Test Org",
      "Example Agency",
      "Fake Org",
    ]);
    const services = await database.db.select().from(hsdsService);
    expect(testNames(services)).toEqual([
      "Example Service Name",
      "Passport Photos",
      "Service for Admin Test Location",
      "Service with blank fields",
    ]);
    expect(services.find((s) => s.name === "Service with blank fields")?.status).toBe("defunct");

    const schedules = await database.db.select().from(hsdsSchedule);
    expect(schedules.filter((s) => !s.valid_from).every((s) => s.opens_at && s.closes_at)).toBe(
      true,
    );
    const phones = await database.db
      .select()
      .from(hsdsPhone)
      .where(eq(hsdsPhone.id, stableId("ohana:phone:46")));
    expect(phones[0]).toMatchObject({ type: "textphone", extension: 202 });
  });

  it("imports again without creating anything", async () => {
    const { summary } = await importSanMateo();
    expect(summary.rejected).toEqual([]);
    expect(summary.created).toEqual({});
    expect(summary.services.created).toBe(0);
    expect(await database.db.select().from(hsdsService)).toHaveLength(23);
  });

  it("keeps the test flags when another source, which says nothing about them, updates a record", async () => {
    const [example] = await database.db
      .select()
      .from(hsdsService)
      .where(eq(hsdsService.name, "Example Service Name"));
    expect(example?.mutuo_test).toBe(true);
    const summary = await applyHsds(
      database.db,
      {
        service: [
          {
            id: example?.id,
            organization_id: example?.organization_id,
            name: "Example Service Name",
            status: "active",
            description: "Updated through an HSDS file",
          },
        ],
      },
      { source: "hsds.json", format: "hsds-json", defaultTimeZone: "UTC" },
    );
    expect(summary.rejected).toEqual([]);
    const [after] = await database.db
      .select()
      .from(hsdsService)
      .where(eq(hsdsService.id, example?.id as string));
    expect(after).toMatchObject({ description: "Updated through an HSDS file", mutuo_test: true });
  });
});
