// The stale rule and the hours a steward sees: words the hours parser reads back to the same rules.
import { describe, expect, it } from "vitest";
import { STALE_AFTER_DAYS } from "./contract";
import { parseHours } from "./schedule";
import { hoursText, isStale } from "./stewardship-model";

const DAY = 86_400_000;

describe("isStale", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

  it(`a listing verified within ${STALE_AFTER_DAYS} days is fresh, older is stale`, () => {
    expect(isStale(daysAgo(STALE_AFTER_DAYS - 1), daysAgo(900), now)).toBe(false);
    expect(isStale(daysAgo(STALE_AFTER_DAYS + 1), daysAgo(900), now)).toBe(true);
  });

  it("a never-verified listing counts from its import", () => {
    expect(isStale(null, daysAgo(10), now)).toBe(false);
    expect(isStale(null, daysAgo(STALE_AFTER_DAYS + 1), now)).toBe(true);
  });
});

describe("hoursText", () => {
  it("merges days with the same hours and writes runs as ranges", () => {
    expect(
      hoursText([
        { freq: "WEEKLY", byday: "MO,TU", opens_at: "09:00:00", closes_at: "17:00:00" },
        { byday: "WE,TH,FR", opens_at: "09:00", closes_at: "17:00" },
        { freq: "WEEKLY", byday: "SA", opens_at: "10:00", closes_at: "14:00" },
        { valid_from: "2026-12-25", valid_to: "2026-12-25", mutuo_closed: true },
      ]),
    ).toBe("Mon-Fri 09:00-17:00; Sat 10:00-14:00");
  });

  it("keeps an nth-weekday rule and falls back to a rule's own description", () => {
    expect(
      hoursText([
        { freq: "MONTHLY", byday: "2FR,4FR", opens_at: "10:00", closes_at: "12:00" },
        { freq: "MONTHLY", bymonthday: "1", description: "First of the month, mornings" },
      ]),
    ).toBe("2nd and 4th Fri 10:00-12:00; First of the month, mornings");
  });

  it.each([
    "Mon-Fri 9am-5pm; Sat 10-2",
    "Mon, Wed 9:00-12:00",
    "2nd and 4th Friday 10am-12pm",
    "last Saturday 9-11",
    "Lunes a viernes de 9 a 5",
  ])("what it writes for %j reads back to the same rules", (text) => {
    const first = parseHours(text);
    expect(first.problems).toEqual([]);
    const again = parseHours(hoursText(first.rules));
    expect(again.problems).toEqual([]);
    expect(again.rules).toEqual(first.rules);
  });
});
