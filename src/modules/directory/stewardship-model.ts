// Pure rules for keeping listings true: when a listing is stale, how its hours read as words a
// steward can edit, and what an edit changes (for the audit log). No database, no clock.
import { STALE_AFTER_DAYS } from "./contract";
import type { ListingEdit } from "./stewardship-contract";

const DAY_MS = 86_400_000;

/** Listings last confirmed (or, never confirmed, first imported) before this instant are stale. */
export function staleCutoff(now: Date): Date {
  return new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
}

/** A never-verified listing counts from the day it arrived: an old import is as doubtful. */
export function isStale(verifiedAt: Date | null, createdAt: Date, now: Date): boolean {
  return (verifiedAt ?? createdAt).getTime() < staleCutoff(now).getTime();
}

/** The fields an edit touches, for the audit log (never their values: they may be long). */
export function editedFields(edit: ListingEdit): string[] {
  return Object.keys(edit)
    .filter((k) => k !== "updated_at")
    .sort();
}

/** The subset of an HSDS schedule row that the hours text is written from. */
export interface HoursRule {
  freq?: string | null;
  byday?: string | null;
  bymonthday?: string | null;
  interval?: number | null;
  valid_from?: string | null;
  valid_to?: string | null;
  opens_at?: string | null;
  closes_at?: string | null;
  description?: string | null;
  mutuo_closed?: boolean | null;
}

const DAY_NAMES: Record<string, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};
const DAY_ORDER = Object.keys(DAY_NAMES);
const ORDINALS: Record<string, string> = {
  "1": "1st",
  "2": "2nd",
  "3": "3rd",
  "4": "4th",
  "5": "5th",
  "-1": "last",
};

const clock = (time: string | null | undefined) => (time ?? "").slice(0, 5);

/** Weekdays in week order, three or more in a row as a range: "Mon-Fri, Sun". */
function dayRuns(days: string[]): string {
  const indexes = [...new Set(days.map((d) => DAY_ORDER.indexOf(d)))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of indexes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const name = (i: number) => DAY_NAMES[DAY_ORDER[i] as string];
  return runs
    .flatMap(([a, b]) =>
      b - a >= 2 ? [`${name(a)}-${name(b)}`] : a === b ? [name(a)] : [name(a), name(b)],
    )
    .join(", ");
}

/** "MO,WE" → "Mon, Wed"; "2FR,4FR" → "2nd and 4th Fri"; null for anything else. */
function daysInWords(byday: string): string | null {
  const parts = byday.split(",").map((d) => d.trim().toUpperCase());
  const plain = parts.filter((d) => DAY_NAMES[d]);
  if (plain.length === parts.length) return dayRuns(plain);
  const nth = parts.map((d) => /^(-?\d)([A-Z]{2})$/.exec(d));
  const day = nth[0]?.[2];
  if (!day || nth.some((m) => !m || m[2] !== day || !ORDINALS[m[1] as string])) return null;
  const ordinals = nth.map((m) => ORDINALS[(m as RegExpExecArray)[1] as string]);
  return `${ordinals.join(" and ")} ${DAY_NAMES[day]}`;
}

const times = (rule: HoursRule) =>
  rule.opens_at && rule.closes_at ? `${clock(rule.opens_at)}-${clock(rule.closes_at)}` : null;

/** A rule every week on plain days ("MO,WE"), with times and no date bounds. */
function plainWeekly(rule: HoursRule): boolean {
  return (
    !!times(rule) &&
    (!rule.freq || rule.freq === "WEEKLY") &&
    (rule.interval ?? 1) === 1 &&
    !rule.valid_from &&
    !rule.valid_to &&
    !rule.bymonthday
  );
}

/** A rule that is not plain weekly, in words the hours parser reads back, else its description. */
function otherInWords(rule: HoursRule): string | null {
  const t = times(rule);
  const days = rule.byday ? daysInWords(rule.byday) : null;
  if (t && days && rule.freq === "MONTHLY" && !rule.valid_from && !rule.valid_to) {
    return `${days} ${t}`;
  }
  return rule.description?.trim() || null;
}

/**
 * The regular hours as one line ("Mon, Wed 09:00-17:00; Sat 10:00-14:00"), days with the same
 * times merged. Closures are edited apart, so they are left out.
 */
export function hoursText(rules: readonly HoursRule[]): string {
  const byTimes = new Map<string, Set<string>>();
  const others: string[] = [];
  for (const rule of rules) {
    if (rule.mutuo_closed) continue;
    const t = times(rule);
    const days = (rule.byday ?? "MO,TU,WE,TH,FR,SA,SU")
      .split(",")
      .map((d) => d.trim().toUpperCase());
    if (t && plainWeekly(rule) && days.every((d) => DAY_NAMES[d])) {
      const set = byTimes.get(t) ?? new Set<string>();
      for (const d of days) set.add(d);
      byTimes.set(t, set);
      continue;
    }
    const words = otherInWords(rule);
    if (words && !others.includes(words)) others.push(words);
  }
  const weekly = [...byTimes].map(([t, days]) => `${daysInWords([...days].join(","))} ${t}`);
  return [...weekly, ...others].join("; ");
}
