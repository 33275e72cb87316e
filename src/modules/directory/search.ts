// Directory search: SQL finds the candidates in directory_search (search-rows.ts: one row per
// service at a place, with its document, point, languages, terms and schedule rules) — words
// in the document, radius on the earthdistance GiST index, language, Mutuo terms — ordered
// by relevance then distance; TypeScript then decides open/closed from the rows' rules
// (schedule/) and pages.
// One result is one service at one place (HSDS service_at_location); a service without a place
// appears once, and only when the search is not "near" somewhere (decision 0024).
import { or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { uuidArray } from "../../db/sql";
import { SEARCH_LIMITS, type SearchQuery, type SearchResponse } from "./contract";
import { loadListingFacts } from "./listing";
import { instantIn, localDate, type OpenAtQuery, parseOpenAt } from "./open-at";
import { presentSearchResult } from "./present";
import { hoursOn, openAt, type ScheduleRule } from "./schedule";
import { hsdsSchedule } from "./schema";
import { MIN_WORD_LENGTH } from "./search-doc";
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
   * "exact": each word is in the document as typed (a substring: "food" finds "foods");
   * "fuzzy": each word is in the document in one of its `spellings` (typos).
   */
  match: "exact" | "fuzzy";
  /**
   * In "fuzzy" mode, each word's accepted spellings: the word as typed and the document words
   * closest to it (`correctSpellings`). Absent: the words as typed.
   */
  spellings?: readonly (readonly string[])[];
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

// ---- SQL pieces, over the alias d (directory_search) ----

/** `value` contains `word` (words are letters and digits only: nothing to escape for LIKE). */
function contains(value: SQL, word: string): SQL {
  return sql`${value} like ${`%${word}%`}`;
}

/** How close a document word must be to a typed one to count as its spelling (pg_trgm). */
const SPELLING_SIMILARITY = 0.4;
/** Corrections tried per typed word, closest first. */
const SPELLINGS_PER_WORD = 3;

/**
 * LIKE patterns that a word sharing any trigram with `word` matches: its inner trigrams, its
 * first two letters at the start and its last two at the end (pg_trgm pads words with spaces).
 * A similarity above zero needs a shared trigram, so this is a necessary condition the trigram
 * index answers. (pg_trgm's own `%` operator returns nothing on PGlite and leaves it hanging.)
 */
export function trigramPatterns(word: string): string[] {
  const patterns = new Set([`${word.slice(0, 2)}%`, `%${word.slice(-2)}`]);
  for (let i = 0; i + 3 <= word.length; i++) patterns.add(`%${word.slice(i, i + 3)}%`);
  return [...patterns];
}

/**
 * Each word's accepted spellings for typo-tolerant search: the word as typed plus the closest
 * words of any document (`directory_words`, trigram similarity ≥ 0.4, at most 3): "panty" →
 * pantry, "comunitria" → comunitaria. One indexed lookup in a short list per word, instead of a
 * similarity computed over every document (decision 0028). Short words are kept as typed.
 */
export async function correctSpellings(db: Db, words: readonly string[]): Promise<string[][]> {
  // One word at a time: the database may be one connection (PGlite).
  const out: string[][] = [];
  for (const word of words) {
    if (word.length < MIN_WORD_LENGTH) {
      out.push([word]);
      continue;
    }
    const shares = sql.join(
      trigramPatterns(word).map((p) => sql`word like ${p}`),
      sql` or `,
    );
    const result: unknown = await db.execute(sql`
      select word from directory_words
      where (${shares}) and similarity(word, ${word}::text) >= ${SPELLING_SIMILARITY}::float8
      order by similarity(word, ${word}::text) desc, word
      limit ${SPELLINGS_PER_WORD}`);
    const found = (result as { rows: { word: string }[] }).rows.map((r) => r.word);
    out.push([...new Set([word, ...found])]);
  }
  return out;
}

/** The spellings each word may take in the documents (only the word itself when exact). */
function spellingsOf(filters: Pick<SearchFilters, "words" | "match" | "spellings">): string[][] {
  if (filters.match === "fuzzy" && filters.spellings) return filters.spellings.map((s) => [...s]);
  return filters.words.map((w) => [w]);
}

/** `value` contains one of these spellings. */
function containsAny(value: SQL, spellings: readonly string[]): SQL {
  if (spellings.length === 0) return sql`false`;
  return sql`(${sql.join(
    spellings.map((w) => contains(value, w)),
    sql` or `,
  )})`;
}

/**
 * Every word must be in the document (substrings, tested on the rows found): as typed, or in
 * "fuzzy" mode in one of its spellings.
 */
export function textMatch(
  filters: Pick<SearchFilters, "words" | "match" | "spellings">,
): SQL | null {
  if (filters.words.length === 0) return null;
  return sql.join(
    spellingsOf(filters).map((spellings) => containsAny(sql`d.doc`, spellings)),
    sql` and `,
  );
}

/**
 * How well a service matches, 0..1: the share of the words (in any accepted spelling) found in
 * its name.
 */
export function textScore(filters: Pick<SearchFilters, "words" | "match" | "spellings">): SQL {
  const all = spellingsOf(filters);
  if (all.length === 0) return sql`0`;
  const name = sql`d.name_key`;
  const inName = all.map((sp) => sql`(case when ${containsAny(name, sp)} then 1 else 0 end)`);
  return sql`((${sql.join(inName, sql` + `)})::float8 / ${all.length})`;
}

function earthPoint(near: Near): SQL {
  return sql`ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
}

/**
 * Metres along the earth's surface from the point to the row's place: the haversine formula on
 * earthdistance's sphere (earth() = 6,378,168 m), the same figure as earth_distance to a
 * nanometre, in plain float arithmetic — earthdistance's cube functions cost ~3 µs a row, which
 * was most of a search in a dense city (decision 0028).
 */
function greatCircle(near: Near): SQL {
  const lat = sql`${near.lat}::float8`;
  const lng = sql`${near.lng}::float8`;
  return sql`(2 * 6378168 * asin(least(1, sqrt(
    power(sin(radians(d.latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(d.latitude)) * power(sin(radians(d.longitude - ${lng}) / 2), 2)))))`;
}

/** Within the radius: the earth_box test uses the GiST index; the distance test is exact. */
export function nearMatch(near: Near): SQL {
  return sql`d.placed
    and earth_box(${earthPoint(near)}, ${near.radiusM}::float8) @> ll_to_earth(d.latitude, d.longitude)
    and ${greatCircle(near)} <= ${near.radiusM}::float8`;
}

export function distanceOf(near: Near | null): SQL {
  if (!near) return sql`null::float8`;
  return greatCircle(near);
}

/** The language is spoken at the service, or at the place. */
export function languageMatch(code: string): SQL {
  return sql`${code}::text = any(d.languages)`;
}

/** The service has every one of these taxonomy terms. */
export function termsMatch(termIds: readonly string[]): SQL {
  return sql`d.term_ids @> ${uuidArray(termIds)}`;
}

/** Not a test or example record of its source, nor at a test place (kept, never listed). */
export const NOT_TEST = sql`not d.test`;

/** Listed in search: active and not a test record. */
export const LISTED = sql`d.active and not d.test`;

/** The conditions on d that a search's filters ask for. */
export function filterConditions(filters: SearchFilters, visible: SQL = LISTED): SQL[] {
  const parts: SQL[] = [visible];
  const text = textMatch(filters);
  if (text) parts.push(text);
  if (filters.near) parts.push(nearMatch(filters.near));
  if (filters.language) parts.push(languageMatch(filters.language));
  if (filters.termIds.length) parts.push(termsMatch(filters.termIds));
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
  /** The rules that decide its hours (search-rows.ts). */
  rules: ScheduleRule[];
}

/** The candidates' SQL: ordered by relevance (in tenths) then distance, at most CANDIDATE_CAP. */
export function buildCandidatesSql(filters: SearchFilters): SQL {
  return sql`
    select c.service_id, c.sal_id, c.location_id, c.time_zone, c.score, c.distance_m, c.matched,
           c.rules
    from (
      select d.service_id, d.sal_id, d.location_id, d.name, d.time_zone, d.rules,
             ${textScore(filters)}::float8 as score,
             ${distanceOf(filters.near)} as distance_m,
             count(*) over ()::int as matched
      from directory_search d
      where ${sql.join(filterConditions(filters), sql` and `)}
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

/**
 * Whether some typed word is in no word of any document (so the words as typed find nothing):
 * one lookup per word on the vocabulary's trigram index, cheaper than a search that finds
 * nothing. Words shorter than the vocabulary's are not judged.
 */
export async function someWordUnknown(db: Db, words: readonly string[]): Promise<boolean> {
  const judged = words.filter((w) => w.length >= MIN_WORD_LENGTH);
  if (judged.length === 0) return false;
  const result: unknown = await db.execute(
    sql`select ${sql.join(
      judged.map((w) => sql`exists (select 1 from directory_words where word like ${`%${w}%`})`),
      sql` and `,
    )} as known`,
  );
  return !(result as { rows: { known: boolean }[] }).rows[0]?.known;
}

/**
 * The candidates: words as typed first, typo-tolerant when that finds too few (at once when a
 * word is in no document at all: "pantri").
 */
export async function findCandidates(db: Db, filters: SearchFilters): Promise<Candidate[]> {
  if (filters.words.length === 0) return runCandidates(db, buildCandidatesSql(filters));
  if (!(await someWordUnknown(db, filters.words))) {
    const exact = await runCandidates(db, buildCandidatesSql(filters));
    if ((exact[0]?.matched ?? 0) >= FUZZY_BELOW) return exact;
  }
  const spellings = await correctSpellings(db, filters.words);
  return runCandidates(db, buildCandidatesSql({ ...filters, match: "fuzzy", spellings }));
}

// ---- schedules ----

export type ScheduleRow = typeof hsdsSchedule.$inferSelect;

export interface SchedulesByOwner {
  bySal: Map<string, ScheduleRow[]>;
  byService: Map<string, ScheduleRow[]>;
  byLocation: Map<string, ScheduleRow[]>;
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
  zone: string;
  at: Date;
}

/** Open state of each candidate at the asked time, from the rules its search row holds. */
export function evaluateOpen(
  candidates: readonly Candidate[],
  when: OpenAtQuery,
  opts: { now: Date; timeZone: string },
): Evaluated[] {
  return candidates.map((c) => {
    const zone = c.time_zone ?? opts.timeZone;
    const at = instantIn(when, zone, opts.now);
    return { ...c, zone, at, open: openAt(c.rules, at, zone) };
  });
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
    const open = evaluateOpen(rows, when, { now: opts.now, timeZone }).filter(
      (r) => r.open === "open",
    );
    total = open.length;
    pageRows = open.slice(start, start + perPage);
  } else {
    total = rows[0]?.matched ?? 0;
    const now: OpenAtQuery = { kind: "instant", at: opts.now };
    pageRows = evaluateOpen(rows.slice(start, start + perPage), now, {
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
