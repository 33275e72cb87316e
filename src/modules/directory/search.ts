// Directory search: SQL finds the candidates (trigram text on the search document, radius on
// the earthdistance GiST index, language, Mutuo terms), ordered by relevance then distance;
// TypeScript then decides open/closed from the candidates' schedules (schedule/) and pages.
// One result is one service at one place (HSDS service_at_location); a service without a place
// appears once, and only when the search is not "near" somewhere (decision 0024).
import { or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { SEARCH_LIMITS, type SearchQuery, type SearchResponse } from "./contract";
import { loadListingFacts } from "./listing";
import { instantIn, localDate, type OpenAtQuery, parseOpenAt } from "./open-at";
import { presentSearchResult } from "./present";
import { hoursOn, openAt, type ScheduleRule } from "./schedule";
import { hsdsSchedule } from "./schema";
import { isStale } from "./stewardship-model";
import { TERM_BY_CODE } from "./taxonomy";

/** The most candidates one search looks at; beyond it "open at" counts only these. */
export const CANDIDATE_CAP = 1000;
/** When the words as typed find fewer places than this, typo-tolerant matching is used. */
export const FUZZY_BELOW = 20;
/** Query words matched against the search document; more are ignored. */
const MAX_WORDS = 8;
/** Words too common to require in a document ("despensa de comida" needs only two words). */
const STOP_WORDS = new Set(
  "a al and at de del el en for in la las lo los of on or para por the to un una y".split(" "),
);

export interface Near {
  lat: number;
  lng: number;
  radiusM: number;
}

/** What narrows candidates in SQL, from /api/v1 or the HSDS API's profile parameters. */
export interface SearchFilters {
  words: string[];
  /**
   * "exact": each word is in the document as typed (a substring: "food" finds "foods"), cheap on
   * the trigram index; "fuzzy": each word is similar to one in the document (typos), costlier.
   */
  match: "exact" | "fuzzy";
  near: Near | null;
  language: string | null;
  /** Mutuo taxonomy term ids the service must all have. */
  termIds: string[];
}

/** Lower-case, accent-free words of a visitor's text, without stop words. */
export function searchWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

export function filtersOfQuery(query: SearchQuery): SearchFilters {
  const termIds = [query.category, ...(query.access ?? [])]
    .map((code) => (code ? TERM_BY_CODE.get(code)?.id : undefined))
    .filter((id): id is string => !!id);
  const near =
    query.lat !== undefined && query.lng !== undefined
      ? {
          lat: query.lat,
          lng: query.lng,
          radiusM: (query.radius_km ?? SEARCH_LIMITS.defaultRadiusKm) * 1000,
        }
      : null;
  return {
    words: searchWords(query.q),
    match: "exact",
    near,
    language: query.language ?? null,
    termIds,
  };
}

// ---- SQL pieces, over the aliases s (hsds_service) and l (hsds_location) ----

/** `value` contains `word` (words are letters and digits only: nothing to escape for LIKE). */
function contains(value: SQL, word: string): SQL {
  return sql`${value} like ${`%${word}%`}`;
}

/** pg_trgm's default word similarity threshold, which `%>` uses. */
const WORD_SIMILARITY = 0.6;

/**
 * A cheap necessary condition for `doc %> word`: word similarity ≥ 0.6 needs 60 % of the word's
 * trigrams in the document; pg_trgm pads a word with three trigrams holding spaces, so at least
 * the rest must be among its inner trigrams, each of which is then a substring of the document.
 * A few LIKEs per row are ~50× cheaper than the similarity over a whole document, and skip half
 * the rows a typo search near somewhere looks at (docs/decisions/0028). Null when no inner
 * trigram is needed.
 */
export function trigramPrefilter(word: string): SQL | null {
  const chars = [...word];
  const inner = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) inner.add(chars.slice(i, i + 3).join(""));
  const padded = chars.length === 1 ? 2 : 3;
  const shared = Math.ceil(WORD_SIMILARITY * (padded + inner.size) - 1e-9);
  const needed = shared - padded;
  if (needed <= 0) return null;
  const hits = [...inner].map(
    (t) => sql`(case when ${contains(sql`s.mutuo_search_doc`, t)} then 1 else 0 end)`,
  );
  return sql`(${sql.join(hits, sql` + `)}) >= ${needed}`;
}

