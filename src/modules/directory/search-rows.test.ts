// The search rows follow every write: imported, re-imported with a place moved, a place marked as
// a test record, hours replaced and a service-at-place dropped, a steward's edit. After each, the
// rows are exactly what a rebuild from scratch gives, and each row's rules are the ones the
// service page reads from the schedules (search.ts rulesFor).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { importHsdsPath } from "./hsds/import";
import type { ScheduleRule } from "./schedule";
import { loadSchedules, rulesFor } from "./search";
import { flushSearchRefresh, queueSearchRefresh } from "./search-doc";
import { refreshSearchRows } from "./search-rows";
import { TERM_BY_CODE } from "./taxonomy";

let database: TestDatabase;
let scratch: string;

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = await mkdtemp(path.join(tmpdir(), "mutuo-rows-"));
});
afterAll(async () => {
  await database.close();
  await rm(scratch, { recursive: true, force: true });
});

const id = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const ORG = id(1);
const SERVICE = id(10);
const OTHER = id(11);
const [NORTH, SOUTH] = [id(20), id(21)];
const [SAL_NORTH, SAL_SOUTH, SAL_OTHER] = [id(30), id(31), id(32)];
const NO_ID = TERM_BY_CODE.get("no_id")?.id as string;

/** A food bank with one service at two places and another at one, hours at every level. */
function document(changes: { southLat?: number; dropSouth?: boolean } = {}) {
  const saturday = {
    id: id(40),
    freq: "WEEKLY",
    byday: "SA",
    opens_at: "09:00",
    closes_at: "12:00",
  };
  return {
    id: ORG,
    name: "Banco de Alimentos",
    description: "Comida para familias",
    services: [
      {
        id: SERVICE,
        name: "Despensa",
        status: "active",
        schedules: [
          { id: id(41), freq: "WEEKLY", byday: "MO,WE", opens_at: "10:00", closes_at: "14:00" },
          { id: id(42), valid_from: "2026-12-24", valid_to: "2026-12-25", x_mutuo_closed: true },
        ],
        languages: [{ id: id(50), code: "es" }],
        attributes: [{ id: id(60), link_entity: "service", taxonomy_term_id: NO_ID }],
        service_at_locations: [
          { id: SAL_NORTH, location_id: NORTH, schedules: [saturday] },
          ...(changes.dropSouth ? [] : [{ id: SAL_SOUTH, location_id: SOUTH }]),
        ],
      },
      {
        id: OTHER,
        name: "Clinic",
        status: "inactive",
        service_at_locations: [{ id: SAL_OTHER, location_id: SOUTH }],
      },
    ],
    locations: [
      { id: NORTH, location_type: "physical", latitude: 37.58, longitude: -122.33 },
      {
        id: SOUTH,
        location_type: "physical",
        latitude: changes.southLat ?? 37.5,
        longitude: -122.3,
        languages: [{ id: id(51), code: "zh" }],
        schedules: [
          { id: id(43), freq: "WEEKLY", byday: "TU", opens_at: "08:00", closes_at: "09:00" },
          { id: id(44), valid_from: "2026-12-31", valid_to: "2026-12-31", x_mutuo_closed: true },
        ],
      },
    ],
  };
}

async function importDocument(doc: unknown) {
  const file = path.join(scratch, "org.json");
  await writeFile(file, JSON.stringify(doc));
  const summary = await importHsdsPath(database.db, file, { defaultTimeZone: "America/Chicago" });
  expect(summary.rejected).toEqual([]);
}

interface Row {
  id: string;
  service_id: string;
  sal_id: string | null;
  location_id: string | null;
  active: boolean;
  test: boolean;
  placed: boolean;
  latitude: number | null;
  languages: string[];
  term_ids: string[];
  rules: ScheduleRule[];
}

async function rows(): Promise<Row[]> {
  const result: unknown = await database.db.execute(
    sql`select * from directory_search order by id`,
  );
  return (result as { rows: Row[] }).rows;
}

/** The rows as kept equal the rows rebuilt from scratch, and their rules equal rulesFor's. */
async function expectConsistent(): Promise<Row[]> {
  const kept = await rows();
  await refreshSearchRows(database.db, "all");
  expect(kept).toEqual(await rows());
  const schedules = await loadSchedules(database.db, {
    serviceIds: kept.map((r) => r.service_id),
    locationIds: kept.flatMap((r) => (r.location_id ? [r.location_id] : [])),
    salIds: kept.flatMap((r) => (r.sal_id ? [r.sal_id] : [])),
  });
  const key = (rules: ScheduleRule[]) =>
    rules
      .map((r) =>
        JSON.stringify([
          r.byday ?? null,
          r.opens_at ?? null,
          r.valid_from ?? null,
          !!r.mutuo_closed,
        ]),
      )
      .sort();
  for (const row of kept) {
    const expected = rulesFor(schedules, row.service_id, row.sal_id, row.location_id);
    expect(key(row.rules), row.id).toEqual(key(expected));
  }
  return kept;
}

