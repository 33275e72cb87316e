// The HSDS API's queries: which services, services-at-places, organizations, taxonomies and
// terms a request selects, in what order, a page at a time or in batches for NDJSON. Text,
// place, language and access filters are the directory search's own SQL pieces (search.ts).
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/connect";
import type { OpenAtQuery } from "../open-at";
import {
  type Candidate,
  correctSpellings,
  evaluateOpen,
  FUZZY_BELOW,
  filterConditions,
  NOT_TEST,
  type SearchFilters,
  searchWords,
  textMatch,
  textScore,
} from "../search";
import { TERM_BY_CODE } from "../taxonomy";
import type { ServicesQuery } from "./api-contract";

/** The most places an "open at" request evaluates; more would be a bulk export (use NDJSON). */
export const OPEN_AT_CAP = 5000;
/** Objects compiled per batch when streaming NDJSON. */
export const STREAM_BATCH = 200;

export type Unit = "service" | "service_at_location";

export interface HsdsFilters extends SearchFilters {
  organizationId: string | null;
  taxonomyId: string | null;
  modifiedAfter: string | null;
}

export function hsdsFiltersOf(query: ServicesQuery): HsdsFilters {
  const termIds = [
    query.taxonomy_term_id,
    ...(query.access ?? []).map((code) => TERM_BY_CODE.get(code)?.id),
  ].filter((id): id is string => !!id);
  const near =
    query.lat !== undefined && query.lng !== undefined
      ? { lat: query.lat, lng: query.lng, radiusM: query.radius_m ?? 5000 }
      : null;
  return {
    words: searchWords(query.search),
    match: "exact",
    near,
    language: query.language ?? null,
    termIds,
    organizationId: query.organization_id ?? null,
    taxonomyId: query.taxonomy_id ?? null,
    modifiedAfter: query.modified_after ?? null,
  };
}

function conditions(filters: HsdsFilters): SQL {
  // The HSDS API lists every status (a consumer must learn a service closed), never test rows.
  const parts = filterConditions(filters, NOT_TEST);
  if (filters.organizationId) parts.push(sql`d.organization_id = ${filters.organizationId}::uuid`);
  if (filters.taxonomyId) {
    parts.push(sql`exists (select 1 from hsds_attribute a join hsds_taxonomy_term tt on tt.id = a.taxonomy_term_id
      where a.link_id = d.service_id and a.link_entity = 'service' and tt.taxonomy_id = ${filters.taxonomyId}::uuid)`);
  }
  if (filters.modifiedAfter) {
    parts.push(
      sql`greatest(s.last_modified, s.mutuo_updated_at) >= ${filters.modifiedAfter}::timestamptz`,
    );
  }
  return sql.join(parts, sql` and `);
}

/**
 * The search rows (a service at each of its places, or once without one), with their services
 * when a filter needs the service's own columns.
 */
function joined(filters: HsdsFilters): SQL {
  // The service's own columns are read only for the change-time filter.
  return filters.modifiedAfter
    ? sql`directory_search d join hsds_service s on s.id = d.service_id`
    : sql`directory_search d`;
}

function idOf(unit: Unit): SQL {
  return unit === "service" ? sql`d.service_id` : sql`d.sal_id`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The filters with the search's matching rule: words as typed, fuzzy when they find too few. */
export async function settleMatch(db: Db, unit: Unit, filters: HsdsFilters): Promise<HsdsFilters> {
  if (filters.words.length === 0) return filters;
  const exact = await countIds(db, unit, { ...filters, match: "exact" });
  if (exact >= FUZZY_BELOW) return filters;
  return { ...filters, match: "fuzzy", spellings: await correctSpellings(db, filters.words) };
}

/** One page of ids (best text match first, then by id) and how many match in all. */
export async function pageOfIds(
  db: Db,
  unit: Unit,
  filters: HsdsFilters,
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  if (filters.words.length === 0) {
    // Every match scores the same: id order, read from the index as far as the page goes,
    // and the total counted apart (one window count over every match cost ~120 ms at
    // 100,000 services for any page).
    const ids = rowsOf<{ id: string }>(
      await db.execute(sql`
        select ${idOf(unit)} as id from ${joined(filters)}
        where ${conditions(filters)} ${unit === "service_at_location" ? sql`and d.sal_id is not null` : sql``}
        group by ${idOf(unit)} order by ${idOf(unit)}
        limit ${page.limit} offset ${page.offset}`),
    ).map((r) => r.id);
    return { ids, total: await countIds(db, unit, filters) };
  }
  const rows = rowsOf<{ id: string; total: number }>(
    await db.execute(sql`
      select m.id, count(*) over ()::int as total
      from (
        select distinct ${idOf(unit)} as id, ${textScore(filters)}::float8 as score
        from ${joined(filters)}
        where ${conditions(filters)} ${unit === "service_at_location" ? sql`and d.sal_id is not null` : sql``}
      ) m
      order by m.score desc, m.id
      limit ${page.limit} offset ${page.offset}`),
  );
  const first = rows[0];
  if (first) return { ids: rows.map((r) => r.id), total: first.total };
  // A page past the end says nothing about the total: count it.
  return { ids: [], total: page.offset ? await countIds(db, unit, filters) : 0 };
}

async function countIds(db: Db, unit: Unit, filters: HsdsFilters): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(distinct ${idOf(unit)})::int as n from ${joined(filters)}
      where ${conditions(filters)} ${unit === "service_at_location" ? sql`and d.sal_id is not null` : sql``}`),
  );
  return rows[0]?.n ?? 0;
}

/** Ids after `after` in id order, for streaming every match without offsets. */
export async function idsAfter(
  db: Db,
  unit: Unit,
  filters: HsdsFilters,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select distinct ${idOf(unit)} as id from ${joined(filters)}
      where ${conditions(filters)} ${unit === "service_at_location" ? sql`and d.sal_id is not null` : sql``}
        ${after ? sql`and ${idOf(unit)} > ${after}::uuid` : sql``}
      order by id limit ${limit}`),
  );
  return rows.map((r) => r.id);
}

