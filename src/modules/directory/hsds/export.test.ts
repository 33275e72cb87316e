// Exporting HSDS: the output validates against the official schemas, and importing it into an
// empty directory gives back exactly the same tables.
import { readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/db";
import { directoryImports, HSDS_DB_TABLES, hsdsSchedule, hsdsService } from "../schema";
import { compileServices } from "./compile";
import { exportHsds } from "./export";
import { importHsdsPath } from "./import";
import { loadHsdsSchemas } from "./schemas";
import { validateHsds } from "./validate";

const HSDS = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0");
const EXAMPLES = path.join(HSDS, "examples");
const SCHEMAS = path.join(HSDS, "schema");

let database: TestDatabase;
let scratch: string;

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = await mkdtemp(path.join(tmpdir(), "mutuo-hsds-export-"));
});
afterAll(async () => {
  await database.close();
  await rm(scratch, { recursive: true, force: true });
});

type Snapshot = Record<string, Record<string, unknown>[]>;

/** Every HSDS table's rows in id order, without Mutuo's arrival and change stamps. */
async function snapshot(): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [name, table] of Object.entries(HSDS_DB_TABLES)) {
    const rows = await database.db
      .select()
      .from(table)
      .orderBy(asc((table as unknown as { id: PgColumn }).id));
    out[name] = rows.map((row) => {
      const {
        mutuo_created_at: _c,
        mutuo_updated_at: _u,
        ...rest
      } = row as Record<string, unknown>;
      return rest;
    });
  }
  return out;
}

async function emptyDirectory(): Promise<void> {
  const names = Object.values(HSDS_DB_TABLES).map((t) => sql`${t}`);
  await database.db.execute(sql`truncate ${sql.join(names, sql`, `)}, ${directoryImports}`);
}

/** A second organization with two services (one without a place), beside the examples. */
const PANTRY = {
  id: "0190a000-0000-7000-8000-000000000001",
  name: "Food Bank",
  description: "Groceries for families",
  services: [
    {
      id: "0190a000-0000-7000-8000-000000000011",
      name: "Pantry",
      status: "active",
      schedules: [
        {
          id: "0190a000-0000-7000-8000-000000000021",
          freq: "WEEKLY",
          byday: "TU",
          opens_at: "09:00",
        },
      ],
      service_at_locations: [
        {
          id: "0190a000-0000-7000-8000-000000000031",
          location: {
            id: "0190a000-0000-7000-8000-000000000041",
            location_type: "physical",
            latitude: 19.43,
            longitude: -99.13,
          },
        },
      ],
    },
    { id: "0190a000-0000-7000-8000-000000000012", name: "Delivery", status: "temporarily closed" },
  ],
};

/** The official examples, each file imported in turn, then the CSV package and PANTRY. */
async function importExamples(): Promise<void> {
  const files = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const file of [...files.map((f) => path.join(EXAMPLES, f)), path.join(EXAMPLES, "csv")]) {
    const summary = await importHsdsPath(database.db, file, { defaultTimeZone: "UTC" });
    expect(summary.rejected, file).toEqual([]);
  }
  const pantry = path.join(scratch, "pantry.json");
  await writeFile(pantry, JSON.stringify(PANTRY));
  expect((await importHsdsPath(database.db, pantry, { defaultTimeZone: "UTC" })).rejected).toEqual(
    [],
  );
}

