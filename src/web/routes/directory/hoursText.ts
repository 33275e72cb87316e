// Hours, distances and dates of the directory in the visitor's language. The server gives local
// wall-clock times ("09:00") already in each location's time zone: they are formatted here as
// clock times only, never shifted to the visitor's zone (a pantry opens at 9 where it is).

export interface Interval {
  opens: string;
  closes: string;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(language: string): Intl.DateTimeFormat {
  let format = clockFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      hour: "numeric",
      minute: "2-digit",
      timeZone: "UTC",
    });
    clockFormats.set(language, format);
  }
  return format;
}

/** "09:30" → "9:30 AM" (en) / "9:30" (es); anything unreadable is shown as it came. */
export function formatClock(hhmm: string, language: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!match) return hhmm;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return hhmm;
  return clockFormat(language).format(Date.UTC(2000, 0, 1, hours % 24, minutes));
}

/** Open from midnight to the end of the day: said as "open all day" rather than two clocks. */
export function isAllDay(interval: Interval): boolean {
  return interval.opens.startsWith("00:00") && /^(23:59|24:00)/.test(interval.closes);
}

/** "9:00 AM – 12:00 PM and 2:00 PM – 5:00 PM". */
export function formatIntervals(intervals: readonly Interval[], language: string): string {
  const ranges = intervals.map(
    (i) => `${formatClock(i.opens, language)} – ${formatClock(i.closes, language)}`,
  );
  try {
    return new Intl.ListFormat(language, { style: "long", type: "conjunction" }).format(ranges);
  } catch {
    return ranges.join(", ");
  }
}

/** "350 m" under a kilometre, else "1.2 km" / "1,2 km" (whole kilometres from 10 km). */
export function formatDistance(metres: number, language: string): string {
  if (metres < 1000) {
    const rounded = Math.max(10, Math.round(metres / 10) * 10);
    return new Intl.NumberFormat(language, { style: "unit", unit: "meter" }).format(rounded);
  }
  const km = metres / 1000;
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit: "kilometer",
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

/** ISO weekday (1 = Monday … 7 = Sunday) → "Monday" / "lunes". */
export function weekdayName(weekday: number, language: string): string {
  // 2024-01-01 was a Monday.
  const date = Date.UTC(2024, 0, weekday);
  return new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(date);
}

/** A local calendar date "2026-12-24" → "December 24, 2026" / "24 de diciembre de 2026". */
export function formatLocalDate(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(date);
}

/** The visitor's own time zone, or null when the browser does not say. */
export function visitorTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

/** The time zone's name to show when it differs from the visitor's ("Pacific Time"). */
export function timeZoneNote(
  zone: string | null,
  language: string,
  visitorZone: string | null,
): string | null {
  if (!zone || zone === visitorZone) return null;
  try {
    const parts = new Intl.DateTimeFormat(language, {
      timeZone: zone,
      timeZoneName: "longGeneric",
    }).formatToParts(Date.now());
    return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
  } catch {
    return zone;
  }
}
