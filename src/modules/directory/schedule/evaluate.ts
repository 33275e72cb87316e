// Is a place open at an instant? Hours are wall-clock intervals: an interval covers every instant
// whose wall clock in the location's zone reads inside it. So a time that does not exist (the
// spring-forward gap) is simply never reached, and on fall-back night a repeated hour is inside an
// interval both times it is lived. Closures win over openings; a one-day rule replaces the regular
// hours of its day. The brute-force twin in brute.ts follows the same definition, minute by minute.
import {
  dayOf,
  instantsAt,
  MINUTES_PER_DAY,
  offsetChanges,
  type WallClock,
  wallClock,
} from "./clock";
import { type CompiledRule, compileRule, fallsOn, type ScheduleRule } from "./rules";

export type OpenState = "open" | "closed" | "unknown";

export interface Hours {
  opens: string;
  closes: string;
}

const WHOLE_DAY = { start: 0, end: MINUTES_PER_DAY };

/** Does any one-day rule fall on this day (so the regular rules do not)? */
function isSpecialDay(rules: readonly CompiledRule[], day: number): boolean {
  return rules.some((r) => r.special && fallsOn(r, day));
}

/** The rules whose opening on `day` counts: closures always; open rules unless a one-day rule replaces them. */
function openingRulesOn(rules: readonly CompiledRule[], day: number): CompiledRule[] {
  const special = isSpecialDay(rules, day);
  return rules.filter((r) => !r.closed && (r.special || !special) && fallsOn(r, day));
}

function covers(rule: CompiledRule, openedOn: number, at: WallClock, hours = rule.hours): boolean {
  if (!hours) return false;
  const m = at.minute + (at.day - openedOn) * MINUTES_PER_DAY;
  return m >= hours.start && m < hours.end;
}

// The cheap interval test comes before the recurrence test: most rules fail it.
function stateAtWall(rules: readonly CompiledRule[], at: WallClock): OpenState {
  const days = [at.day - 1, at.day];
  for (const r of rules) {
    if (r.closed && days.some((d) => covers(r, d, at, r.hours ?? WHOLE_DAY) && fallsOn(r, d))) {
      return "closed";
    }
  }
  for (const d of days) {
    const covering = rules.filter((r) => !r.closed && covers(r, d, at));
    if (covering.length === 0) continue;
    const special = isSpecialDay(rules, d);
    if (covering.some((r) => (r.special || !special) && fallsOn(r, d))) return "open";
  }
  const unstated = rules.some((r) => !r.closed && !r.hours);
  if (unstated && openingRulesOn(rules, at.day).some((r) => !r.hours)) return "unknown";
  return rules.some((r) => !r.closed && r.hours) ? "closed" : "unknown";
}

/** "open", "closed", or "unknown" (hours not stated for that day, or no rule states any hours). */
export function openAt(rules: readonly ScheduleRule[], instant: Date, timeZone: string): OpenState {
  return stateAtWall(rules.map(compileRule), wallClock(instant, timeZone));
}

/**
 * The hours that open on a local day, closures taken off, sorted and merged. An interval past
 * midnight keeps its next-day closing time ("22:00"–"02:00"); "24:00" is the end of the day.
 * The zone does not change the listed wall-clock hours; it is taken for symmetry with openAt.
 */
export function hoursOn(
  rules: readonly ScheduleRule[],
  localDate: string,
  _timeZone: string,
): Hours[] {
  const day = dayOf(localDate);
  if (day === null) return [];
  const compiled = rules.map(compileRule);
  let spans = openingRulesOn(compiled, day).flatMap((r) => (r.hours ? [{ ...r.hours }] : []));
  for (const r of compiled) {
    if (!r.closed) continue;
    for (const d of [day - 1, day, day + 1]) {
      if (!fallsOn(r, d)) continue;
      const h = r.hours ?? WHOLE_DAY;
      const shift = (d - day) * MINUTES_PER_DAY;
      spans = subtract(spans, { start: h.start + shift, end: h.end + shift });
    }
  }
  return mergeSpans(spans).map((s) => ({
    opens: clockText(s.start),
    closes: s.end === MINUTES_PER_DAY ? "24:00" : clockText(s.end),
  }));
}

interface Span {
  start: number;
  end: number;
}

function subtract(spans: Span[], cut: Span): Span[] {
  return spans.flatMap((s) => {
    if (cut.end <= s.start || cut.start >= s.end) return [s];
    const parts: Span[] = [];
    if (cut.start > s.start) parts.push({ start: s.start, end: cut.start });
    if (cut.end < s.end) parts.push({ start: cut.end, end: s.end });
    return parts;
  });
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function clockText(minute: number): string {
  const m = minute % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/**
 * The next instant (within `horizonDays`) at which the state changes, and the state from then on;
 * null if it does not change. The state can only change where the wall clock reaches an interval
 * edge or a day start, or where the zone's offset changes, so only those instants are tried.
 */
export function nextChange(
  rules: readonly ScheduleRule[],
  instant: Date,
  timeZone: string,
  horizonDays = 8,
): { state: OpenState; at: Date } | null {
  const compiled = rules.map(compileRule);
  const now = wallClock(instant, timeZone);
  const current = stateAtWall(compiled, now);
  const end = new Date(instant.getTime() + horizonDays * 86_400_000);
  const edges = new Set<number>();
  for (let d = now.day - 1; d <= now.day + horizonDays + 1; d++) {
    edges.add(d * MINUTES_PER_DAY);
    for (const r of compiled) {
      if (!r.hours || !fallsOn(r, d)) continue;
      edges.add(d * MINUTES_PER_DAY + r.hours.start);
      edges.add(d * MINUTES_PER_DAY + r.hours.end);
    }
  }
  const candidates = [...edges].flatMap((m) => instantsAt(m, timeZone).map((t) => t.getTime()));
  candidates.push(...offsetChanges(instant, end, timeZone).map((t) => t.getTime()));
  const ordered = [...new Set(candidates)]
    .filter((t) => t > instant.getTime() && t <= end.getTime())
    .sort((a, b) => a - b);
  for (const t of ordered) {
    const state = stateAtWall(compiled, wallClock(new Date(t), timeZone));
    if (state !== current) return { state, at: new Date(t) };
  }
  return null;
}