describe("exporting the directory", () => {
  let original: Snapshot;

  beforeAll(async () => {
    await emptyDirectory();
    await importExamples();
    original = await snapshot();
  });

  it.each(["json", "csv"] as const)(
    "%s export validates with no error and imports back the same tables",
    async (format) => {
      const dir = path.join(scratch, format);
      // One object per JSON file: a folder of many files imports back as one.
      const exported = await exportHsds(database.db, dir, {
        format,
        includeTest: true,
        objectsPerFile: 1,
      });
      expect(exported.records.service).toBe(original.service?.length);
      const report = await validateHsds(dir, { schemaDir: SCHEMAS });
      expect(report.errors.map((e) => `${e.file} ${e.pointer} ${e.code}: ${e.message}`)).toEqual(
        [],
      );

      await emptyDirectory();
      const summary = await importHsdsPath(database.db, dir, { defaultTimeZone: "UTC" });
      expect(summary.rejected).toEqual([]);
      expect(await snapshot()).toEqual(original);
    },
  );

  it("every record is in the JSON export", async () => {
    const dir = path.join(scratch, "json-files");
    const exported = await exportHsds(database.db, dir, { format: "json", includeTest: true });
    for (const [table, rows] of Object.entries(original)) {
      expect(exported.records[table as keyof typeof exported.records] ?? 0, table).toBe(
        rows.length,
      );
    }
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(["organizations.json", "services.json"]),
    );
    const split = path.join(scratch, "json-split");
    await exportHsds(database.db, split, { format: "json", includeTest: true, objectsPerFile: 1 });
    expect(readdirSync(split)).toEqual(
      expect.arrayContaining(["services-2.json", "services-3.json"]),
    );
  });

  it("a closure travels in JSON as an HSDS schedule with x_mutuo_closed", async () => {
    const closedId = "0190a000-0000-7000-8000-000000000021";
    await database.db
      .update(hsdsSchedule)
      .set({ mutuo_closed: true })
      .where(eq(hsdsSchedule.id, closedId));
    const [service] = await compileServices(database.db, ["0190a000-0000-7000-8000-000000000011"], {
      full: true,
    });
    expect(service?.schedules).toEqual([
      expect.objectContaining({ id: closedId, x_mutuo_closed: true }),
    ]);
    const dir = path.join(scratch, "closure");
    await exportHsds(database.db, dir, { format: "json", includeTest: true });
    await database.db
      .update(hsdsSchedule)
      .set({ mutuo_closed: false })
      .where(eq(hsdsSchedule.id, closedId));
    await importHsdsPath(database.db, dir, { defaultTimeZone: "UTC" });
    const [schedule] = await database.db
      .select()
      .from(hsdsSchedule)
      .where(eq(hsdsSchedule.id, closedId));
    expect(schedule?.mutuo_closed).toBe(true);
    await database.db
      .update(hsdsSchedule)
      .set({ mutuo_closed: false })
      .where(eq(hsdsSchedule.id, closedId));
  });

  it("leaves test records and what belongs to them out unless asked", async () => {
    const example = "ac148810-d857-441c-9679-408f346de14b";
    await database.db
      .update(hsdsService)
      .set({ mutuo_test: true })
      .where(eq(hsdsService.id, example));
    const without = await exportHsds(database.db, path.join(scratch, "no-test"), { format: "csv" });
    // The example service and its place link go; the pantry's two services and one link stay.
    expect(without.records.service).toBe(2);
    expect(without.records.service_at_location).toBe(1);
    const withTest = await exportHsds(database.db, path.join(scratch, "with-test"), {
      format: "csv",
      includeTest: true,
    });
    expect(withTest.records.service).toBe(3);
    await database.db
      .update(hsdsService)
      .set({ mutuo_test: false })
      .where(eq(hsdsService.id, example));
  });

  it("compiles a full service like the specification's service_full.json", async () => {
    // The CSV package links the example's attribute elsewhere: put it back on the service.
    await importHsdsPath(database.db, path.join(EXAMPLES, "service_full.json"), {
      defaultTimeZone: "UTC",
    });
    const [service] = await compileServices(database.db, ["ac148810-d857-441c-9679-408f346de14b"], {
      full: true,
    });
    if (!service) throw new Error("the example service was not compiled");
    expect(service.name).toBe("Community Counselling");
    expect(service.last_modified).toBe("2023-03-15T10:30:45.123Z");
    const [sal] = service.service_at_locations as Record<string, unknown>[];
    expect(sal?.location).toMatchObject({ id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5" });
    expect(JSON.stringify(service)).not.toContain("mutuo_");
    const [attribute] = service.attributes as Record<string, unknown>[];
    expect(attribute?.taxonomy_term).toMatchObject({ taxonomy_detail: { name: "name" } });
    const schemas = loadHsdsSchemas(SCHEMAS);
    const validate = schemas.validator("service");
    expect(validate(service), JSON.stringify(validate.errors)).toBe(true);
  });
});