/** Every matching id open at the asked time (places evaluated with their own time zone). */
export async function openIds(
  db: Db,
  unit: Unit,
  filters: HsdsFilters,
  when: OpenAtQuery,
  opts: { now: Date; timeZone: string },
): Promise<string[]> {
  const candidates = rowsOf<Candidate>(
    await db.execute(sql`
      select d.service_id, d.sal_id, d.location_id, d.time_zone, 0::float8 as score,
             null::float8 as distance_m, 0 as matched, d.rules
      from ${joined(filters)}
      where ${conditions(filters)}
      order by (${textScore(filters)})::float8 desc, d.service_id, d.sal_id
      limit ${OPEN_AT_CAP}`),
  );
  const open = evaluateOpen(candidates, when, opts).filter((c) => c.open === "open");
  const ids = open.map((c) => (unit === "service" ? c.service_id : c.sal_id));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

// ---- organizations, taxonomies, terms ----

/** Every word similar to one in the text (small tables: no index needed). */
function wordsMatch(words: readonly string[], text: SQL): SQL {
  if (words.length === 0) return sql`true`;
  return sql.join(
    words.map((w) => sql`lower(unaccent(${text})) %> ${w}`),
    sql` and `,
  );
}

export interface SimpleList {
  from: SQL;
  where: SQL;
}

/** Organizations by name, or offering a service the words (typos forgiven) find. */
export async function organizationsList(db: Db, search: string | undefined): Promise<SimpleList> {
  const words = searchWords(search);
  const spellings = await correctSpellings(db, words);
  const byService = words.length
    ? sql`exists (select 1 from directory_search d where d.organization_id = o.id and ${textMatch({
        words,
        match: "fuzzy",
        spellings,
      })})`
    : sql`true`;
  return {
    from: sql`hsds_organization o`,
    where: sql`not o.mutuo_test and (${wordsMatch(words, sql`o.name`)} or ${byService})`,
  };
}

export function taxonomiesList(search: string | undefined): SimpleList {
  return {
    from: sql`hsds_taxonomy o`,
    where: wordsMatch(searchWords(search), sql`o.name || ' ' || o.description`),
  };
}

export function taxonomyTermsList(q: {
  search?: string | undefined;
  taxonomy_id?: string | undefined;
  parent_id?: string | undefined;
  top_only?: boolean | undefined;
}): SimpleList {
  const parts = [wordsMatch(searchWords(q.search), sql`o.name || ' ' || coalesce(o.code, '')`)];
  if (q.taxonomy_id) parts.push(sql`o.taxonomy_id = ${q.taxonomy_id}::uuid`);
  if (q.parent_id) parts.push(sql`o.parent_id = ${q.parent_id}::uuid`);
  if (q.top_only) parts.push(sql`o.parent_id is null`);
  return { from: sql`hsds_taxonomy_term o`, where: sql.join(parts, sql` and `) };
}

export async function pageOfSimple(
  db: Db,
  list: SimpleList,
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute(
      sql`select o.id from ${list.from} where ${list.where} order by o.id limit ${page.limit} offset ${page.offset}`,
    ),
    db.execute(sql`select count(*)::int as n from ${list.from} where ${list.where}`),
  ]);
  return {
    ids: rowsOf<{ id: string }>(rows).map((r) => r.id),
    total: rowsOf<{ n: number }>(count)[0]?.n ?? 0,
  };
}

export async function simpleIdsAfter(
  db: Db,
  list: SimpleList,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db.execute(
    sql`select o.id from ${list.from} where ${list.where} ${after ? sql`and o.id > ${after}::uuid` : sql``}
        order by o.id limit ${limit}`,
  );
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}
