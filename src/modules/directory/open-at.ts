// "Open at" as a visitor asks it: now, an exact instant, or a wall-clock time read in each
// listing's own time zone ("Saturday 10:00" means 10:00 where the pantry is). Pure: no clock.

export type OpenAtQuery =
  | { kind: "instant"; at: Date }
  /** A local wall-clock time; `date` omitted means "today" where each listing is. */
  | { kind: "local"; date: string | null; time: string };

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/** Parses "now", an ISO date-time with or without offset, or "HH:MM"; null when unreadable. */
export function parseOpenAt(text: string, now: Date): OpenAtQuery | null {
  const value = text.trim();
  if (value.toLowerCase() === "now") return { kind: "instant", at: now };
  if (WITH_OFFSET.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : { kind: "instant", at };
  }
  const dateTime = LOCAL_DATE_TIME.exec(value);
  if (dateTime) {
    const [, date, hh, mm] = dateTime as unknown as [string, string, string, string];
    return validDate(date) && validClock(hh, mm)
      ? { kind: "local", date, time: `${hh}:${mm}` }
      : null;
  }
  const time = LOCAL_TIME.exec(value);
  if (time) {
    const [, hh, mm] = time as unknown as [string, string, string];
    return validClock(hh, mm) ? { kind: "local", date: null, time: `${hh}:${mm}` } : null;
  }
  return null;
}

function validClock(hh: string, mm: string): boolean {
  return Number(hh) <= 23 && Number(mm) <= 59;
}

function validDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** The instant the query means at a place in `timeZone`. */
export function instantIn(query: OpenAtQuery, timeZone: string, now: Date): Date {
  if (query.kind === "instant") return query.at;
  return localToInstant(query.date ?? localDate(now, timeZone), query.time, timeZone);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

function wallClockMs(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatIn(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The local calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** The local wall-clock time ("HH:MM") of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(11, 16);
}

/**
 * The instant of a local wall-clock time. A time inside a spring-forward gap moves forward by
 * the gap (02:30 becomes 03:30); a repeated fall-back time is its first occurrence.
 */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const offsetBefore = wallClockMs(new Date(wall - 86_400_000), timeZone) - (wall - 86_400_000);
  const first = wall - offsetBefore;
  const offsetAt = wallClockMs(new Date(first), timeZone) - first;
  if (offsetAt === offsetBefore) return new Date(first);
  const second = wall - offsetAt;
  return wallClockMs(new Date(second), timeZone) === wall ? new Date(second) : new Date(first);
}
