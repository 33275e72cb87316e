// Pure rules of HSDS validation that JSON Schema cannot state (times, dates, byday, coordinates,
// valid_from ≤ valid_to), how a JSON object's table is recognised, and where JSON text breaks.
// No I/O: validate.ts and check.ts read files and keep the state of a run.
import type { HsdsSchemas } from "./schemas";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import type { HsdsProblem } from "./tabular";

export type Json = Record<string, unknown>;

const TABLE_NAMES = new Set<string>(HSDS_TABLES.map((t) => t.name));
export const TABLE_BY_FILE = new Map<string, HsdsTableName>(
  HSDS_TABLES.map((t) => [t.file, t.name]),
);
const FIELDS = new Map(HSDS_TABLES.map((t) => [t.name as string, t.fields]));

export function isHsdsTable(name: string): name is HsdsTableName {
  return TABLE_NAMES.has(name);
}

export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BYDAY = /^([+-]?([1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/;

/** HH:MM or HH:MM:SS on a 24-hour clock, optionally with Z or a UTC offset (HSDS opens_at). */
export function isTime(value: string): boolean {
  return TIME.test(value);
}

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO 8601 date and time (RFC 3339 shape; the zone may be left out). */
export function isDateTime(value: string): boolean {
  const [date, time] = value.split(/[T ]/, 2);
  return date !== undefined && time !== undefined && isDate(date) && isTime(time);
}

/** RFC 5545 BYDAY: comma-separated weekdays, each optionally numbered (MO, 2FR, -1SU). */
export function isByday(value: string): boolean {
  return value.split(",").every((token) => BYDAY.test(token.trim()));
}

/** A fault in one field of one record; check.ts adds where it is. */
export type RecordIssue = Pick<HsdsProblem, "severity" | "code" | "message"> & {
  field: string;
  params: Record<string, string | number>;
};

const KIND_RULES = {
  date: { test: isDate, code: "bad_date", wants: "a date written YYYY-MM-DD" },
  time: { test: isTime, code: "bad_time", wants: "a time written HH:MM or HH:MM:SS (24 h)" },
  datetime: { test: isDateTime, code: "bad_datetime", wants: "a date and time (ISO 8601)" },
} as const;

const COORDINATE_LIMITS = { latitude: 90, longitude: 180 } as const;

/** What is wrong with one record beyond its schema (references aside: they need the input). */
export function recordIssues(table: HsdsTableName, value: Json): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const field of FIELDS.get(table) ?? []) {
    const v = value[field.name];
    const rule =
      field.kind in KIND_RULES ? KIND_RULES[field.kind as keyof typeof KIND_RULES] : null;
    if (rule && typeof v === "string" && !rule.test(v)) {
      const message = `${field.name} must be ${rule.wants}, not "${v}"`;
      issues.push({
        severity: "error",
        field: field.name,
        code: rule.code,
        message,
        params: { field: field.name, value: v },
      });
    }
  }
  if (table === "location") {
    for (const [field, limit] of Object.entries(COORDINATE_LIMITS)) {
      const v = value[field];
      if (typeof v !== "number" || Math.abs(v) <= limit) continue;
      // A warning: the schema allows it (the official examples use 100); such a place is kept
      // but not put on a map.
      const message = `${field} ${v} is outside -${limit}..${limit}: the location cannot be placed on a map`;
      issues.push({
        severity: "warning",
        field,
        code: "coordinates_out_of_range",
        message,
        params: { field, value: v, limit },
      });
    }
  }
  const { byday, valid_from: from, valid_to: to } = value;
  if (table === "schedule" && typeof byday === "string" && !isByday(byday)) {
    const message = `byday must list weekdays such as MO, 2FR or -1SU, not "${byday}"`;
    issues.push({
      severity: "error",
      field: "byday",
      code: "bad_byday",
      message,
      params: { value: byday },
    });
  }
  if (
    typeof from === "string" &&
    typeof to === "string" &&
    isDate(from) &&
    isDate(to) &&
    from > to
  ) {
    const message = `valid_to (${to}) is before valid_from (${from})`;
    issues.push({
      severity: "error",
      field: "valid_to",
      code: "valid_to_before_valid_from",
      message,
      params: { from, to },
    });
  }
  return issues;
}

/** First matching rule wins; each names keys only that table's objects carry. */
const SHAPE_RULES: readonly [HsdsTableName, readonly string[]][] = [
  ["service", ["service_at_locations", "status"]],
  ["service_at_location", ["service", "location"]],
  ["location", ["location_type"]],
  ["taxonomy_term", ["taxonomy_detail", "term_uri", "parent_id", "code"]],
  ["organization", ["services", "programs", "organization_identifiers", "website", "legal_status"]],
  ["organization", ["year_incorporated", "tax_status", "parent_organization_id", "logo"]],
  ["address", ["address_1", "address_type"]],
  ["schedule", ["freq", "byday", "opens_at", "dtstart"]],
];

/**
 * Which HSDS table a JSON object is: the shape rules, else the one table whose schema has every
 * key of the object as a property (the smallest such schema when several do). Null: unknown.
 */
export function detectTable(object: Json, schemas: HsdsSchemas): HsdsTableName | null {
  const keys = Object.keys(object);
  for (const [table, markers] of SHAPE_RULES) {
    if (markers.some((key) => key in object)) return table;
  }
  let best: { table: HsdsTableName; size: number } | null = null;
  for (const { name } of HSDS_TABLES) {
    if (!schemas.hasTable(name)) continue;
    const properties = schemas.schema(name).properties ?? {};
    if (!keys.every((key) => key in properties)) continue;
    const size = Object.keys(properties).length;
    if (!best || size < best.size) best = { table: name, size };
  }
  return best?.table ?? null;
}

/** The HSDS API's paginated answer ({ total_items, …, contents: [...] }). */
export const isApiPage = (value: Json) => Array.isArray(value.contents) && "total_items" in value;
/** The HSDS API's root answer ({ version, profile, openapi_url }). */
export const isApiRoot = (value: Json) => "openapi_url" in value && !("id" in value);
/** The tabular package written as JSON ({ "organizations.csv": [rows], … }). */
export const isTabularJson = (value: Json) =>
  Object.keys(value).length > 0 && Object.keys(value).every((key) => TABLE_BY_FILE.has(key));

/** Where a JSON.parse failure is, as line and column (1-based). */
export function jsonErrorPlace(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : "";
  const match = /at position (\d+)/.exec(message);
  let position = match ? Number(match[1]) : text.length;
  if (!match && !/Unexpected end/.test(message)) {
    // V8 does not always say where: the shortest prefix that fails for another reason than
    // ending early ends at the culprit (parsing stops there, so this stays cheap).
    let low = 1;
    let high = text.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (failsBeforeEnd(text.slice(0, mid))) high = mid;
      else low = mid + 1;
    }
    position = low - 1;
  }
  return textPlace(text, position);
}

/** Line and column (1-based) of a character position in a text. */
export function textPlace(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return { line, column: position - before.lastIndexOf("\n") };
}

/** True when JSON.parse fails on this prefix before reaching its end (not just cut short). */
function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    return !/Unexpected end/.test(message) && (!at || Number(at[1]) < prefix.length);
  }
}
