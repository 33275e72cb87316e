// Schedules for people to read: the plain week as a table, every other rule as a sentence in
// English or Spanish, and the closures coming up.
import { dayOf, isoDate, MINUTES_PER_DAY } from "./clock";
import { clockText, type Hours, mergeSpans } from "./evaluate";
import { type CompiledRule, compileRule, fallsOn, type ScheduleRule } from "./rules";

export type Lang = "en" | "es";

/** Every week the same, with stated hours and no date bounds: what fits a Monday-to-Sunday table. */
function isPlainWeekly(r: CompiledRule): boolean {
  return (
    !r.closed &&
    r.hours !== null &&
    (r.freq === "weekly" || r.freq === "daily") &&
    r.interval === 1 &&
    (r.byday ?? []).every((b) => b.nth === 0) &&
    [r.validFrom, r.validTo, r.dtstart, r.until, r.count].every((v) => v === null)
  );
}

function hoursText(span: { start: number; end: number }): Hours {
  return {
    opens: clockText(span.start),
    closes: span.end === MINUTES_PER_DAY ? "24:00" : clockText(span.end),
  };
}

/** Monday (1) to Sunday (7) with each day's merged hours; [] when no rule is a plain weekly one. */
export function weeklyHours(
  rules: readonly ScheduleRule[],
): { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; hours: Hours[] }[] {
  const plain = rules.map(compileRule).filter(isPlainWeekly);
  if (!plain.length) return [];
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => {
    const spans = plain
      .filter((r) => !r.byday || r.byday.some((b) => b.weekday === weekday))
      .map((r) => ({ ...(r.hours as { start: number; end: number }) }));
    return { weekday, hours: mergeSpans(spans).map(hoursText) };
  });
}

const WORDS = {
  en: {
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    and: "and",
    nth: (n: number) =>
      n === -1 ? "last" : n === -2 ? "second to last" : `${n}${["st", "nd", "rd"][n - 1] ?? "th"}`,
    nthDay: (nths: string, weekday: string) => `${nths} ${weekday}`,
    everyWeekday: (weekday: string) => `every ${weekday}`,
    monthDays: (days: string) => `${days} of the month`,
    monthDay: (n: number) =>
      n === -1 ? "last day" : n < -1 ? `${-n}th-to-last day` : WORDS.en.nth(n),
    everyDay: "every day",
    everyWeeks: (n: number) => `every ${n} weeks`,
    everyMonths: (n: number) => `every ${n} months`,
    on: (d: string) => `On ${d}`,
    fromTo: (a: string, b: string) => `From ${a} to ${b}`,
    from: (a: string) => `From ${a}`,
    until: (b: string) => `Until ${b}`,
    times: (n: number) => `${n} times`,
    noHours: "hours not stated",
  },
  es: {
    weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    and: "y",
    nth: (n: number) => (n === -1 ? "último" : n === -2 ? "penúltimo" : `${n}.º`),
    nthDay: (nths: string, weekday: string) => `${nths} ${weekday}`,
    everyWeekday: (weekday: string) =>
      `todos los ${weekday.endsWith("s") ? weekday : `${weekday}s`}`,
    monthDays: (days: string) => `${days} de cada mes`,
    monthDay: (n: number) =>
      n === -1 ? "último día" : n < -1 ? `${-n}.º día antes del fin` : `día ${n}`,
    everyDay: "todos los días",
    everyWeeks: (n: number) => `cada ${n} semanas`,
    everyMonths: (n: number) => `cada ${n} meses`,
    on: (d: string) => `El ${d}`,
    fromTo: (a: string, b: string) => `Del ${a} al ${b}`,
    from: (a: string) => `Desde el ${a}`,
    until: (b: string) => `Hasta el ${b}`,
    times: (n: number) => `${n} veces`,
    noHours: "horario no indicado",
  },
};

function joinAnd(items: string[], lang: Lang): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${WORDS[lang].and} ${items.at(-1)}`;
}

function daysText(r: CompiledRule, lang: Lang): string | null {
  const w = WORDS[lang];
  const parts: string[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const nths = (r.byday ?? []).filter((b) => b.weekday === weekday).map((b) => b.nth);
    if (!nths.length) continue;
    const name = w.weekdays[weekday - 1] ?? "";
    if (r.freq === "monthly" && nths.every((n) => n !== 0))
      parts.push(w.nthDay(joinAnd(nths.map(w.nth), lang), name));
    else parts.push(r.freq === "monthly" ? w.everyWeekday(name) : name);
  }
  if (r.bymonthday) parts.push(w.monthDays(joinAnd(r.bymonthday.map(w.monthDay), lang)));
  const every =
    r.interval > 1
      ? r.freq === "monthly"
        ? w.everyMonths(r.interval)
        : w.everyWeeks(r.interval)
      : null;
  const days = parts.length ? joinAnd(parts, lang) : r.special ? null : w.everyDay;
  return [days, every].filter(Boolean).join(" ") || null;
}

function boundsText(r: CompiledRule, lang: Lang): string | null {
  const w = WORDS[lang];
  const from = Math.max(r.validFrom ?? -Infinity, r.dtstart ?? -Infinity);
  const to = Math.min(r.validTo ?? Infinity, r.until ?? Infinity);
  const count = r.count !== null && r.dtstart !== null ? ` (${w.times(r.count)})` : "";
  if (from === to) return w.on(isoDate(from));
  if (Number.isFinite(from) && Number.isFinite(to))
    return w.fromTo(isoDate(from), isoDate(to)) + count;
  if (Number.isFinite(from)) return w.from(isoDate(from)) + count;
  if (Number.isFinite(to)) return w.until(isoDate(to));
  return count ? count.trim() : null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The open rules that do not fit the weekly table, in words: "2nd and 4th Friday, 10:00–12:00". */
export function otherRules(rules: readonly ScheduleRule[], lang: Lang): string[] {
  return rules
    .map(compileRule)
    .filter((r) => !r.closed && r.freq !== null && !isPlainWeekly(r))
    .map((r) => {
      const hours = r.hours
        ? `${hoursText(r.hours).opens}–${hoursText(r.hours).closes}`
        : WORDS[lang].noHours;
      const what = [daysText(r, lang), hours].filter(Boolean).join(", ");
      const bounds = boundsText(r, lang);
      return capitalize(bounds ? `${bounds}: ${what}` : what);
    });
}

export interface Closure {
  /** First and last local day of a run of consecutive closed days ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** The closed hours, or null when closed all day. */
  hours: Hours | null;
  description: string | null;
}

/** Closures falling on the `days` local days from `fromLocalDate`, consecutive days joined, by date. */
export function upcomingClosures(
  rules: readonly ScheduleRule[],
  fromLocalDate: string,
  days: number,
): Closure[] {
  const first = dayOf(fromLocalDate);
  if (first === null) return [];
  const out: Closure[] = [];
  for (const r of rules.map(compileRule).filter((c) => c.closed)) {
    let runStart: number | null = null;
    for (let d = first; d <= first + days; d++) {
      const closed = d < first + days && fallsOn(r, d);
      if (closed && runStart === null) runStart = d;
      if (!closed && runStart !== null) {
        out.push({
          from: isoDate(runStart),
          to: isoDate(d - 1),
          hours: r.hours ? hoursText(r.hours) : null,
          description: r.source.description ?? null,
        });
        runStart = null;
      }
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
