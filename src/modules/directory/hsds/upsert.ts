// The SQL writes of an HSDS import: multi-row `INSERT … ON CONFLICT (id) DO UPDATE` per table
// (never a duplicate id; rows whose values did not change are not rewritten), and the removal of
// nested children a parent no longer lists.
import { and, eq, getTableColumns, getTableName, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/connect";
import { HSDS_DB_TABLES, hsdsAttribute } from "../schema";
import type { ChildSet } from "./flatten";
import { placement } from "./row-checks";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import type { HsdsRow } from "./tabular";

type Spec = (typeof HSDS_TABLES)[number];
const SPECS = new Map<string, Spec>(HSDS_TABLES.map((t) => [t.name, t]));
type AnyTable = PgTable & Record<string, PgColumn>;

export const tableOf = (name: HsdsTableName) => HSDS_DB_TABLES[name] as unknown as AnyTable;

/** Rows per statement (and per id lookup). */
const MAX_ROWS = 2000;

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Ids of the rows inserted or changed. */
  changed: string[];
  /** Ids of the rows inserted. */
  inserted: string[];
}

export interface UpsertOptions {
  /** Overrides every imported location's time zone. */
  timeZone?: string | undefined;
  /** The time zone of new locations when none is given. */
  defaultTimeZone: string;
}

/** Tables whose records a source may mark as its test or example data (`mutuo_test`). */
const TEST_FLAGGED: ReadonlySet<HsdsTableName> = new Set(["organization", "location", "service"]);

/**
 * The database row of an HSDS row: every HSDS field (absent → null) plus Mutuo's columns.
 * `withTestFlag`: the source says which of its records are test data (the Ohana reader does),
 * so `mutuo_test` is written as it says; other sources leave the flag as it was.
 */
function dbRow(
  table: HsdsTableName,
  row: HsdsRow,
  opts: UpsertOptions,
  withTestFlag: boolean,
): Record<string, unknown> {
  const spec = SPECS.get(table) as Spec;
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) out[f.name] = row[f.name] ?? null;
  if (withTestFlag) out.mutuo_test = row.mutuo_test === true;
  if (table === "location") {
    Object.assign(out, placement(row));
    out.mutuo_time_zone = opts.timeZone ?? opts.defaultTimeZone;
  }
  if (table === "schedule") out.mutuo_closed = row.mutuo_closed === true;
  return out;
}

/** SET clause: each written column from `excluded`, keeping a location's own time zone. */
function updateSet(table: HsdsTableName, columns: string[], opts: UpsertOptions) {
  const set: Record<string, SQL> = {};
  for (const c of columns) {
    if (c === "id") continue;
    set[c] = sql`excluded.${sql.identifier(c)}`;
  }
  if (table === "location" && opts.timeZone === undefined) {
    set.mutuo_time_zone = sql`coalesce(${sql.identifier(getTableName(tableOf(table)))}.mutuo_time_zone, excluded.mutuo_time_zone)`;
  }
  return set;
}

/**
 * The upsert statement of one table: the rows come as one array per column through `unnest`,
 * so a statement has a handful of parameters whatever its row count (cheap to build and parse).
 */
function upsertStatement(table: HsdsTableName, columns: string[], opts: UpsertOptions) {
  const t = tableOf(table);
  const name = sql.identifier(getTableName(t));
  const all = getTableColumns(t);
  const set = updateSet(table, columns, opts);
  const written = Object.keys(set);
  const assignments = written.map((c) => sql`${sql.identifier(c)} = ${set[c] as SQL}`);
  if ("mutuo_updated_at" in all) assignments.push(sql`mutuo_updated_at = now()`);
  const current = written.map((c) => sql`${name}.${sql.identifier(c)}`);
  const incoming = written.map((c) => set[c] as SQL);
  return (values: Record<string, unknown>[]) => {
    const arrays = columns.map((c) => {
      const type = sql.raw(`${(all[c] as PgColumn).getSQLType()}[]`);
      return sql`${sql.param(values.map((v) => v[c] ?? null))}::${type}`;
    });
    return sql`insert into ${name} (${sql.join(
      columns.map((c) => sql.identifier(c)),
      sql`, `,
    )}) select * from unnest(${sql.join(arrays, sql`, `)})
      on conflict (id) do update set ${sql.join(assignments, sql`, `)}
      where (${sql.join(current, sql`, `)}) is distinct from (${sql.join(incoming, sql`, `)})
      returning id, (xmax = 0) as inserted`;
  };
}

/** Upserts rows of one table; counts what was created, changed and left as it was. */
export async function upsertRows(
  db: Db,
  table: HsdsTableName,
  rows: HsdsRow[],
  opts: UpsertOptions,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, changed: [], inserted: [] };
  if (rows.length === 0) return counts;
  const withTestFlag =
    TEST_FLAGGED.has(table) && rows.some((r) => typeof r.mutuo_test === "boolean");
  const values = rows.map((r) => dbRow(table, r, opts, withTestFlag));
  const statement = upsertStatement(table, Object.keys(values[0] as object), opts);
  for (let i = 0; i < values.length; i += MAX_ROWS) {
    const part = values.slice(i, i + MAX_ROWS);
    const returned = rowsOf<{ id: string; inserted: boolean }>(await db.execute(statement(part)));
    for (const r of returned) {
      if (r.inserted) {
        counts.created++;
        counts.inserted.push(r.id);
      } else counts.updated++;
      counts.changed.push(r.id);
    }
    counts.unchanged += part.length - returned.length;
  }
  return counts;
}

