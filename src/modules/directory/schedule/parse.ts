// Free-text opening hours ("Mon-Fri 9-5; Sat 10-2", "2.º y 4.º viernes de 10 a 12") to HSDS
// schedule rules. Anything not fully understood is reported, never guessed: a segment with one
// unknown word gives a problem and no rules. The reading of bare hours ("9-5") is documented in
// docs/decisions/0022-opening-hours.md.
import { MINUTES_PER_DAY } from "./clock";
import type { ByDay, ScheduleRule } from "./rules";
import { WEEKDAY_CODES } from "./rules";
import { type ClockToken, clockMinutes, normalize, type Token, tokenize } from "./tokens";

export interface HoursProblem {
  code: "hours_unreadable";
  text: string;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

/** One clock time as "HH:MM" (24-hour), or null: "4:00 PM" → "16:00", "12am" → "00:00", "mediodía" → "12:00". */
export function parseClock(text: string): string | null {
  const [token, ...rest] = tokenize(normalize(text));
  if (token?.kind !== "time" || rest.length) return null;
  const minutes = clockMinutes(token);
  return minutes === null ? null : clockText(minutes);
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** A bare 12-hour time (no am/pm, no leading zero) could be either of these; bare 12 is noon. */
function readings(t: ClockToken): number[] {
  const base = (t.hour % 12) * 60 + t.minute;
  return t.hour === 12 ? [base + 720] : [base, base + 720];
}

const settled = (t: ClockToken) => t.half !== null || t.literal || t.word !== undefined;

/**
 * The minutes of a range whose am/pm may be missing on one or both ends. A bare start is morning
 * for 7–11, noon for 12 and afternoon for 1–6 ("9-5", "1-5"), unless the end says am/pm (then the
 * latest reading before the end: "9-5pm", "1-5pm"); beside a 24-hour end it is 24-hour too
 * ("9-17"). A bare end is its first reading after the start ("9-5" → 17:00, "9am-11" → 11:00),
 * or the morning one if none is (past midnight: "10pm-2").
 */
function resolveRange(a: ClockToken, b: ClockToken): { start: number; end: number } | null {
  let start: number | null;
  if (settled(a) || (b.literal && !b.word)) start = clockMinutes(a, a.half);
  else if (b.half || b.word) {
    const end = b.word === "midnight" ? MINUTES_PER_DAY : (clockMinutes(b) ?? 0);
    const before = readings(a).filter((m) => m < end);
    start = before.length ? Math.max(...before) : (readings(a).at(-1) ?? null);
  } else
    start = a.hour === 12 || a.hour >= 7 ? (readings(a)[0] ?? null) : (readings(a).at(-1) ?? null);
  if (start === null || start >= MINUTES_PER_DAY) return null;
  let end: number | null;
  if (settled(b)) end = clockMinutes(b, b.half);
  else end = readings(b).find((m) => m > start) ?? readings(b)[0] ?? null;
  if (end === null) return null;
  if (end === 0 || b.word === "midnight") end = MINUTES_PER_DAY;
  return { start, end };
}

type Item =
  | { kind: "days"; days: ByDay[] }
  | { kind: "times"; start: number; end: number }
  | { kind: "closed" };

/** Day words at tokens[i]: "Mon", "Mon-Fri", "Fri to Mon" (wrapping), "weekends"; null if none. */
function readDaySpan(tokens: Token[], i: number): [number[], number] | null {
  const first = tokens[i];
  if (first?.kind !== "day") return null;
  const last = tokens[i + 2];
  if (
    tokens[i + 1]?.kind === "range" &&
    last?.kind === "day" &&
    first.weekdays.length === 1 &&
    last.weekdays.length === 1
  ) {
    const [from = 1] = first.weekdays;
    const [to = 7] = last.weekdays;
    const span: number[] = [];
    for (let d = from; ; d = (d % 7) + 1) {
      span.push(d);
      if (d === to) break;
    }
    return [span, i + 3];
  }
  return [first.weekdays, i + 1];
}

/** "Mon, Wed-Fri and Sun", with `nths` ("2nd and 4th") applied to every day read. */
function readDays(tokens: Token[], i: number, nths: number[]): [Item, number] | null {
  const first = readDaySpan(tokens, i);
  if (!first) return null;
  let [weekdays, next] = first;
  for (;;) {
    const more = tokens[next]?.kind === "list" ? readDaySpan(tokens, next + 1) : null;
    if (!more) break;
    weekdays = [...weekdays, ...more[0]];
    next = more[1];
  }
  const days = [...new Set(weekdays)].flatMap((weekday) => nths.map((nth) => ({ weekday, nth })));
  return [{ kind: "days", days }, next];
}

/** The segment as days, time ranges and closed marks; null if any token is not understood. */
function readItems(tokens: Token[]): Item[] | null {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i] as Token;
    if (t.kind === "list") {
      i++;
    } else if (t.kind === "ordinal" || t.kind === "day") {
      const nths: number[] = [];
      while (tokens[i]?.kind === "ordinal") {
        nths.push((tokens[i] as { nth: number }).nth);
        i += tokens[i + 1]?.kind === "list" && tokens[i + 2]?.kind === "ordinal" ? 2 : 1;
      }
      const read = readDays(tokens, i, nths.length ? nths : [0]);
      if (!read) return null;
      items.push(read[0]);
      i = read[1];
    } else if (t.kind === "time") {
      const end = tokens[i + 2];
      if (tokens[i + 1]?.kind !== "range" || end?.kind !== "time") return null;
      const range = resolveRange(t, end);
      if (!range) return null;
      items.push({ kind: "times", ...range });
      i += 3;
    } else if (t.kind === "allDay" || t.kind === "always") {
      if (t.kind === "always")
        items.push({ kind: "days", days: ALL_WEEK.map((weekday) => ({ weekday, nth: 0 })) });
      items.push({ kind: "times", start: 0, end: MINUTES_PER_DAY });
      i++;
    } else if (t.kind === "closed") {
      items.push({ kind: "closed" });
      i++;
    } else return null;
  }
  return items;
}

