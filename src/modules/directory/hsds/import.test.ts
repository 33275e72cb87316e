// Importing HSDS: the official examples, idempotence, all-or-nothing, bad files, nested lists.
import { readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/db";
import { importHistory, STALLED_AFTER_MS, unfinishedImports } from "../import-history";
import { directoryImports, HSDS_DB_TABLES, hsdsLocation, hsdsPhone, hsdsService } from "../schema";
import { importHsdsBuffer, importHsdsPath } from "./import";
import { ANALYZE_AFTER_ROWS, analyzeChanged, type ImportSummary } from "./store";

const EXAMPLES = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0/examples");
const SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b";

let database: TestDatabase;
let scratch: string;

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = await mkdtemp(path.join(tmpdir(), "mutuo-hsds-import-"));
});
afterAll(async () => {
  await database.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Empties every HSDS table and the import history. */
async function emptyDirectory(): Promise<void> {
  const names = Object.values(HSDS_DB_TABLES).map((t) => sql`${t}`);
  await database.db.execute(sql`truncate ${sql.join(names, sql`, `)}, ${directoryImports}`);
}

async function rowCount(table: keyof typeof HSDS_DB_TABLES): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(HSDS_DB_TABLES[table]);
  return Number(row?.n ?? 0);
}

const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
const errors = (s: ImportSummary) =>
  s.rejected.map((p) => `${p.code} ${p.table} ${p.pointer}: ${p.message}`);

const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));

describe("the official HSDS 3.0 examples", () => {
  beforeEach(emptyDirectory);

  it.each(exampleFiles)("%s imports with no rejection", async (file) => {
    const summary = await importHsdsPath(database.db, path.join(EXAMPLES, file), {
      defaultTimeZone: "UTC",
    });
    expect(errors(summary)).toEqual([]);
    if (file !== "base.json") expect(total(summary.created)).toBeGreaterThan(0);
  });

  it("the CSV package imports with no rejection, latitude 100 kept but not placed", async () => {
    const summary = await importHsdsPath(database.db, path.join(EXAMPLES, "csv"), {
      defaultTimeZone: "UTC",
    });
    expect(errors(summary)).toEqual([]);
    expect(summary.created.service).toBe(1);
    expect(summary.warnings.map((w) => w.code)).toContain("coordinates_out_of_range");
    const [location] = await database.db.select().from(hsdsLocation);
    expect(location?.latitude).toBe(100);
    expect(location?.mutuo_placed).toBe(false);
  });
});

/** A small, valid directory: one organization with one service that has two phones. */
function listing(phones = ["+1 555 0100", "+1 555 0101"]) {
  return {
    id: "0190a000-0000-7000-8000-000000000001",
    name: "Food Bank",
    description: "Groceries for families",
    services: [
      {
        id: SERVICE_ID,
        name: "Pantry",
        status: "active",
        phones: phones.map((number, i) => ({
          id: `0190a000-0000-7000-8000-00000000010${i}`,
          number,
        })),
      },
    ],
    locations: [
      {
        id: "0190a000-0000-7000-8000-000000000201",
        location_type: "physical",
        latitude: 37.56,
        longitude: -122.32,
      },
    ],
  };
}

async function importJson(
  name: string,
  document: unknown,
  opts: Parameters<typeof importHsdsPath>[2] = {},
) {
  const file = path.join(scratch, name);
  await writeFile(file, JSON.stringify(document));
  return importHsdsPath(database.db, file, { defaultTimeZone: "America/Los_Angeles", ...opts });
}