/**
 * Every word must be in the document (GIN trigram index either way): as typed, or, in "fuzzy"
 * mode, as a similar word (pg_trgm word similarity ≥ 0.6: "panty" finds "pantry").
 */
export function textMatch(
  filters: Pick<SearchFilters, "words" | "match">,
  prefilter = false,
): SQL | null {
  if (filters.words.length === 0) return null;
  return sql.join(
    filters.words.map((w) => {
      if (filters.match === "exact") return contains(sql`s.mutuo_search_doc`, w);
      const similar = sql`s.mutuo_search_doc %> ${w}`;
      const cheap = prefilter ? trigramPrefilter(w) : null;
      // CASE keeps the order (the planner would test the one-operator `%>` first), at the price
      // of the trigram index: only for rows already narrowed by place.
      return cheap ? sql`(case when ${cheap} then ${similar} else false end)` : similar;
    }),
    sql` and `,
  );
}

/**
 * How well a service matches, 0..1: the share of the words in its name (as typed), or in fuzzy
 * mode the mean word similarity with the document plus a little for the name.
 */
export function textScore(filters: Pick<SearchFilters, "words" | "match">): SQL {
  const { words } = filters;
  if (words.length === 0) return sql`0`;
  const name = sql`lower(unaccent(s.name))`;
  if (filters.match === "exact") {
    const inName = words.map((w) => sql`(case when ${contains(name, w)} then 1 else 0 end)`);
    return sql`((${sql.join(inName, sql` + `)})::float8 / ${words.length})`;
  }
  const each = sql.join(
    words.map((w) => sql`word_similarity(${w}, s.mutuo_search_doc)`),
    sql` + `,
  );
  return sql`((${each}) / ${words.length} * 0.8 + 0.2 * word_similarity(${words.join(" ")}, ${name}))`;
}