interface Group {
  days: ByDay[];
  times: { start: number; end: number }[];
  closed: boolean;
}

/** Days bind to the times that follow them, or (when a segment starts with times) to the days after. */
function groupItems(items: Item[]): Group[] {
  const groups: Group[] = [];
  let current: Group = { days: [], times: [], closed: false };
  const decided = (g: Group) => g.times.length > 0 || g.closed;
  for (const item of items) {
    if (item.kind === "days") {
      if (decided(current) && current.days.length === 0) {
        current.days = item.days;
        groups.push(current);
        current = { days: [], times: [], closed: false };
        continue;
      }
      if (decided(current)) {
        groups.push(current);
        current = { days: [], times: [], closed: false };
      }
      current.days.push(...item.days);
    } else if (item.kind === "times") current.times.push({ start: item.start, end: item.end });
    else {
      if (current.times.length) {
        groups.push(current);
        current = { days: [], times: [], closed: false };
      }
      current.closed = true;
    }
  }
  if (current.days.length || decided(current)) groups.push(current);
  // "Mon-Fri 9-5, closed 12-1": closed hours with no days of their own are those days' break
  for (const [i, g] of groups.entries()) {
    const before = groups[i - 1];
    if (g.closed && g.times.length && !g.days.length && before?.days.length) g.days = before.days;
  }
  return groups;
}

function bydayText(days: ByDay[]): string {
  return [...days]
    .sort((a, b) => a.weekday - b.weekday || a.nth - b.nth)
    .map((d) => `${d.nth === 0 ? "" : d.nth}${WEEKDAY_CODES[d.weekday - 1]}`)
    .join(",");
}

function endText(end: number): string {
  return end >= MINUTES_PER_DAY ? "24:00" : clockText(end);
}

/** Rules for one group's days (every week for plain days, monthly for "2nd Friday") and times. */
function rulesOf(days: ByDay[], times: Group["times"], closed: boolean): ScheduleRule[] {
  const weekly = days.filter((d) => d.nth === 0);
  const monthly = days.filter((d) => d.nth !== 0);
  const spans = times.length ? times : [null];
  const out: ScheduleRule[] = [];
  for (const [freq, set] of [
    ["WEEKLY", weekly],
    ["MONTHLY", monthly],
  ] as const) {
    if (!set.length) continue;
    for (const span of spans) {
      const rule: ScheduleRule = { freq, byday: bydayText(set) };
      if (span)
        Object.assign(rule, { opens_at: clockText(span.start), closes_at: endText(span.end) });
      if (closed) rule.mutuo_closed = true;
      out.push(rule);
    }
  }
  return out;
}

/** Segments: ";", new lines, "|", and a sentence's end after a time or "closed" ("Mon. Wed." stays one). */
const SEGMENT_BREAK = /[;\n|]+|(?<=\d|\b[ap]m|closed|cerrad[oa]s?)\.\s+(?=\p{L})/iu;

/**
 * Opening hours in English or Spanish as schedule rules. Times with no day apply to the whole
 * week only when the text names no day at all; "closed" for some days takes them out of the
 * week; "closed" alone is a closure of every day.
 */
export function parseHours(text: string): { rules: ScheduleRule[]; problems: HoursProblem[] } {
  const segments = text
    .split(SEGMENT_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);
  const problems: HoursProblem[] = [];
  const read = segments.map((s) => ({ text: s, items: readItems(tokenize(normalize(s))) }));
  const namesDays = read.some((r) => r.items?.some((i) => i.kind === "days"));
  const open: { days: ByDay[]; times: Group["times"] }[] = [];
  const closures: ScheduleRule[] = [];
  for (const segment of read) {
    const groups = segment.items ? groupItems(segment.items) : [];
    const unreadable = (g: Group) =>
      (g.days.length === 0 &&
        (namesDays || !g.times.length) &&
        !(g.closed && read.length === 1 && groups.length === 1)) ||
      (g.times.length === 0 && !g.closed);
    if (!segment.items || groups.length === 0 || groups.some(unreadable)) {
      problems.push({ code: "hours_unreadable", text: segment.text });
      continue;
    }
    for (const g of groups) {
      const days = g.days.length ? g.days : ALL_WEEK.map((weekday) => ({ weekday, nth: 0 }));
      if (!g.closed) open.push({ days, times: g.times });
      else if (g.days.length === 0 && g.times.length === 0) closures.push({ mutuo_closed: true });
      else if (g.times.length) closures.push(...rulesOf(days, g.times, true));
      else {
        // closed all day on plain weekdays: take them out of the week; on nth weekdays: a closure
        const plain = new Set(days.filter((d) => d.nth === 0).map((d) => d.weekday));
        for (const o of open) o.days = o.days.filter((d) => d.nth !== 0 || !plain.has(d.weekday));
        closures.push(
          ...rulesOf(
            days.filter((d) => d.nth !== 0),
            [],
            true,
          ),
        );
      }
    }
  }
  return {
    rules: [...open.flatMap((o) => rulesOf(o.days, o.times, false)), ...closures],
    problems,
  };
}
