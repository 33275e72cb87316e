// Ohana's opening hours: weekly rows (every time must parse, whatever its format) and holidays
// (closures, or special hours between two dates; year 1 means every year). See ohana.ts.
import type { HsdsProblem } from "./hsds/tabular";
import { csvProblem } from "./import-common";
import { type Files, id, type Out, type Row } from "./ohana-csv";
import { parseClock } from "./schedule/parse";

const WEEKDAYS: Record<string, string> = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
  "1": "MO",
  "2": "TU",
  "3": "WE",
  "4": "TH",
  "5": "FR",
  "6": "SA",
  "7": "SU",
};

function scheduleLinks(r: Row) {
  return {
    location_id: r.get("location_id") ? id("location", r.get("location_id")) : null,
    service_id: r.get("service_id") ? id("service", r.get("service_id")) : null,
  };
}

/** Every weekly row must parse: a time we cannot read is refused with its text, never guessed. */
export function mapRegularSchedules(files: Files, out: Out, problems: HsdsProblem[]): void {
  const file = "regular_schedules.csv";
  for (const r of files[file] ?? []) {
    const scheduleId = id("regular_schedule", r.get("id"));
    const day = WEEKDAYS[r.get("weekday").toLowerCase()];
    const opens = parseClock(r.get("opens_at"));
    const closes = parseClock(r.get("closes_at"));
    const bad = !day ? "weekday" : !opens ? "opens_at" : !closes ? "closes_at" : null;
    if (bad) {
      problems.push(
        csvProblem(
          "error",
          file,
          r.row,
          bad,
          bad === "weekday" ? "ohana_bad_weekday" : "ohana_bad_time",
          `schedule ${r.get("id")}: cannot read ${bad} "${r.get(bad)}"`,
          { value: r.get(bad) },
          "schedule",
          scheduleId,
        ),
      );
      continue;
    }
    out.schedule.push({
      id: scheduleId,
      ...scheduleLinks(r),
      freq: "WEEKLY",
      wkst: "MO",
      byday: day,
      opens_at: opens,
      closes_at: closes,
    });
  }
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * An Ohana holiday date: "January 01, 0001" (year 1 = every year: returns no year) or
 * "12/24/2015" / "12/24/15". Null when unreadable.
 */
export function ohanaDate(
  value: string,
): { year: number | null; month: number; day: number } | null {
  const named = /^([a-z]+)\s+(\d{1,2}),\s*(\d{1,4})$/i.exec(value.trim());
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value.trim());
  let year: number;
  let month: number;
  let day: number;
  if (named) {
    month = MONTHS.indexOf((named[1] ?? "").toLowerCase()) + 1;
    day = Number(named[2]);
    year = Number(named[3]);
  } else if (numeric) {
    month = Number(numeric[1]);
    day = Number(numeric[2]);
    year = Number(numeric[3]);
    if ((numeric[3] ?? "").length === 2) year += 2000;
  } else return null;
  const probe = new Date(Date.UTC(year < 100 ? 2000 : year, month - 1, day));
  if (month < 1 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year: year === 1 ? null : year, month, day };
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/**
 * Closed days become closures (`mutuo_closed`); open days with hours become special-hours rules
 * bounded by valid_from/valid_to. Ohana's year 1 means "every year": such a holiday is written
 * for the import year and the next (re-importing next year adds the year after).
 */
export function mapHolidays(files: Files, out: Out, year: number, problems: HsdsProblem[]): void {
  const file = "holiday_schedules.csv";
  for (const r of files[file] ?? []) {
    const start = ohanaDate(r.get("start_date"));
    const end = ohanaDate(r.get("end_date"));
    const closed = r.get("closed").toLowerCase() === "true";
    const opens = closed ? null : parseClock(r.get("opens_at"));
    const closes = closed ? null : parseClock(r.get("closes_at"));
    const bad = !start
      ? "start_date"
      : !end
        ? "end_date"
        : !closed && !opens
          ? "opens_at"
          : !closed && !closes
            ? "closes_at"
            : null;
    if (bad || !start || !end) {
      const column = bad ?? "start_date";
      problems.push(
        csvProblem(
          "error",
          file,
          r.row,
          column,
          column.endsWith("_at") ? "ohana_bad_time" : "ohana_bad_date",
          `holiday ${r.get("id")}: cannot read ${column} "${r.get(column)}"`,
          { value: r.get(column) },
          "schedule",
          id("holiday_schedule", r.get("id")),
        ),
      );
      continue;
    }
    const years = start.year === null ? [year, year + 1] : [start.year];
    for (const y of years) {
      const endYear = end.year ?? (end.month < start.month ? y + 1 : y);
      const from = iso(y, start.month, start.day);
      const to = iso(endYear, end.month, end.day);
      const single = from === to;
      out.schedule.push({
        id: id("holiday_schedule", start.year === null ? `${r.get("id")}:${y}` : r.get("id")),
        ...scheduleLinks(r),
        valid_from: from,
        valid_to: to,
        ...(closed
          ? { mutuo_closed: true }
          : {
              freq: "WEEKLY",
              byday: single ? BYDAY[new Date(`${from}T00:00:00Z`).getUTCDay()] : BYDAY.join(","),
              opens_at: opens,
              closes_at: closes,
              mutuo_closed: false,
            }),
        description: closed ? "Closed (holiday)" : "Holiday hours",
      });
    }
  }
}
