// A deliberately naive evaluator of the same definition as evaluate.ts, for tests only: it lays the
// minutes of the day before and the day itself on a ruler, marks every wall-clock minute each rule
// opens or closes, and reads the instant's wall clock off the ruler. It shares no code with the fast
// evaluator (its own date walking, its own parsing, its own time-zone reading).
import type { ScheduleRule } from "./rules";

type State = "open" | "closed" | "unknown";
const CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]; // index = Date#getUTCDay()

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

function date(text: string): Date {
  const [y = 0, m = 1, d = 1] = text.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function plusDays(d: Date, n: number): Date {
  const out = new Date(d.getTime());
  out.setUTCDate(out.getUTCDate() + n);
  return out;
}

function dateOrNull(text: string | null | undefined): string | null {
  return text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

function minutes(text: string | null | undefined, closing: boolean): number | null {
  const m = text ? /^(\d\d?):(\d\d)(?::(\d\d))?$/.exec(text) : null;
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]) + (closing && Number(m[3] ?? 0) > 0 ? 1 : 0);
}

/** The days of a month (1-based numbers) on which a rule with freq MONTHLY occurs. */
function monthDays(rule: ScheduleRule, year: number, month: number): Set<number> {
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const all = Array.from({ length }, (_, i) => i + 1);
  const weekdayOf = (n: number) => CODES[new Date(Date.UTC(year, month, n)).getUTCDay()];
  let fromByDay: Set<number> | null = null;
  if (rule.byday) {
    fromByDay = new Set();
    for (const token of rule.byday.split(",")) {
      const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(token.trim());
      if (!m) continue;
      const list = all.filter((n) => weekdayOf(n) === m[2]);
      const nth = m[1] ? Number(m[1]) : 0;
      if (nth === 0) for (const n of list) fromByDay.add(n);
      else {
        const pick = nth > 0 ? list[nth - 1] : list[list.length + nth];
        if (pick !== undefined) fromByDay.add(pick);
      }
    }
  }
  let fromMonthDay: Set<number> | null = null;
  if (rule.bymonthday) {
    fromMonthDay = new Set();
    for (const token of rule.bymonthday.split(",")) {
      const n = Number(token);
      const resolved = n > 0 ? n : length + 1 + n;
      if (resolved >= 1 && resolved <= length) fromMonthDay.add(resolved);
    }
  }
  if (fromByDay && fromMonthDay) return new Set([...fromByDay].filter((n) => fromMonthDay.has(n)));
  if (fromByDay) return fromByDay;
  if (fromMonthDay) return fromMonthDay;
  if (rule.dtstart) return new Set([date(rule.dtstart).getUTCDate()]);
  return new Set(all);
}

function kind(rule: ScheduleRule): "WEEKLY" | "MONTHLY" | "DAILY" | "NONE" {
  if (rule.freq === "WEEKLY" || rule.freq === "MONTHLY") return rule.freq;
  if (rule.freq) return "NONE";
  if (rule.bymonthday || (rule.byday && /\d/.test(rule.byday))) return "MONTHLY";
  return rule.byday ? "WEEKLY" : "DAILY";
}

/** Pattern only: weekday/month-day and the interval counted from dtstart's week or month. */
function patternHas(rule: ScheduleRule, day: Date): boolean {
  const k = kind(rule);
  const every = rule.interval && rule.interval > 1 ? rule.interval : 1;
  if (k === "NONE") return false;
  if (k === "DAILY") return true;
  if (k === "WEEKLY") {
    const code = CODES[day.getUTCDay()];
    const days = rule.byday
      ? rule.byday.split(",").map((t) => t.trim().replace(/^[+-]?\d+/, ""))
      : rule.dtstart
        ? [CODES[date(rule.dtstart).getUTCDay()]]
        : CODES;
    if (!days.includes(code)) return false;
    if (every === 1 || !rule.dtstart) return true;
    const wkst = CODES.indexOf(rule.wkst ?? "MO");
    const startOfWeek = (d: Date) => plusDays(d, -((d.getUTCDay() - wkst + 7) % 7));
    // walk the active weeks from dtstart's week until passing the day
    for (let w = startOfWeek(date(rule.dtstart)); w <= day; w = plusDays(w, 7 * every)) {
      if (day < plusDays(w, 7)) return true;
    }
    return false;
  }
  if (!monthDays(rule, day.getUTCFullYear(), day.getUTCMonth()).has(day.getUTCDate())) return false;
  if (every === 1 || !rule.dtstart) return true;
  const s = date(rule.dtstart);
  for (
    let y = s.getUTCFullYear(), m = s.getUTCMonth();
    y * 12 + m <= day.getUTCFullYear() * 12 + day.getUTCMonth();
    m += every
  ) {
    if (m >= 12) {
      y += Math.floor(m / 12);
      m %= 12;
    }
    if (y === day.getUTCFullYear() && m === day.getUTCMonth()) return true;
  }
  return false;
}