describe("importing", () => {
  beforeEach(emptyDirectory);

  it("a re-import updates by id and never duplicates", async () => {
    const first = await importJson("org.json", listing());
    expect(first.created).toMatchObject({ organization: 1, service: 1, phone: 2, location: 1 });
    expect(first.services).toEqual({ created: 1, updated: 0 });
    const again = await importJson("org.json", listing());
    expect(again.created).toEqual({});
    expect(again.updated).toEqual({});
    expect(again.unchanged).toMatchObject({ organization: 1, service: 1, phone: 2, location: 1 });
    const renamed = listing();
    renamed.services[0] = {
      ...(renamed.services[0] as object),
      name: "Pantry (Tuesdays)",
    } as never;
    const third = await importJson("org.json", renamed);
    expect(third.created).toEqual({});
    expect(third.services).toEqual({ created: 0, updated: 1 });
    expect(await rowCount("service")).toBe(1);
    expect(await rowCount("phone")).toBe(2);
    const [location] = await database.db.select().from(hsdsLocation);
    expect(location).toMatchObject({ mutuo_placed: true, mutuo_time_zone: "America/Los_Angeles" });
    expect(location?.mutuo_h3_r8).toMatch(/^88/);
    const history = await database.db.select().from(directoryImports);
    expect(history.map((h) => h.status)).toEqual(["applied", "applied", "applied"]);
  });

  it("removing a nested phone and importing again deletes it", async () => {
    await importJson("org.json", listing());
    const summary = await importJson("org.json", listing(["+1 555 0100"]));
    expect(summary.deleted).toEqual({ phone: 1 });
    const phones = await database.db.select().from(hsdsPhone);
    expect(phones.map((p) => p.number)).toEqual(["+1 555 0100"]);
  });

  it("a bad record rejects the whole import, and with skipInvalid only it stays out", async () => {
    const bad = listing();
    bad.services.push({
      id: "0190a000-0000-7000-8000-000000000009",
      name: "",
      status: "open",
      phones: [],
    });
    const refused = await importJson("bad.json", bad);
    expect(refused.rejected.map((p) => [p.code, p.id, p.pointer])).toEqual([
      ["missing_required", "0190a000-0000-7000-8000-000000000009", "/services/1/name"],
      ["invalid_status", "0190a000-0000-7000-8000-000000000009", "/services/1/status"],
    ]);
    expect(await rowCount("organization")).toBe(0);
    expect(await rowCount("service")).toBe(0);
    const [failed] = await database.db.select().from(directoryImports);
    expect(failed?.status).toBe("failed");

    const skipped = await importJson("bad.json", bad, { skipInvalid: true });
    expect(skipped.created).toMatchObject({ organization: 1, service: 1, phone: 2 });
    expect(await rowCount("service")).toBe(1);
  });

  it("a child of a rejected record is left out with it", async () => {
    const bad = listing();
    (bad.services[0] as Record<string, unknown>).status = "maybe";
    const summary = await importJson("bad.json", bad, { skipInvalid: true });
    expect(summary.rejected.map((p) => p.code).sort()).toEqual([
      "invalid_status",
      "parent_rejected",
      "parent_rejected",
    ]);
    expect(await rowCount("phone")).toBe(0);
    expect(await rowCount("organization")).toBe(1);
  });

  it("a reference to nothing is refused; latitude 100 is kept unplaced with a warning", async () => {
    const summary = await importJson("svc.json", {
      id: SERVICE_ID,
      name: "Orphan",
      status: "active",
      organization_id: "0190a000-0000-7000-8000-0000000000ff",
    });
    expect(summary.rejected.map((p) => p.code)).toEqual(["dangling_reference"]);
    const far = listing();
    (far.locations[0] as Record<string, unknown>).latitude = 100;
    const placed = await importJson("far.json", far);
    expect(placed.rejected).toEqual([]);
    expect(placed.warnings.map((w) => w.code)).toEqual(["coordinates_out_of_range"]);
    const [location] = await database.db.select().from(hsdsLocation);
    expect(location).toMatchObject({ latitude: 100, mutuo_placed: false, mutuo_h3_r7: null });
  });

  it("the same id twice with different content is a conflict", async () => {
    const twice = [listing(), { ...listing(), name: "Other name" }];
    const summary = await importJson("twice.json", twice);
    expect(summary.rejected.map((p) => p.code)).toEqual(["conflicting_duplicate"]);
    expect(await rowCount("organization")).toBe(0);
  });

  it("a service's search words follow its organization and its renamed terms", async () => {
    const term = (name: string) => ({
      id: "0190a000-0000-7000-8000-000000000301",
      name,
      description: "Where to find meals",
      term_uri: "http://example.org/meals",
    });
    const withTerm = listing();
    (withTerm.services[0] as Record<string, unknown>).attributes = [
      { id: "0190a000-0000-7000-8000-000000000302", taxonomy_term: term("Hot meals") },
    ];
    await importJson("org.json", withTerm);
    await importJson("term.json", term("Soup kitchen"));
    const [service] = await database.db.select().from(hsdsService);
    expect(service?.mutuo_search_doc).toContain("soup kitchen");
    expect(service?.mutuo_search_doc).toContain("food bank");
  });

  it("a dry run says what would happen and writes nothing", async () => {
    const summary = await importJson("org.json", listing(), { dryRun: true });
    expect(summary).toMatchObject({
      importId: null,
      dryRun: true,
      services: { created: 1, updated: 0 },
    });
    expect(await rowCount("service")).toBe(0);
    expect(await database.db.select().from(directoryImports)).toEqual([]);
  });

  it("NDJSON streams in batches, each line with its own pointer", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 2500; i++) {
      const id = `0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`;
      lines.push(
        JSON.stringify({ id, name: `Org ${i}`, description: "d", website: "http://example.org" }),
      );
    }
    lines.push(
      JSON.stringify({
        id: "0190a000-0000-7000-8000-999999999999",
        name: "No description",
        website: "x",
      }),
    );
    const file = path.join(scratch, "orgs.ndjson");
    await writeFile(file, `${lines.join("\n")}\n`);
    const refused = await importHsdsPath(database.db, file, {});
    expect(refused.rejected.map((p) => [p.code, p.pointer])).toEqual([
      ["missing_required", "/2501/description"],
    ]);
    expect(await rowCount("organization")).toBe(0);
    const progress: number[] = [];
    const summary = await importHsdsPath(database.db, file, {
      skipInvalid: true,
      onProgress: (done, totalRows) => {
        if (totalRows !== null) progress.push(done);
      },
    });
    expect(summary.created).toEqual({ organization: 2500 });
    expect(progress.at(-1)).toBe(2500);
    expect(progress.length).toBeGreaterThan(2);
  });
});