describe("search rows", () => {
  it("hold a row per service at a place with its languages, terms, flags and rules", async () => {
    await importDocument(document());
    const kept = await expectConsistent();
    expect(kept.map((r) => r.id)).toEqual([SAL_NORTH, SAL_SOUTH, SAL_OTHER].sort());
    const north = kept.find((r) => r.id === SAL_NORTH);
    const south = kept.find((r) => r.id === SAL_SOUTH);
    const other = kept.find((r) => r.id === SAL_OTHER);
    expect(north).toMatchObject({ service_id: SERVICE, location_id: NORTH, placed: true });
    expect(north?.languages).toEqual(["es"]);
    expect(south?.languages).toEqual(["es", "zh"]);
    expect(north?.term_ids).toEqual([NO_ID]);
    // North: its own Saturday hours, then the service's closure.
    expect(north?.rules.map((r) => r.byday ?? "closed")).toEqual(["SA", "closed"]);
    // South has no hours of its own: the service's, then every closure (service's and place's).
    expect(south?.rules.map((r) => r.byday ?? r.valid_from)).toEqual([
      "MO,WE",
      "2026-12-24",
      "2026-12-31",
    ]);
    // The clinic has no hours: the place's, and the place's closure.
    expect(other?.rules.map((r) => r.byday ?? r.valid_from)).toEqual(["TU", "2026-12-31"]);
    expect(other).toMatchObject({ active: false, test: false });
  });

  it("follow a moved place, a test place and a dropped service-at-place", async () => {
    await importDocument(document({ southLat: 37.45 }));
    expect((await expectConsistent()).find((r) => r.id === SAL_SOUTH)?.latitude).toBe(37.45);
    // A source's test flag (the Ohana importer sets it), then the place's rows refreshed.
    await database.db.execute(sql`update hsds_location set mutuo_test = true where id = ${SOUTH}`);
    await refreshSearchRows(database.db, { locationIds: [SOUTH] });
    const flagged = await expectConsistent();
    expect(flagged.filter((r) => r.test).map((r) => r.id)).toEqual([SAL_SOUTH, SAL_OTHER].sort());
    await importDocument(document({ dropSouth: true }));
    const dropped = await expectConsistent();
    expect(dropped.map((r) => r.id)).toEqual([SAL_NORTH, SAL_OTHER].sort());
  });

  it("give a service without a place one row of its own", async () => {
    await database.db.execute(
      sql`delete from hsds_service_at_location where service_id = ${OTHER}`,
    );
    await refreshSearchRows(database.db, { salIds: [SAL_OTHER] });
    const kept = await expectConsistent();
    expect(kept.find((r) => r.service_id === OTHER)).toMatchObject({
      id: OTHER,
      sal_id: null,
      location_id: null,
      placed: false,
      rules: [],
    });
  });

  it("of a streamed import are rebuilt at its end, and a queue left behind is flushed later", async () => {
    const file = path.join(scratch, "org.ndjson");
    const moved = document({ southLat: 37.4 });
    await writeFile(file, `${JSON.stringify(moved)}\n`);
    const summary = await importHsdsPath(database.db, file, { defaultTimeZone: "America/Chicago" });
    expect(summary.rejected).toEqual([]);
    const pending = async () =>
      (
        (await database.db.execute(
          sql`select count(*)::int as n from directory_search_pending`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n;
    expect(await pending()).toBe(0);
    expect((await expectConsistent()).find((r) => r.id === SAL_SOUTH)?.latitude).toBe(37.4);
    // An import that stopped after committing a batch: its queue waits for the next flush.
    await database.db.execute(sql`update hsds_location set latitude = 37.3 where id = ${SOUTH}`);
    await queueSearchRefresh(database.db, { locationIds: [SOUTH] });
    expect(await pending()).toBe(1);
    expect((await rows()).find((r) => r.id === SAL_SOUTH)?.latitude).toBe(37.4);
    expect(await flushSearchRefresh(database.db)).toBe(1);
    expect(await pending()).toBe(0);
    expect((await rows()).find((r) => r.id === SAL_SOUTH)?.latitude).toBe(37.3);
    expect(await flushSearchRefresh(database.db)).toBe(0);
  });
});