function earthPoint(near: Near): SQL {
  return sql`ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
}

/** Within the radius: the earth_box test uses the GiST index; the distance test is exact. */
export function nearMatch(near: Near): SQL {
  return sql`l.mutuo_placed
    and earth_box(${earthPoint(near)}, ${near.radiusM}::float8) @> ll_to_earth(l.latitude, l.longitude)
    and earth_distance(${earthPoint(near)}, ll_to_earth(l.latitude, l.longitude)) <= ${near.radiusM}::float8`;
}

export function distanceOf(near: Near | null): SQL {
  if (!near) return sql`null::float8`;
  return sql`earth_distance(${earthPoint(near)}, ll_to_earth(l.latitude, l.longitude))`;
}

/** The language is spoken at the service, or at the place (`withPlace`). */
export function languageMatch(code: string, withPlace: boolean): SQL {
  const atService = sql`exists (select 1 from hsds_language lg where lg.code = ${code} and lg.service_id = s.id)`;
  if (!withPlace) return atService;
  return sql`(${atService} or exists (select 1 from hsds_language lg where lg.code = ${code} and lg.location_id = l.id))`;
}

export function termMatch(termId: string): SQL {
  return sql`exists (select 1 from hsds_attribute a where a.taxonomy_term_id = ${termId}::uuid and a.link_id = s.id and a.link_entity = 'service')`;
}

/** Not a test or example record of its source (those are kept, never listed). */
export const NOT_TEST = sql`not s.mutuo_test
  and not exists (select 1 from hsds_organization o where o.id = s.organization_id and o.mutuo_test)`;

/** Listed in search: active and not a test record. */
export const LISTED = sql`s.status = 'active' and ${NOT_TEST}`;

/** The conditions on s (and l when `withPlace`) that a search's filters ask for. */
export function filterConditions(
  filters: SearchFilters,
  withPlace: boolean,
  visible: SQL = LISTED,
): SQL[] {
  const parts: SQL[] = [visible];
  // Near somewhere, the places come first (GiST index), then the text is tested row by row.
  const text = textMatch(filters, filters.near !== null);
  if (text) parts.push(text);
  if (filters.near) parts.push(nearMatch(filters.near));
  if (filters.language) parts.push(languageMatch(filters.language, withPlace));
  for (const id of filters.termIds) parts.push(termMatch(id));
  return parts;
}

export interface Candidate {
  service_id: string;
  sal_id: string | null;
  location_id: string | null;
  time_zone: string | null;
  score: number;
  distance_m: number | null;
  /** How many rows matched before the cap. */
  matched: number;
}

/** The candidates' SQL: ordered by relevance (in tenths) then distance, at most CANDIDATE_CAP. */
export function buildCandidatesSql(filters: SearchFilters): SQL {
  // A place is required near somewhere; otherwise a service without one still counts.
  const join = filters.near
    ? sql`join hsds_service_at_location sal on sal.service_id = s.id
          join hsds_location l on l.id = sal.location_id and not l.mutuo_test`
    : sql`left join hsds_service_at_location sal on sal.service_id = s.id
          left join hsds_location l on l.id = sal.location_id`;
  const where = filterConditions(filters, true);
  if (!filters.near) where.push(sql`(l.id is null or not l.mutuo_test)`);
  return sql`
    select c.service_id, c.sal_id, c.location_id, c.time_zone, c.score, c.distance_m, c.matched
    from (
      select s.id as service_id, sal.id as sal_id, l.id as location_id, s.name,
             l.mutuo_time_zone as time_zone,
             ${textScore(filters)}::float8 as score,
             ${distanceOf(filters.near)} as distance_m,
             count(*) over ()::int as matched
      from hsds_service s ${join}
      where ${sql.join(where, sql` and `)}
    ) c
    order by round(c.score::numeric, 1) desc, c.distance_m asc nulls last, c.name, c.service_id, c.sal_id
    limit ${CANDIDATE_CAP}`;
}

/** Runs a candidates query (both drivers answer with `rows`). */
export async function runCandidates(db: Db, query: SQL): Promise<Candidate[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Candidate[] }).rows;
}

/**
 * The SQL a search runs first for its candidates (the benchmark runs it raw): words as typed.
 * Only when that finds fewer than FUZZY_BELOW places does the search run it again, fuzzy.
 */
export function buildSearchSql(query: SearchQuery): SQL {
  return buildCandidatesSql(filtersOfQuery(query));
}

/** The candidates: words as typed first, typo-tolerant when that finds too few. */
export async function findCandidates(db: Db, filters: SearchFilters): Promise<Candidate[]> {
  const exact = await runCandidates(db, buildCandidatesSql(filters));
  if (filters.words.length === 0 || (exact[0]?.matched ?? 0) >= FUZZY_BELOW) return exact;
  return runCandidates(db, buildCandidatesSql({ ...filters, match: "fuzzy" }));
}

// ---- schedules ----

export type ScheduleRow = typeof hsdsSchedule.$inferSelect;

export interface SchedulesByOwner {
  bySal: Map<string, ScheduleRow[]>;
  byService: Map<string, ScheduleRow[]>;
  byLocation: Map<string, ScheduleRow[]>;
}

/** One uuid[] parameter however many ids (a parameter per id costs more to send and plan). */
function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/** The schedules of these services, places and services-at-places, in one query. */
export async function loadSchedules(
  db: Db,
  owners: { serviceIds: string[]; locationIds: string[]; salIds: string[] },
): Promise<SchedulesByOwner> {
  const out: SchedulesByOwner = { bySal: new Map(), byService: new Map(), byLocation: new Map() };
  const conditions = [
    owners.salIds.length
      ? sql`${hsdsSchedule.service_at_location_id} = any(${uuidArray(owners.salIds)})`
      : null,
    owners.serviceIds.length
      ? sql`${hsdsSchedule.service_id} = any(${uuidArray(owners.serviceIds)})`
      : null,
    owners.locationIds.length
      ? sql`${hsdsSchedule.location_id} = any(${uuidArray(owners.locationIds)})`
      : null,
  ].filter((c): c is SQL => c !== null);
  if (conditions.length === 0) return out;
  const rows = await db
    .select()
    .from(hsdsSchedule)
    .where(or(...conditions));
  for (const row of rows) {
    // A schedule names the most specific owner it belongs to.
    const [map, key] = row.service_at_location_id
      ? [out.bySal, row.service_at_location_id]
      : row.service_id
        ? [out.byService, row.service_id]
        : [out.byLocation, row.location_id];
    if (!key) continue;
    const list = map.get(key) ?? [];
    list.push(row);
    map.set(key, list);
  }
  return out;
}

/**
 * The rules of a service at a place: the regular hours of the most specific owner that has any
 * (service-at-place, else service, else place), plus every closure of all three.
 */
export function rulesFor(
  schedules: SchedulesByOwner,
  serviceId: string,
  salId: string | null,
  locationId: string | null,
): ScheduleRule[] {
  const levels = [
    salId ? schedules.bySal.get(salId) : undefined,
    schedules.byService.get(serviceId),
    locationId ? schedules.byLocation.get(locationId) : undefined,
  ].map((rows) => rows ?? []);
  const regular = levels.map((rows) => rows.filter((r) => !r.mutuo_closed)).find((r) => r.length);
  const closures = levels.flatMap((rows) => rows.filter((r) => r.mutuo_closed));
  return [...(regular ?? []), ...closures];
}

// ---- the search ----

export interface SearchOptions {
  now: Date;
  lang: "en" | "es";
  /** Where a service without a place of its own keeps its hours. */
  timeZone?: string;
}

export interface Evaluated extends Candidate {
  open: "open" | "closed" | "unknown";
  rules: ScheduleRule[];
  zone: string;
  at: Date;
}

/** Open state of each candidate at the asked time, with one schedule query for all. */
export async function evaluateOpen(
  db: Db,
  candidates: readonly Candidate[],
  when: OpenAtQuery,
  opts: { now: Date; timeZone: string },
): Promise<Evaluated[]> {
  const schedules = await loadSchedules(db, {
    serviceIds: unique(candidates.map((c) => c.service_id)),
    locationIds: unique(candidates.map((c) => c.location_id)),
    salIds: unique(candidates.map((c) => c.sal_id)),
  });
  return candidates.map((c) => {
    const zone = c.time_zone ?? opts.timeZone;
    const at = instantIn(when, zone, opts.now);
    const rules = rulesFor(schedules, c.service_id, c.sal_id, c.location_id);
    return { ...c, zone, at, rules, open: openAt(rules, at, zone) };
  });
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

export async function searchDirectory(
  db: Db,
  query: SearchQuery,
  opts: SearchOptions,
): Promise<SearchResponse> {
  const timeZone = opts.timeZone ?? "UTC";
  const when = query.open_at ? parseOpenAt(query.open_at, opts.now) : null;
  if (query.open_at && !when) throw new Error(`unreadable open_at: ${query.open_at}`);
  const page = query.page ?? 1;
  const perPage = query.per_page ?? SEARCH_LIMITS.defaultPerPage;
  const rows = await findCandidates(db, filtersOfQuery(query));
  const start = (page - 1) * perPage;
  let total: number;
  let pageRows: Evaluated[];
  if (when) {
    // Only open ones: every candidate must be evaluated before paging.
    const open = (await evaluateOpen(db, rows, when, { now: opts.now, timeZone })).filter(
      (r) => r.open === "open",
    );
    total = open.length;
    pageRows = open.slice(start, start + perPage);
  } else {
    total = rows[0]?.matched ?? 0;
    const now: OpenAtQuery = { kind: "instant", at: opts.now };
    pageRows = await evaluateOpen(db, rows.slice(start, start + perPage), now, {
      now: opts.now,
      timeZone,
    });
  }
  const facts = await loadListingFacts(db, pageRows);
  const at = when ? instantIn(when, timeZone, opts.now) : opts.now;
  return {
    total,
    page,
    per_page: perPage,
    at: at.toISOString(),
    results: pageRows.map((r) =>
      presentSearchResult(r, facts, {
        today: hoursOn(r.rules, localDate(r.at, r.zone), r.zone),
        stale: isStaleFacts(facts, r.service_id, opts.now),
      }),
    ),
  };
}

function isStaleFacts(
  facts: Awaited<ReturnType<typeof loadListingFacts>>,
  serviceId: string,
  now: Date,
): boolean {
  const s = facts.services.get(serviceId);
  return s ? isStale(s.verifiedAt, s.createdAt, now) : false;
}