describe("an import stopped part-way", () => {
  beforeEach(emptyDirectory);

  const orgLines = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        id: `0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        name: `Org ${i}`,
        description: "d",
        website: "http://example.org",
      }),
    ).join("\n");

  it("keeps the batches a streamed import committed, says how far it got, and is finished by running it again", async () => {
    const file = path.join(scratch, "stopped.ndjson");
    await writeFile(file, `${orgLines(1000)}\n`);
    const stop = new AbortController();
    const stopped = await importHsdsPath(database.db, file, {
      signal: stop.signal,
      // Asked to stop while the first batch (250 lines) is being written.
      onProgress: (done, totalRows) => {
        if (totalRows !== null && done > 0) stop.abort();
      },
    });
    expect(stopped.interrupted).toEqual({ recordsDone: 250, recordsTotal: 1000 });
    expect(await rowCount("organization")).toBe(250);
    const [row] = await database.db.select().from(directoryImports);
    expect(row).toMatchObject({ status: "interrupted", records_done: 250, records_total: 1000 });
    expect(row?.finished_at).not.toBeNull();
    const first = await importHistory(database.db, 1);
    expect(first.imports[0]).toMatchObject({
      outcome: "interrupted",
      recordsDone: 250,
      recordsTotal: 1000,
      created: 250,
      completedBy: null,
    });
    expect((await unfinishedImports(database.db, file)).map((r) => r.id)).toEqual([row?.id]);

    const again = await importHsdsPath(database.db, file, {});
    expect(again.interrupted).toBeUndefined();
    expect(again.created).toEqual({ organization: 750 });
    expect(again.unchanged).toEqual({ organization: 250 });
    expect(await rowCount("organization")).toBe(1000);
    const history = await importHistory(database.db, 1);
    expect(history.total).toBe(2);
    expect(history.imports.map((i) => [i.outcome, i.recordsDone])).toEqual([
      ["applied", 1000],
      ["interrupted", 250],
    ]);
    expect(history.imports[1]?.completedBy?.id).toBe(again.importId);
    expect(await unfinishedImports(database.db, file)).toEqual([]);
  });

  it("a one-transaction import stopped before its end writes nothing", async () => {
    const stop = new AbortController();
    const summary = await importHsdsBuffer(
      database.db,
      Buffer.from(JSON.stringify(listing())),
      "one.json",
      {
        signal: stop.signal,
        // Asked to stop once the (only) batch is checked, before it is written.
        onProgress: (_done, totalRows) => {
          if (totalRows === null) stop.abort();
        },
      },
    );
    expect(summary.interrupted).toEqual({ recordsDone: 0, recordsTotal: expect.any(Number) });
    expect(summary.created).toEqual({});
    expect(await rowCount("organization")).toBe(0);
    const [row] = await database.db.select().from(directoryImports);
    expect(row).toMatchObject({ status: "interrupted", records_done: 0, created: 0 });
  });

  it("stopped while still checking, an import writes nothing and leaves no record", async () => {
    const file = path.join(scratch, "checking.ndjson");
    await writeFile(file, `${orgLines(600)}\n`);
    const stop = new AbortController();
    const summary = await importHsdsPath(database.db, file, {
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(summary).toMatchObject({ importId: null, interrupted: { recordsDone: 0 } });
    expect(await rowCount("organization")).toBe(0);
    expect(await database.db.select().from(directoryImports)).toEqual([]);
  });

  it("asked to stop after its last batch, an import is simply applied", async () => {
    const file = path.join(scratch, "last.ndjson");
    await writeFile(file, `${orgLines(300)}\n`);
    const stop = new AbortController();
    const summary = await importHsdsPath(database.db, file, {
      signal: stop.signal,
      onProgress: (done, totalRows) => {
        if (totalRows !== null && done === totalRows) stop.abort();
      },
    });
    expect(summary.interrupted).toBeUndefined();
    const [row] = await database.db.select().from(directoryImports);
    expect(row).toMatchObject({ status: "applied", records_done: 300 });
  });

  it("a running import whose progress stopped moving is shown as interrupted", async () => {
    const file = path.join(scratch, "alive.ndjson");
    await writeFile(file, `${orgLines(300)}\n`);
    const summary = await importHsdsPath(database.db, file, {});
    const id = summary.importId as string;
    // As a process killed half-way leaves it: running, its last batch committed long ago.
    const longAgo = new Date(Date.now() - STALLED_AFTER_MS - 60_000);
    await database.db
      .update(directoryImports)
      .set({ status: "running", records_done: 250, updated_at: longAgo, finished_at: null })
      .where(eq(directoryImports.id, id));
    expect((await importHistory(database.db, 1)).imports[0]?.outcome).toBe("interrupted");
    expect(await unfinishedImports(database.db, file)).toHaveLength(1);
    const now = new Date(longAgo.getTime() + 60_000);
    expect((await importHistory(database.db, 1, now)).imports[0]?.outcome).toBe("running");
    expect(await unfinishedImports(database.db, file, now)).toEqual([]);
  });

  it("a refused import is told apart from one an error stopped", async () => {
    const refused = await importHsdsBuffer(database.db, Buffer.from("{ oops"), "bad.json", {});
    expect(refused.rejected).toHaveLength(1);
    const history = await importHistory(database.db, 1);
    expect(history.imports[0]).toMatchObject({ outcome: "refused", recordsDone: 0, rejected: 1 });
    await database.db
      .update(directoryImports)
      .set({ summary: { error: "Error: connection lost" } })
      .where(eq(directoryImports.id, refused.importId as string));
    expect((await importHistory(database.db, 1)).imports[0]?.outcome).toBe("failed");
    expect(await unfinishedImports(database.db, "bad.json")).toEqual([]);
    // An error after some batches were committed leaves it for a re-import to finish.
    await database.db
      .update(directoryImports)
      .set({ records_done: 250 })
      .where(eq(directoryImports.id, refused.importId as string));
    expect((await unfinishedImports(database.db, "bad.json")).map((r) => r.id)).toEqual([
      refused.importId,
    ]);
  });
});

describe("planner statistics", () => {
  beforeEach(emptyDirectory);

  /** What the planner believes a table holds (-1: never analyzed since it was emptied). */
  async function plannedRows(table: string): Promise<number> {
    const result = await database.db.execute(
      sql`select reltuples::int as n from pg_class where relname = ${table}`,
    );
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  }

  it("a large import refreshes them for the tables it filled, a small one does not", async () => {
    const lines = Array.from({ length: ANALYZE_AFTER_ROWS + 200 }, (_, i) =>
      JSON.stringify({
        id: `0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        name: `Org ${i}`,
        description: "d",
        website: "http://example.org",
      }),
    );
    const file = path.join(scratch, "many-orgs.ndjson");
    await writeFile(file, `${lines.join("\n")}\n`);
    expect(await plannedRows("hsds_organization")).toBe(-1);
    // Forget the search rows' statistics (earlier tests' imports left some).
    await database.db.execute(
      sql`update pg_class set reltuples = -1 where relname = 'directory_search'`,
    );
    expect(await plannedRows("directory_search")).toBe(-1);
    const large = await importHsdsPath(database.db, file, {});
    expect(large.created).toEqual({ organization: ANALYZE_AFTER_ROWS + 200 });
    expect(await plannedRows("hsds_organization")).toBe(ANALYZE_AFTER_ROWS + 200);
    // The search rows are analyzed with them (none here: organizations without services).
    expect(await plannedRows("directory_search")).toBe(0);
    const small = await importJson("small.json", listing());
    expect(small.created).toMatchObject({ service: 1 });
    expect(await analyzeChanged(database.db, small)).toEqual([]);
    expect(await plannedRows("hsds_service")).toBe(-1);
  });
});

