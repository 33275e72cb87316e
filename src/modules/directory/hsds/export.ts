// Writes the directory as HSDS: a CSV tabular package (every table, rows in id order, streamed in
// batches) or JSON files of compiled objects chosen so that every record is reachable and the
// folder imports back to the same tables (docs/decisions/0023-hsds-import-export.md).
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { asc, eq, gt } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/connect";
import {
  compileLocations,
  compileOrganizationRecords,
  compileServices,
  compileTaxonomies,
  compileTaxonomyTerms,
  type HsdsObject,
  hsdsFields,
} from "./compile";
import { flattenHsds } from "./flatten";
import { TABLE_ORDER } from "./store";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import { type FlatRecords, type HsdsRow, writeTabularPackage } from "./tabular";
import { tableOf } from "./upsert";

export interface ExportOptions {
  format: "json" | "csv";
  /** Also write records marked as tests or examples of their source. */
  includeTest?: boolean;
  onProgress?: (done: number) => void;
  /** Objects per JSON file (default 10,000). */
  objectsPerFile?: number;
}

export interface ExportSummary {
  files: string[];
  records: Partial<Record<HsdsTableName, number>>;
}

const BATCH = 500;
const FK_FIELDS = new Map(
  HSDS_TABLES.map((t) => [t.name, t.foreignKeys as readonly { field: string; table: string }[]]),
);
const WITH_TEST_FLAG = new Set<HsdsTableName>(["organization", "service", "location"]);

/** Every row of a table in id order, a batch at a time (keyset pages: no OFFSET scans). */
async function* tableRows(db: Db, table: HsdsTableName): AsyncGenerator<Record<string, unknown>[]> {
  const t = tableOf(table);
  const id = t.id as PgColumn;
  let after: string | null = null;
  for (;;) {
    const page = (await db
      .select()
      .from(t)
      .where(after === null ? undefined : gt(id, after))
      .orderBy(asc(id))
      .limit(BATCH)) as Record<string, unknown>[];
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]?.id as string;
    if (page.length < BATCH) return;
  }
}

/**
 * Which records stay out: test records and, through their references, what belongs to them
 * (tables are visited parents first, so one pass is enough).
 */
class Exclusions {
  private readonly ids = new Set<string>();
  constructor(private readonly includeTest: boolean) {}

  has(id: unknown): boolean {
    return typeof id === "string" && this.ids.has(id);
  }

  /** Whether this row stays out; remembers it when it does. */
  check(table: HsdsTableName, row: Record<string, unknown>): boolean {
    if (this.includeTest) return false;
    const out =
      (WITH_TEST_FLAG.has(table) && row.mutuo_test === true) ||
      (FK_FIELDS.get(table) ?? []).some((fk) => this.has(row[fk.field])) ||
      (table === "attribute" && this.has(row.link_id)) ||
      (table === "metadata" && this.has(row.resource_id));
    if (out) this.ids.add(row.id as string);
    return out;
  }

  /** Removes excluded records nested anywhere in compiled objects. */
  prune(objects: HsdsObject[]): HsdsObject[] {
    if (this.ids.size === 0) return objects;
    const keep = objects.filter((o) => !this.has(o.id));
    for (const o of keep) {
      for (const [key, value] of Object.entries(o)) {
        if (Array.isArray(value)) o[key] = this.prune(value as HsdsObject[]);
        else if (value && typeof value === "object") {
          if (this.has((value as HsdsObject).id)) delete o[key];
          else this.prune([value as HsdsObject]);
        }
      }
    }
    return keep;
  }
}

async function anyTestRecord(db: Db): Promise<boolean> {
  for (const table of WITH_TEST_FLAG) {
    const t = tableOf(table);
    const [row] = await db
      .select({ id: t.id as PgColumn })
      .from(t)
      .where(eq(t.mutuo_test as PgColumn, true))
      .limit(1);
    if (row) return true;
  }
  return false;
}

