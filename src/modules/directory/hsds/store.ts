// Applies HSDS records to the directory: a first pass checks everything (rows, references within
// the input or the database, duplicates) keeping only ids in memory, a second pass writes in
// batched upserts. All or nothing by default; see docs/decisions/0023-hsds-import-export.md.
import { and, eq, getTableName, lt, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../../db/connect";
import { recordAudit } from "../../audit/store";
import { unfinishedOf } from "../import-history";
import { directoryImports } from "../schema";
import { flushSearchRefresh, queueSearchRefresh, refreshSearchDocs } from "../search-doc";
import type { ChildSet } from "./flatten";
import {
  Check,
  FK_FIELDS,
  type HsdsBatch,
  type HsdsSource,
  normal,
  reReadable,
  rowsToWrite,
  TABLE_ORDER,
} from "./import-check";
import type { HsdsTableName } from "./tables";
import type { HsdsProblem } from "./tabular";
import {
  type Deleted,
  existingIds,
  replaceChildren,
  servicesWithTerms,
  tableOf,
  upsertRows,
} from "./upsert";

export type { HsdsBatch, HsdsSource } from "./import-check";
export { TABLE_ORDER } from "./import-check";

export type ImportFormat = "hsds-json" | "hsds-ndjson" | "hsds-csv" | "ohana" | "csv";

export interface ApplyOptions {
  dryRun?: boolean;
  /** What was imported (a file name, a folder): shown in the import history. */
  source: string;
  format: ImportFormat;
  startedBy?: string | null;
  /** Overrides the time zone of every imported location. */
  timeZone?: string;
  /** The time zone of new locations when the import names none (config.directory.timeZone). */
  defaultTimeZone?: string;
  skipInvalid?: boolean;
  /** Remove children a parent's nested list no longer names (default: JSON formats only). */
  replaceChildren?: boolean;
  onProgress?: (done: number, total: number | null) => void;
  /** Problems found while reading the input: reported, and errors reject the import. */
  problems?: HsdsProblem[];
  sha256?: string | null;
  /**
   * Stops the import between two batches: a streamed import keeps the batches it committed
   * (running it again finishes it), a one-transaction import writes nothing. The import's row
   * says `interrupted` with how far it got.
   */
  signal?: AbortSignal;
}

export interface ImportSummary {
  importId: string | null;
  dryRun: boolean;
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged?: Record<string, number>;
  deleted?: Record<string, number>;
  rejected: HsdsProblem[];
  /** Rejections beyond those listed (the list is capped). */
  moreRejected?: number;
  warnings: HsdsProblem[];
  services: { created: number; updated: number };
  /** Set when `signal` stopped the import: the records committed before it stopped. */
  interrupted?: { recordsDone: number; recordsTotal: number };
}

/** Thrown inside a one-transaction import to roll it back when it is asked to stop. */
class Stopped extends Error {}

/** Records written and committed, and whether the import stopped before its end. */
interface Written {
  recordsDone: number;
  stopped: boolean;
}

const count = (map: Record<string, number>, table: string, n: number) => {
  if (n > 0) map[table] = (map[table] ?? 0) + n;
};

/** Imports HSDS records; returns what was created, updated and rejected (and why). */
export async function applyHsds(
  db: Db,
  source: HsdsSource,
  opts: ApplyOptions,
): Promise<ImportSummary> {
  const { batches, streaming } = await reReadable(source);
  const check = new Check(opts.problems ?? []);
  let index = 0;
  for await (const batch of batches) {
    // Stopped while checking: nothing written, nothing to record.
    if (opts.signal?.aborted) return stoppedWhileChecking(check);
    check.batch(normal(batch), index++);
    opts.onProgress?.(check.total, null);
  }
  await check.resolve(db);
  const summary: ImportSummary = {
    importId: null,
    dryRun: opts.dryRun === true,
    created: {},
    updated: {},
    unchanged: {},
    deleted: {},
    rejected: check.rejected,
    warnings: check.warnings,
    services: { created: 0, updated: 0 },
  };
  const settle = () => {
    if (check.moreRejected > 0) summary.moreRejected = check.moreRejected;
  };
  settle();
  const refused = check.rejectedCount > 0 && !opts.skipInvalid;
  if (opts.dryRun) {
    if (!refused) await countDryRun(db, batches, check, summary);
    settle();
    return summary;
  }
  const importId = uuidv7();
  summary.importId = importId;
  await db.insert(directoryImports).values({
    id: importId,
    format: opts.format,
    source: opts.source,
    sha256: opts.sha256 ?? null,
    status: refused ? "failed" : "running",
    rejected: check.rejectedCount,
    records_total: refused ? 0 : check.total,
    summary: refused ? summaryJson(summary) : null,
    started_by: opts.startedBy ?? null,
    finished_at: refused ? new Date() : null,
  });
  if (refused) {
    await audit(db, opts, importId, summary);
    return summary;
  }
  let written: Written;
  try {
    written = await write(db, batches, check, opts, summary, streaming, importId);
    settle();
    const analyzed = await analyzeChanged(db, summary);
    // What a stopped streamed import committed is searchable like the rest.
    if (streaming) await flushSearchRefresh(db);
    if (analyzed.length > 0) await analyzeSearchTables(db);
  } catch (error) {
    await db
      .update(directoryImports)
      .set({
        status: "failed",
        finished_at: new Date(),
        updated_at: new Date(),
        summary: { error: String(error) },
      })
      .where(eq(directoryImports.id, importId));
    throw error;
  }
  if (written.stopped) {
    summary.interrupted = { recordsDone: written.recordsDone, recordsTotal: check.total };
  }
  await db
    .update(directoryImports)
    .set({
      status: written.stopped ? "interrupted" : "applied",
      created: sum(summary.created),
      updated: sum(summary.updated),
      rejected: check.rejectedCount,
      records_done: written.recordsDone,
      summary: summaryJson(summary),
      finished_at: new Date(),
      updated_at: new Date(),
    })
    .where(eq(directoryImports.id, importId));
  if (!written.stopped) await markCompleted(db, importId, opts);
  await audit(db, opts, importId, summary);
  return summary;
}

/** Earlier unfinished imports of the same source were finished by this one (upserts by id). */
async function markCompleted(db: Db, importId: string, opts: ApplyOptions): Promise<void> {
  await db
    .update(directoryImports)
    .set({ completed_by: importId })
    .where(and(unfinishedOf(opts.source), lt(directoryImports.id, importId)));
}

function stoppedWhileChecking(check: Check): ImportSummary {
  return {
    importId: null,
    dryRun: false,
    created: {},
    updated: {},
    rejected: check.rejected,
    warnings: check.warnings,
    services: { created: 0, updated: 0 },
    interrupted: { recordsDone: 0, recordsTotal: check.total },
  };
}

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/** Rows an import must write to a table before its planner statistics are refreshed. */
export const ANALYZE_AFTER_ROWS = 1000;

/**
 * Refreshes the planner statistics of the tables a large import changed. Without them the
 * planner still believes a freshly filled table is empty (autovacuum catches up only later, and
 * PGlite has none) and picks nested loops that make a search ~10× slower (docs/decisions/0028).
 */
export async function analyzeChanged(db: Db, s: ImportSummary): Promise<HsdsTableName[]> {
  const written: Record<string, number> = {};
  for (const m of [s.created, s.updated, s.deleted ?? {}]) {
    for (const [table, n] of Object.entries(m)) written[table] = (written[table] ?? 0) + n;
  }
  const tables = Object.entries(written)
    .filter(([, n]) => n > ANALYZE_AFTER_ROWS)
    .map(([table]) => table as HsdsTableName);
  for (const table of tables) {
    await db.execute(sql`analyze ${sql.identifier(getTableName(tableOf(table)))}`);
  }
  return tables;
}

/**
 * The search's own tables (search-rows.ts, search-doc.ts) follow the HSDS tables they are built
 * from: without statistics the planner reads every document with a word instead of the places
 * near the point (~150 ms instead of ~5 ms at 100,000 services).
 */
export async function analyzeSearchTables(db: Db): Promise<void> {
  await db.execute(sql`analyze directory_search`);
  await db.execute(sql`analyze directory_words`);
}

/** What the import history keeps: counts and the first problems. */
function summaryJson(s: ImportSummary) {
  return {
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
    deleted: s.deleted,
    rejected: s.rejected.slice(0, 100),
    rejectedCount: s.rejected.length + (s.moreRejected ?? 0),
    warnings: s.warnings.slice(0, 100),
  };
}

async function audit(
  db: Db,
  opts: ApplyOptions,
  importId: string,
  s: ImportSummary,
): Promise<void> {
  if (!opts.startedBy) return;
  await recordAudit(db, {
    actorId: opts.startedBy,
    action: "directory.imported",
    targetType: "directory_import",
    targetId: importId,
    details: {
      format: opts.format,
      source: opts.source,
      created: sum(s.created),
      updated: sum(s.updated),
      rejected: s.rejected.length + (s.moreRejected ?? 0),
    },
  });
}

/** Tables whose rows go into their owners' search rows (search-rows.ts). */
const OWNED_BY_LISTINGS = new Set<string>(["service_at_location", "schedule", "language"]);

async function write(
  db: Db,
  batches: AsyncIterable<HsdsBatch>,
  check: Check,
  opts: ApplyOptions,
  summary: ImportSummary,
  streaming: boolean,
  importId: string,
): Promise<Written> {
  const replace =
    opts.replaceChildren ?? (opts.format === "hsds-json" || opts.format === "hsds-ndjson");
  const upsert = { timeZone: opts.timeZone, defaultTimeZone: opts.defaultTimeZone ?? "UTC" };
  let done = 0;
  let index = 0;
  // A small import is one transaction; a streamed one commits batch by batch under its
  // directory_imports row, and running it again completes it (every write is an upsert).
  const apply = async (tx: Db, batch: HsdsBatch, i: number) => {
    const b = normal(batch);
    const serviceIds = new Set<string>();
    const created = new Set<string>();
    const organizationIds = new Set<string>();
    const locationIds = new Set<string>();
    const salIds = new Set<string>();
    // Rows of the tables a search row is built from, whose owners' search rows change.
    const owners = {
      add(r: Record<string, unknown>) {
        if (typeof r.service_id === "string") serviceIds.add(r.service_id);
        if (typeof r.location_id === "string") locationIds.add(r.location_id);
        if (typeof r.service_at_location_id === "string") salIds.add(r.service_at_location_id);
      },
    };
    for (const table of TABLE_ORDER) {
      const rows = rowsToWrite(b, i, check, table);
      if (rows.length === 0) continue;
      const counts = await upsertRows(tx, table, rows, upsert);
      for (const id of counts.inserted) created.add(id);
      count(summary.created, table, counts.created);
      count(summary.updated, table, counts.updated);
      count(summary.unchanged as Record<string, number>, table, counts.unchanged);
      if (table === "service") {
        summary.services.created += counts.created;
        summary.services.updated += counts.updated;
        for (const id of counts.changed) serviceIds.add(id);
      }
      if (table === "organization") for (const id of counts.changed) organizationIds.add(id);
      if (table === "attribute") {
        for (const r of rows) if (r.link_entity === "service") serviceIds.add(r.link_id as string);
      }
      if (table === "location") for (const id of counts.changed) locationIds.add(id);
      if (table === "service_at_location") for (const id of counts.changed) salIds.add(id);
      if (OWNED_BY_LISTINGS.has(table)) {
        const changed = new Set(counts.changed);
        for (const r of rows) if (changed.has(r.id as string)) owners.add(r);
      }
      if (table === "taxonomy_term" && counts.updated > 0) {
        for (const id of await servicesWithTerms(tx, counts.changed)) serviceIds.add(id);
      }
      done += rows.length;
      opts.onProgress?.(done, check.total);
    }
    if (replace) {
      await replaceSets(tx, b.childSets, check, created, summary);
      // A replaced list of places, hours, languages or terms changes its parent's rows.
      for (const set of b.childSets) {
        if (!OWNED_BY_LISTINGS.has(set.table) && set.table !== "attribute") continue;
        if (set.field === "service_id" || set.field === "link_id") serviceIds.add(set.parentId);
        if (set.field === "location_id") locationIds.add(set.parentId);
        if (set.field === "service_at_location_id") salIds.add(set.parentId);
      }
    }
    const scope = {
      serviceIds: [...serviceIds],
      organizationIds: [...organizationIds],
      locationIds: [...locationIds],
      salIds: [...salIds],
    };
    // A streamed import rebuilds its search rows once, at its end (applyHsds).
    if (streaming) await queueSearchRefresh(tx, scope);
    else await refreshSearchDocs(tx, scope);
  };
  // How far the import got, committed with the batch it counts.
  const progressed = (tx: Db) =>
    tx
      .update(directoryImports)
      .set({ records_done: done, updated_at: new Date() })
      .where(eq(directoryImports.id, importId));
  if (!streaming) {
    try {
      await db.transaction(async (tx) => {
        for await (const batch of batches) {
          if (opts.signal?.aborted) throw new Stopped();
          await apply(tx as unknown as Db, batch, index++);
        }
      });
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      // Rolled back: nothing of what was counted was written.
      Object.assign(summary, { created: {}, updated: {}, unchanged: {}, deleted: {} });
      summary.services = { created: 0, updated: 0 };
      return { recordsDone: 0, stopped: true };
    }
    // Its progress is committed with its end (applyHsds).
    return { recordsDone: done, stopped: false };
  }
  for await (const batch of batches) {
    // Only between batches, and only with one left to write: what was committed is whole.
    if (opts.signal?.aborted) return { recordsDone: done, stopped: true };
    const i = index++;
    await db.transaction(async (tx) => {
      await apply(tx as unknown as Db, batch, i);
      await progressed(tx as unknown as Db);
    });
  }
  return { recordsDone: done, stopped: false };
}

/**
 * Nested lists replace a parent's children. A parent this import created had no children
 * before it (beyond the ones just written), so only the lists of existing parents are applied.
 */
async function replaceSets(
  db: Db,
  sets: ChildSet[],
  check: Check,
  created: Set<string>,
  summary: ImportSummary,
) {
  const deleted: Deleted = {};
  const applicable = sets.filter((set) => {
    const parentTable = FK_FIELDS.get(set.table)?.find((k) => k.field === set.field)?.table;
    return (
      !created.has(set.parentId) && !(parentTable && check.isRejected(parentTable, set.parentId))
    );
  });
  await replaceChildren(db, applicable, deleted);
  for (const [table, n] of Object.entries(deleted)) {
    count(summary.deleted as Record<string, number>, table, n);
  }
}

/** A dry run counts what would be created (new ids) and updated (ids already there). */
async function countDryRun(
  db: Db,
  batches: AsyncIterable<HsdsBatch>,
  check: Check,
  summary: ImportSummary,
) {
  let index = 0;
  for await (const batch of batches) {
    const b = normal(batch);
    for (const table of TABLE_ORDER) {
      const rows = rowsToWrite(b, index, check, table);
      if (rows.length === 0) continue;
      const there = await existingIds(
        db,
        table,
        rows.map((r) => r.id as string),
      );
      count(summary.created, table, rows.length - there.size);
      count(summary.updated, table, there.size);
      if (table === "service") {
        summary.services.created += rows.length - there.size;
        summary.services.updated += there.size;
      }
    }
    index++;
  }
}