describe("files that are not HSDS", () => {
  beforeEach(emptyDirectory);

  async function refusedCodes(name: string, bytes: Uint8Array | string) {
    const file = path.join(scratch, name);
    await writeFile(file, bytes);
    const summary = await importHsdsPath(database.db, file, {});
    expect(await rowCount("organization")).toBe(0);
    return summary.rejected.map((p) => p.code);
  }

  it("malformed JSON says where", async () => {
    const file = path.join(scratch, "broken.json");
    await writeFile(file, '{\n  "id": "x",\n  "name": oops\n}');
    const summary = await importHsdsPath(database.db, file, {});
    expect(summary.rejected[0]).toMatchObject({ code: "not_json", params: { line: 3 } });
  });

  it("a UTF-16 file is refused with a hint", async () => {
    const text = JSON.stringify(listing());
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(await refusedCodes("utf16.json", utf16)).toEqual(["not_utf8"]);
  });

  it("a Latin-1 file is refused with the line of the first bad byte", async () => {
    const latin1 = Buffer.from('{"id": "x",\n"name": "Caf\xe9"}', "latin1");
    const file = path.join(scratch, "latin1.json");
    await writeFile(file, latin1);
    const summary = await importHsdsPath(database.db, file, {});
    expect(summary.rejected[0]).toMatchObject({ code: "not_utf8", params: { line: 2 } });
  });

  it("50 MB of garbage is refused as not HSDS, and nothing is written", async () => {
    // A 5 MB pattern repeated: the bytes are garbage throughout, and cheap to make.
    const pattern = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 7919 + 13) % 256;
    const garbage = Buffer.concat(Array.from({ length: 10 }, () => pattern));
    expect(garbage.length).toBe(50 * 1024 * 1024);
    expect(await refusedCodes("garbage.json", garbage)).toEqual(["not_hsds"]);
    expect(await refusedCodes("garbage.ndjson", garbage)).toContain("not_utf8");
    const text = "lorem ipsum dolor ".repeat(300_000);
    expect(await refusedCodes("text.json", text)).toEqual(["not_hsds"]);
  });

  it("an empty file, a missing file, an object of unknown shape", async () => {
    expect(await refusedCodes("empty.json", "")).toEqual(["empty_file"]);
    expect(await refusedCodes("odd.json", JSON.stringify({ hello: "world" }))).toEqual([
      "unknown_record_type",
    ]);
    const missing = await importHsdsPath(database.db, path.join(scratch, "nope.json"), {});
    expect(missing.rejected.map((p) => p.code)).toEqual(["not_found"]);
  });

  it("an uploaded file is read the same way", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(listing()));
    const summary = await importHsdsBuffer(database.db, bytes, "upload.json", { startedBy: null });
    expect(summary.services.created).toBe(1);
    const csv = await importHsdsBuffer(
      database.db,
      new TextEncoder().encode("id,name\n"),
      "organizations.csv",
      {},
    );
    expect(csv.rejected.map((p) => p.code)).toContain("missing_column");
  });
});
