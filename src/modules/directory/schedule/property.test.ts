// openAt against the minute-by-minute brute force over random rule sets, zones and instants,
// weighted towards daylight-saving transitions and local midnights (where off-by-one-day and
// off-by-one-hour mistakes live).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteOpenAt } from "./brute";
import { instantsAt, isoDate, MINUTES_PER_DAY, offsetChanges, wallClock } from "./clock";
import { nextChange, openAt } from "./evaluate";
import type { ScheduleRule } from "./rules";

const ZONES = [
  "America/Los_Angeles",
  "Europe/Madrid",
  "Asia/Kolkata",
  "Australia/Adelaide",
  "Australia/Lord_Howe",
  "UTC",
];
const BASE = Date.UTC(2026, 10, 26);
const TWO_YEARS = 2 * 365 * 86_400_000;
const TRANSITIONS = new Map(
  ZONES.map((z) => [
    z,
    offsetChanges(new Date(BASE - TWO_YEARS), new Date(BASE + TWO_YEARS), z).map((d) =>
      d.getTime(),
    ),
  ]),
);
const CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
/** Edge-heavy clock times: midnight, the DST hours 01:00–03:00, end of day, and anything else. */
const clock = fc.oneof(
  fc.constantFrom("00:00", "24:00", "01:00", "01:30", "02:00", "02:30", "03:00", "23:30", "12:00"),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
);
/** Dates are day offsets from the instant's local day, so bounds fall near it. */
const offset = fc.integer({ min: -70, max: 40 });

/** `arb` in `percent` % of cases, otherwise null. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: percent, arbitrary: arb },
    { weight: 100 - percent, arbitrary: fc.constant(null) },
  );
}

const ruleArb = fc.record({
  freq: fc.constantFrom(undefined, "WEEKLY", "MONTHLY"),
  weekdays: fc.subarray(CODES, { minLength: 1, maxLength: 5 }),
  nths: sometimes(fc.subarray([1, 2, 3, 4, 5, -1, -2], { minLength: 1, maxLength: 2 }), 40),
  bymonthday: sometimes(
    fc.subarray([1, 2, 15, 28, 29, 30, 31, -1, -2], { minLength: 1, maxLength: 3 }),
    20,
  ),
  useByday: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
  interval: sometimes(fc.integer({ min: 2, max: 3 }), 20),
  dtstart: sometimes(offset, 35),
  until: sometimes(offset, 15),
  count: sometimes(fc.integer({ min: 1, max: 8 }), 15),
  wkst: fc.constantFrom(undefined, "MO", "SU", "WE"),
  validFrom: sometimes(offset, 25),
  validDays: sometimes(fc.integer({ min: 0, max: 10 }), 50),
  opens: sometimes(clock, 90),
  closes: clock,
  closed: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

type RuleSpec = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

function toRule(spec: RuleSpec, day: number): ScheduleRule {
  const at = (n: unknown) => (typeof n === "number" ? isoDate(day + n) : null);
  const rule: ScheduleRule = {
    freq: spec.freq ?? null,
    wkst: spec.wkst ?? null,
    mutuo_closed: spec.closed ?? false,
  };
  if (spec.useByday !== false && spec.weekdays) {
    rule.byday =
      spec.nths && spec.freq !== "WEEKLY"
        ? spec.weekdays.flatMap((w) => (spec.nths ?? []).map((n) => `${n}${w}`)).join(",")
        : spec.weekdays.join(",");
  }
  if (spec.bymonthday && spec.freq !== "WEEKLY") rule.bymonthday = spec.bymonthday.join(",");
  if (spec.interval) rule.interval = spec.interval;
  rule.dtstart = at(spec.dtstart);
  rule.until = at(spec.until);
  if (spec.count) rule.count = spec.count;
  rule.valid_from = at(spec.validFrom);
  if (typeof spec.validFrom === "number" && typeof spec.validDays === "number")
    rule.valid_to = at(spec.validFrom + spec.validDays);
  if (spec.opens) {
    rule.opens_at = spec.opens;
    rule.closes_at = spec.closes ?? null;
  }
  return rule;
}

const instantArb = fc.oneof(
  fc.record({
    kind: fc.constant("uniform" as const),
    ms: fc.integer({ min: -TWO_YEARS, max: TWO_YEARS }),
  }),
  fc.record({
    kind: fc.constant("dst" as const),
    pick: fc.nat(),
    minutes: fc.integer({ min: -240, max: 240 }),
    second: fc.integer({ min: 0, max: 59 }),
  }),
  fc.record({
    kind: fc.constant("midnight" as const),
    days: fc.integer({ min: -730, max: 730 }),
    minutes: fc.integer({ min: -120, max: 120 }),
    second: fc.integer({ min: 0, max: 59 }),
  }),
);

interface InstantSpec {
  kind: "uniform" | "dst" | "midnight";
  ms?: number;
  pick?: number;
  minutes?: number;
  days?: number;
  second?: number;
}

function instantOf(spec: InstantSpec, zone: string): Date {
  const jitter = (spec.second ?? 0) * 1000;
  if (spec.kind === "uniform") return new Date(BASE + (spec.ms ?? 0));
  if (spec.kind === "dst") {
    const list = TRANSITIONS.get(zone) ?? [];
    const t = list[(spec.pick ?? 0) % Math.max(list.length, 1)] ?? BASE;
    return new Date(t + (spec.minutes ?? 0) * 60_000 + jitter);
  }
  const day = Math.floor(BASE / 86_400_000) + (spec.days ?? 0);
  const [midnight] = [
    ...instantsAt(day * MINUTES_PER_DAY, zone),
    ...instantsAt(day * MINUTES_PER_DAY + 60, zone),
  ];
  return new Date((midnight?.getTime() ?? 0) + (spec.minutes ?? 0) * 60_000 + jitter);
}

describe("openAt agrees with the brute-force evaluator", () => {
  it("on 10,000 random schedules, zones and instants", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instantArb,
        fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        (zone, when, specs) => {
          const instant = instantOf(when, zone);
          const day = wallClock(instant, zone).day;
          const rules = specs.map((s) => toRule(s, day));
          expect(openAt(rules, instant, zone)).toBe(bruteOpenAt(rules, instant, zone));
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("nextChange names the first minute at which openAt changes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instantArb,
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        (zone, when, specs) => {
          const instant = new Date(Math.floor(instantOf(when, zone).getTime() / 60_000) * 60_000);
          const rules = specs.map((s) => toRule(s, wallClock(instant, zone).day));
          const horizon = 2;
          const change = nextChange(rules, instant, zone, horizon);
          const start = openAt(rules, instant, zone);
          let expected: { state: string; at: Date } | null = null;
          for (
            let t = instant.getTime() + 60_000;
            t <= instant.getTime() + horizon * 86_400_000;
            t += 60_000
          ) {
            const state = openAt(rules, new Date(t), zone);
            if (state !== start) {
              expected = { state, at: new Date(t) };
              break;
            }
          }
          expect(change).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