function occursOn(rule: ScheduleRule, day: Date): boolean {
  const text = ymd(day);
  const from = dateOrNull(rule.valid_from);
  const to = dateOrNull(rule.valid_to);
  const start = dateOrNull(rule.dtstart);
  const until = dateOrNull(rule.until);
  if (
    (from && text < from) ||
    (to && text > to) ||
    (start && text < start) ||
    (until && text > until)
  )
    return false;
  if (!patternHas(rule, day)) return false;
  if (rule.count && rule.count > 0 && start) {
    let seen = 0;
    for (let d = date(start); ymd(d) < text; d = plusDays(d, 1)) if (patternHas(rule, d)) seen++;
    return seen < rule.count;
  }
  return true;
}

function localWall(instant: Date, timeZone: string): { date: string; minute: number } {
  const text = instant.toLocaleString("sv-SE", { timeZone, hour12: false });
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`unexpected local time text ${text}`);
  return { date: `${m[1]}-${m[2]}-${m[3]}`, minute: (Number(m[4]) % 24) * 60 + Number(m[5]) };
}

export function bruteOpenAt(
  rules: readonly ScheduleRule[],
  instant: Date,
  timeZone: string,
): State {
  const local = localWall(instant, timeZone);
  const today = date(local.date);
  const open = new Uint8Array(2 * 1440);
  const closed = new Uint8Array(2 * 1440);
  let unknownToday = false;
  const mark = (ruler: Uint8Array, dayIndex: number, from: number, to: number) => {
    for (let m = dayIndex * 1440 + from; m < dayIndex * 1440 + to && m < ruler.length; m++)
      ruler[m] = 1;
  };
  for (const [dayIndex, day] of [plusDays(today, -1), today].entries()) {
    const oneDay = (r: ScheduleRule) =>
      !r.mutuo_closed &&
      dateOrNull(r.valid_from) !== null &&
      dateOrNull(r.valid_from) === dateOrNull(r.valid_to);
    const special = rules.some((r) => oneDay(r) && occursOn(r, day));
    for (const r of rules) {
      if (!occursOn(r, day) || (special && !r.mutuo_closed && !oneDay(r))) continue;
      const rawOpens = minutes(r.opens_at, false);
      const opens = rawOpens !== null && rawOpens < 1440 ? rawOpens : null;
      let closes = minutes(r.closes_at, true);
      const timed = opens !== null && closes !== null;
      if (timed && closes !== null && opens !== null && closes <= opens) closes += 1440;
      if (r.mutuo_closed) {
        mark(closed, dayIndex, timed ? (opens as number) : 0, timed ? (closes as number) : 1440);
      } else if (timed) mark(open, dayIndex, opens as number, closes as number);
      else if (dayIndex === 1) unknownToday = true;
    }
  }
  const at = 1440 + local.minute;
  if (closed[at]) return "closed";
  if (open[at]) return "open";
  if (unknownToday) return "unknown";
  const anyHours = rules.some(
    (r) =>
      !r.mutuo_closed &&
      (minutes(r.opens_at, false) ?? 1440) < 1440 &&
      minutes(r.closes_at, true) !== null,
  );
  return anyHours ? "closed" : "unknown";
}
