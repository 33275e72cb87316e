// The first pass of an import: every row checked (fields, duplicates, references within the
// input or the database) keeping per table only ids, where each first appeared and a hash of
// its content; then, for the second pass, which rows of a batch may be written.
import type { Db } from "../../../db/connect";
import type { ChildSet, FlatHsds } from "./flatten";
import { checkRow } from "./row-checks";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import type { FlatRecords, HsdsProblem, HsdsRow } from "./tabular";
import { existingIds } from "./upsert";

/**
 * One batch of records: bare rows, or a flattened JSON document with its nested lists (its
 * `problems` are part of the import's report; do not pass them again in `opts.problems`).
 */
export type HsdsBatch = FlatRecords | FlatHsds;
/**
 * The records to apply. A streaming source must be re-iterable (each iteration reads again from
 * the start): the first pass checks, the second writes. A one-shot iterator is read into memory.
 */
export type HsdsSource = HsdsBatch | AsyncIterable<HsdsBatch>;

/** Listed problems are capped; the rest are counted. */
const MAX_LISTED = 1000;

/** Tables with parents first, so a rejected parent is known before its children are written. */
export const TABLE_ORDER: HsdsTableName[] = (() => {
  const out: HsdsTableName[] = [];
  const visit = (name: HsdsTableName, path: Set<string>) => {
    if (out.includes(name) || path.has(name)) return;
    path.add(name);
    const spec = HSDS_TABLES.find((t) => t.name === name);
    for (const fk of spec?.foreignKeys ?? []) visit(fk.table as HsdsTableName, path);
    out.push(name);
  };
  for (const t of HSDS_TABLES) visit(t.name, new Set());
  return out;
})();
export const FK_FIELDS = new Map(
  HSDS_TABLES.map((t) => [t.name, t.foreignKeys as readonly { field: string; table: string }[]]),
);
const TABLE_NAMES = new Set<string>(HSDS_TABLES.map((t) => t.name));
const REQUIRED = new Set<string>(
  HSDS_TABLES.flatMap((t) => t.fields.filter((f) => f.required).map((f) => `${t.name}.${f.name}`)),
);
const FILES = new Map<string, string>(HSDS_TABLES.map((t) => [t.name, t.file]));
const tableFile = (table: string) => FILES.get(table) ?? table;

export interface Normal {
  records: FlatRecords;
  childSets: ChildSet[];
  pointers: WeakMap<HsdsRow, string> | null;
  file: string | null;
  problems: HsdsProblem[];
}

export function normal(batch: HsdsBatch): Normal {
  const flat = batch as Partial<FlatHsds>;
  if (flat.records && !Array.isArray(flat.records) && Array.isArray(flat.childSets)) {
    return {
      records: flat.records,
      childSets: flat.childSets,
      pointers: flat.pointers ?? null,
      file: flat.file ?? null,
      problems: flat.problems ?? [],
    };
  }
  return { records: batch as FlatRecords, childSets: [], pointers: null, file: null, problems: [] };
}

function isStream(source: HsdsSource): source is AsyncIterable<HsdsBatch> {
  return typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

/** The source as something that can be read twice. */
export async function reReadable(
  source: HsdsSource,
): Promise<{ batches: AsyncIterable<HsdsBatch>; streaming: boolean }> {
  if (!isStream(source)) return { batches: toAsync([source]), streaming: false };
  if (typeof (source as unknown as AsyncIterator<unknown>).next !== "function") {
    return { batches: source, streaming: true };
  }
  const all: HsdsBatch[] = [];
  for await (const b of source) all.push(b);
  return { batches: toAsync(all), streaming: all.length > 1 };
}

function toAsync<T>(items: T[]): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* items;
    },
  };
}

/** A batch index and a 32-bit hash in one number (53 bits), to keep 1,000,000 ids in little memory. */
const HASH_RANGE = 2 ** 32;
const pack = (batch: number, hash: number) => batch * HASH_RANGE + hash;
const batchOf = (packed: number) => Math.floor(packed / HASH_RANGE);

