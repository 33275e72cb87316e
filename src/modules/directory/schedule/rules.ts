// HSDS schedule rows read into a form that answers "does this rule fall on local day D?" quickly.
// Recurrence follows iCalendar as far as HSDS uses it (WEEKLY and MONTHLY, interval, byday with
// ordinals, bymonthday, dtstart, until, count); the choices where HSDS is silent are recorded in
// docs/decisions/0022-opening-hours.md.
import { civilOf, dayOf, daysInMonth, MINUTES_PER_DAY, weekdayOf } from "./clock";

/** The part of an hsds_schedule row that decides hours (rows from the database fit as they are). */
export interface ScheduleRule {
  freq?: string | null;
  interval?: number | null;
  byday?: string | null;
  bymonthday?: string | null;
  dtstart?: string | null;
  until?: string | null;
  count?: number | null;
  wkst?: string | null;
  valid_from?: string | null;
  valid_to?: string | null;
  opens_at?: string | null;
  closes_at?: string | null;
  description?: string | null;
  mutuo_closed?: boolean | null;
}

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export interface ByDay {
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** 0 = every such weekday; 2 = the second of the month; -1 = the last. */
  nth: number;
}

export interface CompiledRule {
  source: ScheduleRule;
  closed: boolean;
  /** "weekly", "monthly", "daily" (no freq and no day filter), or null for a freq we do not read. */
  freq: "weekly" | "monthly" | "daily" | null;
  interval: number;
  byday: ByDay[] | null;
  bymonthday: number[] | null;
  dtstart: number | null;
  until: number | null;
  count: number | null;
  wkst: number;
  validFrom: number | null;
  validTo: number | null;
  /** Opening minute and closing minute counted from the start of the day it opens (end > start, ≤ 2 days). */
  hours: { start: number; end: number } | null;
  /** A one-day rule (valid_from = valid_to): on its day it replaces the regular hours. */
  special: boolean;
}

const BYDAY_TOKEN = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A schedule time as minutes after midnight; seconds are dropped when opening and rounded up when
 * closing ("17:59:59" closes at 18:00). A zone suffix ("Z", "+01:00") is ignored: times are read in
 * the location's zone.
 */
export function minuteOf(text: string | null | undefined, closing: boolean): number | null {
  if (!text) return null;
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (min > 59 || s > 59 || h > 24 || (h === 24 && (min > 0 || s > 0))) return null;
  return h * 60 + min + (closing && s > 0 ? 1 : 0);
}

/** closes ≤ opens runs past midnight; "00:00" and "24:00" close at the end of the day. */
function hoursOf(rule: ScheduleRule): CompiledRule["hours"] {
  const start = minuteOf(rule.opens_at, false);
  let end = minuteOf(rule.closes_at, true);
  if (start === null || end === null || start >= MINUTES_PER_DAY) return null;
  if (end <= start) end += MINUTES_PER_DAY;
  return { start, end };
}

function parseByDay(text: string | null | undefined): ByDay[] | null {
  if (!text?.trim()) return null;
  const out: ByDay[] = [];
  for (const token of text.toUpperCase().split(",")) {
    const m = BYDAY_TOKEN.exec(token.trim());
    if (!m) continue; // an unreadable token names no day
    const nth = m[1] ? Number(m[1]) : 0;
    if (Math.abs(nth) > 5) continue;
    out.push({ weekday: WEEKDAY_CODES.indexOf(m[2] as (typeof WEEKDAY_CODES)[number]) + 1, nth });
  }
  return out;
}

function parseMonthDays(text: string | null | undefined): number[] | null {
  if (!text?.trim()) return null;
  return text
    .split(",")
    .map((t) => Number(t.trim()))
    .filter((n) => Number.isInteger(n) && n !== 0 && Math.abs(n) <= 31);
}

function freqOf(
  rule: ScheduleRule,
  byday: ByDay[] | null,
  bymonthday: number[] | null,
): CompiledRule["freq"] {
  const freq = rule.freq?.trim().toUpperCase();
  if (freq === "WEEKLY") return "weekly";
  if (freq === "MONTHLY") return "monthly";
  if (freq) return null;
  if (bymonthday || byday?.some((b) => b.nth !== 0)) return "monthly";
  if (byday) return "weekly";
  return "daily";
}

const byObject = new WeakMap<ScheduleRule, CompiledRule>();
/** Rows read afresh for each search repeat the same few schedules; bounded so it cannot grow without end. */
const byContent = new Map<string, CompiledRule>();
const MAX_BY_CONTENT = 10_000;

function contentKey(r: ScheduleRule): string {
  return [
    r.freq,
    r.interval,
    r.byday,
    r.bymonthday,
    r.dtstart,
    r.until,
    r.count,
    r.wkst,
    r.valid_from,
    r.valid_to,
    r.opens_at,
    r.closes_at,
    r.description,
    r.mutuo_closed,
  ].join("\u0001");
}

