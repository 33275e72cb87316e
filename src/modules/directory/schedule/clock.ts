// Calendar days and wall clocks: days are counted from 1970-01-01 ("epoch days") so that day
// arithmetic is integer arithmetic; a wall clock is what a clock on the wall of the location reads.

export const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Epoch day of a "YYYY-MM-DD" date (anything after the date, like a time, is ignored); null if not a date. */
export function dayOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of an epoch day: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilOf(day: number): CivilDate {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface WallClock {
  /** Local calendar day (epoch day). */
  day: number;
  /** Minutes since local midnight, 0–1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The last answer per zone: a search asks the same instant for every candidate. */
const lastWallClock = new Map<string, { minute: number; wall: WallClock }>();

/** The wall clock in `timeZone` at `instant` (seconds dropped). Throws RangeError on an unknown zone. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastWallClock.get(timeZone);
  if (last?.minute === minute) return last.wall;
  const wall = readWallClock(instant, timeZone);
  lastWallClock.set(timeZone, { minute, wall });
  return wall;
}

function readWallClock(instant: Date, timeZone: string): WallClock {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type in parts) parts[p.type as keyof typeof parts] = Number(p.value);
  }
  const day = Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY;
  return { day, minute: parts.hour * 60 + parts.minute };
}

/** Local wall-clock minute counted from epoch day 0, for comparing wall clocks across days. */
export function wallMinute(w: WallClock): number {
  return w.day * MINUTES_PER_DAY + w.minute;
}

/**
 * Every instant (0, 1 or 2 of them) whose wall clock in `timeZone` is exactly `minuteFromEpoch`
 * (a wall-clock minute counted from epoch day 0): none in a spring-forward gap, two in a fall-back
 * overlap. Zone offsets are whole minutes, so trying the offsets in force a day either side suffices.
 */
export function instantsAt(minuteFromEpoch: number, timeZone: string): Date[] {
  const asUtc = minuteFromEpoch * 60_000;
  const found = new Set<number>();
  for (const probe of [asUtc - MS_PER_DAY, asUtc + MS_PER_DAY]) {
    const offset = wallMinute(wallClock(new Date(probe), timeZone)) * 60_000 - floorMinute(probe);
    const candidate = asUtc - offset;
    if (wallMinute(wallClock(new Date(candidate), timeZone)) === minuteFromEpoch)
      found.add(candidate);
  }
  return [...found].sort((a, b) => a - b).map((t) => new Date(t));
}

function floorMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/** Instants in (from, to] where the zone's UTC offset changes, to the minute. */
export function offsetChanges(from: Date, to: Date, timeZone: string): Date[] {
  const offsetAt = (ms: number) =>
    wallMinute(wallClock(new Date(ms), timeZone)) * 60_000 - floorMinute(ms);
  const changes: Date[] = [];
  const step = 6 * 3_600_000; // zones do not change offset twice within 6 hours
  for (let a = floorMinute(from.getTime()); a < to.getTime(); a += step) {
    const b = Math.min(a + step, floorMinute(to.getTime()));
    if (b <= a || offsetAt(a) === offsetAt(b)) continue;
    let [lo, hi] = [a, b]; // offset(lo) differs from offset(hi): bisect to the first minute of the new offset
    while (hi - lo > 60_000) {
      const mid = floorMinute((lo + hi) / 2);
      if (offsetAt(mid) === offsetAt(lo)) lo = mid;
      else hi = mid;
    }
    changes.push(new Date(hi));
  }
  return changes;
}