/** Learns the excluded ids of every table before anything is written. */
async function findExclusions(db: Db, includeTest: boolean): Promise<Exclusions> {
  const exclusions = new Exclusions(includeTest);
  if (includeTest || !(await anyTestRecord(db))) return exclusions;
  for (const table of TABLE_ORDER) {
    for await (const page of tableRows(db, table))
      for (const row of page) exclusions.check(table, row);
  }
  return exclusions;
}

/** Exports the directory into `dir` (created if needed). */
export async function exportHsds(db: Db, dir: string, opts: ExportOptions): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  const exclusions = await findExclusions(db, opts.includeTest === true);
  return opts.format === "csv"
    ? exportCsv(db, dir, exclusions, opts)
    : exportJson(db, dir, exclusions, opts);
}

async function exportCsv(
  db: Db,
  dir: string,
  exclusions: Exclusions,
  opts: ExportOptions,
): Promise<ExportSummary> {
  const records: ExportSummary["records"] = {};
  let done = 0;
  async function* batches(): AsyncGenerator<FlatRecords> {
    for (const table of HSDS_TABLES.map((t) => t.name)) {
      for await (const page of tableRows(db, table)) {
        const rows = page.filter((r) => !exclusions.has(r.id)).map((r) => hsdsFields(table, r));
        if (rows.length === 0) continue;
        records[table] = (records[table] ?? 0) + rows.length;
        done += rows.length;
        opts.onProgress?.(done);
        yield { [table]: rows };
      }
    }
  }
  await writeTabularPackage(dir, batches());
  const files = HSDS_TABLES.filter((t) => records[t.name]).map((t) => t.file);
  return { files: [...files, "datapackage.json"], records };
}

/** Objects per JSON file by default: more go on to `<name>-2.json`, `<name>-3.json`, … */
const OBJECTS_PER_FILE = 10_000;

/**
 * JSON arrays written one object at a time, split every `perFile` objects so that no
 * file is too large to be read back whole; no file at all when nothing is written.
 */
class JsonArrayFiles {
  private out: WriteStream | null = null;
  private inFile = 0;
  readonly files: string[] = [];
  count = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly perFile = OBJECTS_PER_FILE,
  ) {}

  private open(): WriteStream {
    if (this.out && this.inFile < this.perFile) return this.out;
    this.out?.end("\n]\n");
    const file =
      this.files.length === 0 ? `${this.name}.json` : `${this.name}-${this.files.length + 1}.json`;
    this.files.push(file);
    this.inFile = 0;
    this.out = createWriteStream(path.join(this.dir, file));
    return this.out;
  }

  async write(objects: HsdsObject[]): Promise<void> {
    for (const o of objects) {
      const out = this.open();
      const text = `${this.inFile === 0 ? "[\n" : ",\n"}${JSON.stringify(o)}`;
      this.inFile++;
      this.count++;
      if (!out.write(text))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }

  async close(): Promise<void> {
    if (!this.out) return;
    this.out.end("\n]\n");
    await finished(this.out);
  }
}

/** The ids of every record inside compiled objects, per table. */
function collectIds(
  reached: Map<string, Set<string>>,
  table: HsdsTableName,
  objects: HsdsObject[],
) {
  const flat = flattenHsds(objects, { table });
  for (const [name, rows] of Object.entries(flat.records)) {
    const set = reached.get(name) ?? new Set<string>();
    reached.set(name, set);
    for (const r of rows ?? []) if (typeof r.id === "string") set.add(r.id);
  }
}

interface JsonPart {
  name: string;
  table: HsdsTableName;
  /** Which rows of `table` become top-level objects of the file. */
  pick: (row: Record<string, unknown>, reached: Map<string, Set<string>>) => boolean;
  compile: (ids: string[]) => Promise<HsdsObject[]>;
}

/**
 * services.json holds every service with everything it has (places, hours, phones, terms, its
 * organization's own fields, …); organizations.json every organization with its own lists;
 * locations.json the places no service reaches; then taxonomies and terms; and unlinked.json
 * (the tabular example's JSON shape) any record that no object nests.
 */