/** The rule read once: by the same object, or by a rule with the same content. */
export function compileRule(rule: ScheduleRule): CompiledRule {
  const same = byObject.get(rule);
  if (same) return same;
  const key = contentKey(rule);
  let out = byContent.get(key);
  if (!out) {
    out = readRule(rule);
    if (byContent.size >= MAX_BY_CONTENT) byContent.clear();
    byContent.set(key, out);
  }
  byObject.set(rule, out);
  return out;
}

function readRule(rule: ScheduleRule): CompiledRule {
  const byday = parseByDay(rule.byday);
  const bymonthday = parseMonthDays(rule.bymonthday);
  const validFrom = dayOf(rule.valid_from);
  const validTo = dayOf(rule.valid_to);
  const wkst = WEEKDAY_CODES.indexOf(
    (rule.wkst ?? "MO").trim().toUpperCase() as (typeof WEEKDAY_CODES)[number],
  );
  return {
    source: rule,
    closed: rule.mutuo_closed === true,
    freq: freqOf(rule, byday, bymonthday),
    interval: rule.interval && rule.interval > 1 ? Math.floor(rule.interval) : 1,
    byday,
    bymonthday,
    dtstart: dayOf(rule.dtstart),
    until: dayOf(rule.until),
    count: rule.count && rule.count > 0 ? Math.floor(rule.count) : null,
    wkst: wkst < 0 ? 1 : wkst + 1,
    validFrom,
    validTo,
    hours: hoursOf(rule),
    special: rule.mutuo_closed !== true && validFrom !== null && validFrom === validTo,
  };
}

/** The nth-of-month position of a day: which occurrence of its weekday it is, from the start and from the end. */
function monthPosition(day: number): {
  fromStart: number;
  fromEnd: number;
  monthDay: number;
  monthLength: number;
} {
  const c = civilOf(day);
  const monthLength = daysInMonth(c.year, c.month);
  return {
    fromStart: Math.floor((c.day - 1) / 7) + 1,
    fromEnd: -(Math.floor((monthLength - c.day) / 7) + 1),
    monthDay: c.day,
    monthLength,
  };
}

/** The recurrence pattern alone (weekday, month day, interval), without dtstart/until/count bounds. */
function matchesPattern(rule: CompiledRule, day: number): boolean {
  const weekday = weekdayOf(day);
  if (rule.freq === null) return false;
  if (rule.freq === "daily") return true;
  if (rule.freq === "weekly") {
    if (rule.byday) {
      if (!rule.byday.some((b) => b.weekday === weekday)) return false;
    } else if (rule.dtstart !== null && weekdayOf(rule.dtstart) !== weekday) return false;
    if (rule.interval > 1 && rule.dtstart !== null) {
      const weeks = (weekStart(day, rule.wkst) - weekStart(rule.dtstart, rule.wkst)) / 7;
      if (((weeks % rule.interval) + rule.interval) % rule.interval !== 0) return false;
    }
    return true;
  }
  const pos = monthPosition(day);
  if (
    rule.byday &&
    !rule.byday.some(
      (b) =>
        b.weekday === weekday && (b.nth === 0 || b.nth === pos.fromStart || b.nth === pos.fromEnd),
    )
  ) {
    return false;
  }
  if (
    rule.bymonthday &&
    !rule.bymonthday.some((n) => n === pos.monthDay || n === pos.monthDay - pos.monthLength - 1)
  ) {
    return false;
  }
  if (
    !rule.byday &&
    !rule.bymonthday &&
    rule.dtstart !== null &&
    civilOf(rule.dtstart).day !== pos.monthDay
  )
    return false;
  if (rule.interval > 1 && rule.dtstart !== null) {
    const a = civilOf(day);
    const b = civilOf(rule.dtstart);
    const months = (a.year - b.year) * 12 + (a.month - b.month);
    if (((months % rule.interval) + rule.interval) % rule.interval !== 0) return false;
  }
  return true;
}

function weekStart(day: number, wkst: number): number {
  return day - ((weekdayOf(day) - wkst + 7) % 7);
}

/** Does the rule's recurrence (and its valid_from..valid_to window) put an occurrence on this local day? */
export function fallsOn(rule: CompiledRule, day: number): boolean {
  if (rule.validFrom !== null && day < rule.validFrom) return false;
  if (rule.validTo !== null && day > rule.validTo) return false;
  if (rule.dtstart !== null && day < rule.dtstart) return false;
  if (rule.until !== null && day > rule.until) return false;
  if (!matchesPattern(rule, day)) return false;
  if (rule.count !== null && rule.dtstart !== null)
    return occurrencesBefore(rule, day, rule.count) < rule.count;
  return true;
}

/** Occurrences in [dtstart, day), counting no further than `limit`. */
function occurrencesBefore(rule: CompiledRule, day: number, limit: number): number {
  let n = 0;
  for (let d = rule.dtstart as number; d < day && n < limit; d++) {
    if (matchesPattern(rule, d)) n++;
  }
  return n;
}