/** Ids of these that exist in the table. */
export async function existingIds(
  db: Db,
  table: HsdsTableName,
  ids: string[],
): Promise<Set<string>> {
  const t = tableOf(table);
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += MAX_ROWS) {
    const rows = await db
      .select({ id: t.id as PgColumn })
      .from(t)
      .where(inArray(t.id as PgColumn, ids.slice(i, i + MAX_ROWS)));
    for (const r of rows) found.add(r.id as string);
  }
  return found;
}

/**
 * Child tables that belong to their parent: when a parent's nested list no longer names one,
 * it is removed. Top-level records (organizations, services, locations, programs, taxonomies)
 * are never removed by an import: a partial nested list must not delete them.
 */
const OWNED: ReadonlySet<string> = new Set([
  "phone",
  "contact",
  "schedule",
  "address",
  "language",
  "accessibility",
  "funding",
  "service_area",
  "required_document",
  "cost_option",
  "organization_identifier",
  "url",
  "service_capacity",
  "attribute",
  "metadata",
  "service_at_location",
]);

/** References that are not a parent (a term, a unit): a row is not orphaned by losing them. */
const NOT_PARENTS = new Set(["taxonomy_term", "taxonomy", "unit"]);

function parentLinks(table: HsdsTableName): string[] {
  if (table === "attribute") return ["link_id"];
  if (table === "metadata") return ["resource_id"];
  const spec = SPECS.get(table) as Spec;
  return spec.foreignKeys.filter((k) => !NOT_PARENTS.has(k.table)).map((k) => k.field);
}

export type Deleted = Partial<Record<HsdsTableName, number>>;

/**
 * Applies nested lists (all of one child table and parent field at once, one query for all
 * their parents): the children a parent no longer lists lose their link to it, and those left
 * with no parent at all are deleted, with what hangs from them.
 */
export async function replaceChildren(db: Db, sets: ChildSet[], deleted: Deleted): Promise<void> {
  const groups = new Map<string, ChildSet[]>();
  for (const set of sets) {
    if (!OWNED.has(set.table)) continue;
    const key = `${set.table}.${set.field}`;
    groups.set(key, [...(groups.get(key) ?? []), set]);
  }
  for (const group of groups.values()) {
    const { table, field } = group[0] as ChildSet;
    const keep = new Map(group.map((s) => [s.parentId, new Set(s.ids)]));
    const t = tableOf(table);
    const column = t[field] as PgColumn;
    const gone: string[] = [];
    const parents = [...keep.keys()];
    for (let i = 0; i < parents.length; i += MAX_ROWS) {
      const rows = await db
        .select({ id: t.id as PgColumn, parent: column })
        .from(t)
        .where(inArray(column, parents.slice(i, i + MAX_ROWS)));
      for (const r of rows) {
        if (!keep.get(r.parent as string)?.has(r.id as string)) gone.push(r.id as string);
      }
    }
    await detach(db, table, field, gone, deleted);
  }
}

/** Unlinks rows (by id) from one parent field and deletes the ones no parent holds anymore. */
async function detach(
  db: Db,
  table: HsdsTableName,
  field: string,
  ids: string[],
  deleted: Deleted,
) {
  if (ids.length === 0) return;
  const t = tableOf(table);
  const links = parentLinks(table);
  const spec = SPECS.get(table) as Spec;
  const required = spec.fields.find((f) => f.name === field)?.required ?? true;
  if (!required) {
    await db.execute(
      sql`update ${t} set ${sql.identifier(field)} = null where ${t.id} in (${idList(ids)})`,
    );
  }
  const orphaned = required
    ? sql`true`
    : sql.join(
        links.map((l) => sql`${t[l] as PgColumn} is null`),
        sql` and `,
      );
  const removed = rowsOf<{ id: string }>(
    await db.execute<{ id: string }>(
      sql`delete from ${t} where ${t.id} in (${idList(ids)}) and ${orphaned} returning ${t.id} as id`,
    ),
  ).map((r) => r.id);
  if (removed.length === 0) return;
  deleted[table] = (deleted[table] ?? 0) + removed.length;
  await removeDependants(db, table, removed, deleted);
}

/** What hangs from deleted rows: their attributes, metadata and owned children. */
async function removeDependants(db: Db, table: HsdsTableName, ids: string[], deleted: Deleted) {
  for (const child of HSDS_TABLES) {
    if (!OWNED.has(child.name)) continue;
    const fields =
      child.name === "attribute"
        ? ["link_id"]
        : child.name === "metadata"
          ? ["resource_id"]
          : child.foreignKeys.filter((k) => k.table === table).map((k) => k.field);
    for (const field of fields) {
      const t = tableOf(child.name);
      const hit = rowsOf<{ id: string }>(
        await db.execute<{ id: string }>(
          sql`select ${t.id} as id from ${t} where ${t[field] as PgColumn} in (${idList(ids)})`,
        ),
      ).map((r) => r.id);
      await detach(db, child.name, field, hit, deleted);
    }
  }
}

function idList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/** Rows of db.execute on either driver (node-postgres returns { rows }, PGlite too). */
function rowsOf<T = { id: string }>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Services filed under these terms: a renamed term changes their search documents. */
export async function servicesWithTerms(db: Db, termIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < termIds.length; i += MAX_ROWS) {
    const rows = await db
      .selectDistinct({ id: hsdsAttribute.link_id })
      .from(hsdsAttribute)
      .where(
        and(
          eq(hsdsAttribute.link_entity, "service"),
          inArray(hsdsAttribute.taxonomy_term_id, termIds.slice(i, i + MAX_ROWS)),
        ),
      );
    out.push(...rows.map((r) => r.id));
  }
  return out;
}