function jsonParts(db: Db): JsonPart[] {
  const notReached =
    (table: string) => (row: Record<string, unknown>, reached: Map<string, Set<string>>) =>
      !reached.get(table)?.has(row.id as string);
  const all = () => true;
  return [
    {
      name: "services",
      table: "service",
      pick: all,
      compile: (ids) => compileServices(db, ids, { full: true }),
    },
    {
      name: "organizations",
      table: "organization",
      pick: all,
      compile: (ids) => compileOrganizationRecords(db, ids),
    },
    {
      name: "locations",
      table: "location",
      pick: notReached("location"),
      compile: (ids) => compileLocations(db, ids),
    },
    {
      name: "taxonomies",
      table: "taxonomy",
      pick: all,
      compile: (ids) => compileTaxonomies(db, ids),
    },
    {
      name: "taxonomy_terms",
      table: "taxonomy_term",
      pick: all,
      compile: (ids) => compileTaxonomyTerms(db, ids),
    },
  ];
}

async function exportJson(
  db: Db,
  dir: string,
  exclusions: Exclusions,
  opts: ExportOptions,
): Promise<ExportSummary> {
  const reached = new Map<string, Set<string>>();
  const files: string[] = [];
  let done = 0;
  for (const part of jsonParts(db)) {
    const out = new JsonArrayFiles(dir, part.name, opts.objectsPerFile);
    try {
      for await (const page of tableRows(db, part.table)) {
        const ids = page
          .filter((r) => !exclusions.has(r.id) && part.pick(r, reached))
          .map((r) => r.id as string);
        if (ids.length === 0) continue;
        const objects = exclusions.prune(await part.compile(ids));
        collectIds(reached, part.table, objects);
        await out.write(objects);
        done += objects.length;
        opts.onProgress?.(done);
      }
    } finally {
      await out.close();
    }
    files.push(...out.files);
  }
  const unlinked = await unlinkedRows(db, exclusions, reached);
  if (Object.keys(unlinked).length > 0) {
    await writeUnlinked(path.join(dir, "unlinked.json"), unlinked);
    files.push("unlinked.json");
  }
  const records: ExportSummary["records"] = {};
  for (const [table, ids] of reached) records[table as HsdsTableName] = ids.size;
  for (const [table, rows] of Object.entries(unlinked)) {
    records[table as HsdsTableName] = (records[table as HsdsTableName] ?? 0) + (rows?.length ?? 0);
  }
  return { files, records };
}

/** Records no exported object nests (an orphan phone, metadata about a deleted record). */
async function unlinkedRows(
  db: Db,
  exclusions: Exclusions,
  reached: Map<string, Set<string>>,
): Promise<FlatRecords> {
  const out: FlatRecords = {};
  for (const table of HSDS_TABLES.map((t) => t.name)) {
    const seen = reached.get(table);
    for await (const page of tableRows(db, table)) {
      const rows: HsdsRow[] = page
        .filter((r) => !exclusions.has(r.id) && !seen?.has(r.id as string))
        .map((r) => hsdsFields(table, r));
      if (rows.length > 0) out[table] = [...(out[table] ?? []), ...rows];
    }
  }
  return out;
}

/** `{ "phones.csv": [ … ] }`: the shape of the specification's examples/tabular.json. */
async function writeUnlinked(file: string, records: FlatRecords): Promise<void> {
  const out = createWriteStream(file);
  const entries = HSDS_TABLES.filter((t) => records[t.name]?.length);
  out.write("{");
  entries.forEach((t, i) => {
    const rows = (records[t.name] ?? []).map((r) => JSON.stringify(r)).join(",\n    ");
    out.write(`${i === 0 ? "" : ","}\n  ${JSON.stringify(t.file)}: [\n    ${rows}\n  ]`);
  });
  out.end("\n}\n");
  await finished(out);
}