/** A 32-bit FNV-1a hash of a row's content: enough to tell repeated records from conflicting ones. */
function contentHash(row: HsdsRow): number {
  const text = JSON.stringify(row, Object.keys(row).sort());
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Ref {
  table: HsdsTableName;
  id: string;
  field: string;
  target: HsdsTableName;
  value: string;
  pointer: string;
  file: string | null;
  required: boolean;
}

/** What the first pass learns: ids (where each first appeared), rejections, warnings. */
export class Check {
  /** Per table, each id's first batch and content hash, packed in one number (see `pack`). */
  readonly seen = new Map<HsdsTableName, Map<string, number>>();
  readonly rejectedIds = new Map<string, Set<string>>();
  readonly rejected: HsdsProblem[] = [];
  readonly warnings: HsdsProblem[] = [];
  moreRejected = 0;
  moreWarnings = 0;
  rejectedCount = 0;
  total = 0;
  private readonly pending: Ref[] = [];

  constructor(initial: HsdsProblem[]) {
    for (const p of initial) {
      if (p.severity === "error") this.reject(p);
      else this.warn(p);
    }
  }

  reject(p: HsdsProblem): void {
    this.rejectedCount++;
    if (p.table && p.id) {
      const ids = this.rejectedIds.get(p.table) ?? new Set<string>();
      this.rejectedIds.set(p.table, ids);
      ids.add(p.id);
    }
    if (this.rejected.length < MAX_LISTED) this.rejected.push(p);
    else this.moreRejected++;
  }

  warn(p: HsdsProblem): void {
    if (this.warnings.length < MAX_LISTED) this.warnings.push(p);
    else this.moreWarnings++;
  }

  isRejected(table: string, id: unknown): boolean {
    return typeof id === "string" && (this.rejectedIds.get(table)?.has(id) ?? false);
  }

  /** Checks one batch; the problems found while reading it come along. */
  batch(b: Normal, index: number): void {
    for (const p of b.problems) {
      const located = { ...p, file: p.file ?? b.file };
      if (p.severity === "error") this.reject(located);
      else this.warn(located);
    }
    for (const table of TABLE_ORDER) {
      const rows = b.records[table];
      if (!rows) continue;
      const file = tableFile(table);
      rows.forEach((row, i) => {
        this.total++;
        const pointer = b.pointers?.get(row) ?? `/${file}/${i + 1}`;
        this.row(table, row, pointer, b.file, index);
      });
    }
  }

  private row(
    table: HsdsTableName,
    row: HsdsRow,
    pointer: string,
    file: string | null,
    batch: number,
  ) {
    const id = typeof row.id === "string" ? row.id : null;
    for (const issue of checkRow(table, row)) {
      const p: HsdsProblem = {
        severity: issue.severity,
        table,
        id,
        file,
        pointer: `${pointer}/${issue.field}`,
        code: issue.code,
        message: issue.message,
        ...(issue.params ? { params: issue.params } : {}),
      };
      if (issue.severity === "error") this.reject(p);
      else this.warn(p);
    }
    if (!id) return;
    this.duplicate(table, id, row, pointer, file, batch);
    for (const fk of FK_FIELDS.get(table) ?? [])
      this.reference(table, id, row, fk.field, fk.table, pointer, file);
    if (
      table === "attribute" &&
      typeof row.link_entity === "string" &&
      TABLE_NAMES.has(row.link_entity)
    ) {
      this.reference(table, id, row, "link_id", row.link_entity, pointer, file);
    }
  }

  private duplicate(
    table: HsdsTableName,
    id: string,
    row: HsdsRow,
    pointer: string,
    file: string | null,
    batch: number,
  ) {
    const byId = this.seen.get(table) ?? new Map<string, number>();
    this.seen.set(table, byId);
    const hash = contentHash(row);
    const earlier = byId.get(id);
    if (earlier === undefined) {
      byId.set(id, pack(batch, hash));
      return;
    }
    if (earlier % HASH_RANGE === hash) return;
    this.reject({
      severity: "error",
      table,
      id,
      file,
      pointer,
      code: "conflicting_duplicate",
      message: `The ${table} ${id} appears more than once with different content.`,
    });
  }

  private reference(
    table: HsdsTableName,
    id: string,
    row: HsdsRow,
    field: string,
    target: string,
    pointer: string,
    file: string | null,
  ) {
    const value = row[field];
    if (typeof value !== "string" || value === "") return;
    if (this.seen.get(target as HsdsTableName)?.has(value)) return;
    const required = REQUIRED.has(`${table}.${field}`);
    this.pending.push({
      table,
      id,
      field,
      target: target as HsdsTableName,
      value,
      pointer,
      file,
      required,
    });
  }

  /** References not found in the input must be in the database already. */
  async resolve(db: Db): Promise<void> {
    const missing = this.pending.filter((r) => !this.seen.get(r.target)?.has(r.value));
    const byTarget = new Map<HsdsTableName, Set<string>>();
    for (const r of missing) {
      const set = byTarget.get(r.target) ?? new Set<string>();
      byTarget.set(r.target, set);
      set.add(r.value);
    }
    const found = new Map<HsdsTableName, Set<string>>();
    for (const [target, ids] of byTarget) {
      const valid = [...ids].filter((v) => /^[0-9a-f-]{36}$/i.test(v));
      found.set(target, await existingIds(db, target, valid));
    }
    for (const r of missing) {
      if (found.get(r.target)?.has(r.value)) continue;
      // An optional reference to a record we do not have is kept as received (the official
      // examples have some); a required one cannot be.
      (r.required ? this.reject : this.warn).call(this, {
        severity: r.required ? "error" : "warning",
        table: r.table,
        id: r.id,
        file: r.file,
        pointer: `${r.pointer}/${r.field}`,
        code: "dangling_reference",
        params: { field: r.field, target: r.target, value: r.value },
        message: `${r.field} names the ${r.target} ${r.value}, which is neither in the import nor in the directory`,
      });
    }
    this.pending.length = 0;
  }
}

/** The rows of a batch to write: first appearance of each id, not rejected, no rejected parent. */
export function rowsToWrite(
  b: Normal,
  index: number,
  check: Check,
  table: HsdsTableName,
): HsdsRow[] {
  const out: HsdsRow[] = [];
  const inBatch = new Set<string>();
  for (const row of b.records[table] ?? []) {
    const id = row.id as string;
    if (check.isRejected(table, id) || inBatch.has(id)) continue;
    const first = check.seen.get(table)?.get(id);
    if (first === undefined || batchOf(first) !== index) continue;
    const parent = rejectedParent(table, row, check);
    if (parent) {
      check.reject({
        severity: "error",
        table,
        id,
        file: b.file,
        pointer: `${b.pointers?.get(row) ?? `/${tableFile(table)}`}/${parent.field}`,
        code: "parent_rejected",
        params: { field: parent.field, target: parent.target },
        message: `left out because the ${parent.target} it belongs to was rejected`,
      });
      continue;
    }
    inBatch.add(id);
    out.push(row);
  }
  return out;
}

function rejectedParent(table: HsdsTableName, row: HsdsRow, check: Check) {
  for (const fk of FK_FIELDS.get(table) ?? []) {
    if (check.isRejected(fk.table, row[fk.field])) return { field: fk.field, target: fk.table };
  }
  if (
    table === "attribute" &&
    typeof row.link_entity === "string" &&
    check.isRejected(row.link_entity, row.link_id)
  ) {
    return { field: "link_id", target: row.link_entity };
  }
  return null;
}
