import { describe, expect, it } from "vitest";
import { bruteOpenAt } from "./brute";
import { hoursOn, nextChange, openAt } from "./evaluate";
import type { ScheduleRule } from "./rules";

const WEEKDAYS_9_TO_5: ScheduleRule = {
  freq: "WEEKLY",
  byday: "MO,TU,WE,TH,FR",
  opens_at: "09:00",
  closes_at: "17:00",
};

/** Asserts the state at each UTC instant, and that the brute-force evaluator agrees. */
function expectStates(rules: ScheduleRule[], zone: string, cases: [string, string][]) {
  for (const [utc, state] of cases) {
    const instant = new Date(utc);
    expect({ utc, state: openAt(rules, instant, zone) }).toEqual({ utc, state });
    expect({ utc, brute: bruteOpenAt(rules, instant, zone) }).toEqual({ utc, brute: state });
  }
}

describe("openAt, weekly and monthly rules (UTC)", () => {
  it("is open on weekdays between opening and closing, closed at the closing minute and at weekends", () => {
    expectStates([WEEKDAYS_9_TO_5], "UTC", [
      ["2026-11-23T08:59:59Z", "closed"], // Monday
      ["2026-11-23T09:00:00Z", "open"],
      ["2026-11-27T16:59:00Z", "open"], // Friday
      ["2026-11-27T17:00:00Z", "closed"],
      ["2026-11-28T12:00:00Z", "closed"], // Saturday
    ]);
  });

  it("reads a closing time at or before the opening time as the next morning", () => {
    const friday = { byday: "FR", opens_at: "22:00", closes_at: "02:00" };
    expectStates([friday], "UTC", [
      ["2026-11-27T21:59:00Z", "closed"],
      ["2026-11-27T23:30:00Z", "open"],
      ["2026-11-28T01:59:00Z", "open"], // Saturday morning, from Friday's opening
      ["2026-11-28T02:00:00Z", "closed"],
      ["2026-11-29T01:00:00Z", "closed"], // Sunday morning: Saturday has no opening
    ]);
  });

  it("reads 24:00 and 00:00 as the end of the day, and 00:00–00:00 as the whole day", () => {
    expectStates(
      [
        { byday: "MO", opens_at: "18:00", closes_at: "24:00" },
        { byday: "WE", opens_at: "00:00", closes_at: "00:00" },
      ],
      "UTC",
      [
        ["2026-11-23T23:59:00Z", "open"],
        ["2026-11-24T00:00:00Z", "closed"],
        ["2026-11-25T00:00:00Z", "open"],
        ["2026-11-25T23:59:00Z", "open"],
        ["2026-11-26T00:00:00Z", "closed"],
      ],
    );
  });

  it("opens on the 2nd and 4th Friday, and on the last Sunday of the month", () => {
    const rules = [
      { freq: "MONTHLY", byday: "2FR,4FR", opens_at: "10:00", closes_at: "12:00" },
      { freq: "MONTHLY", byday: "-1SU", opens_at: "10:00", closes_at: "12:00" },
    ];
    expectStates(rules, "UTC", [
      ["2026-11-06T11:00:00Z", "closed"], // 1st Friday
      ["2026-11-13T11:00:00Z", "open"], // 2nd
      ["2026-11-20T11:00:00Z", "closed"], // 3rd
      ["2026-11-27T11:00:00Z", "open"], // 4th
      ["2026-11-22T11:00:00Z", "closed"], // 4th Sunday, not the last
      ["2026-11-29T11:00:00Z", "open"], // last Sunday
    ]);
  });

  it("opens on month days, counting -1 as the last day of each month", () => {
    const rules = [
      { freq: "MONTHLY", bymonthday: "1,15,-1", opens_at: "09:00", closes_at: "10:00" },
    ];
    expectStates(rules, "UTC", [
      ["2026-11-01T09:30:00Z", "open"],
      ["2026-11-15T09:30:00Z", "open"],
      ["2026-11-16T09:30:00Z", "closed"],
      ["2026-11-30T09:30:00Z", "open"],
      ["2027-02-28T09:30:00Z", "open"],
      ["2027-02-27T09:30:00Z", "closed"],
    ]);
  });

  it("opens every other week counted from dtstart", () => {
    const rules = [
      {
        freq: "WEEKLY",
        interval: 2,
        byday: "MO",
        dtstart: "2026-11-02",
        opens_at: "09:00",
        closes_at: "12:00",
      },
    ];
    expectStates(rules, "UTC", [
      ["2026-10-26T10:00:00Z", "closed"], // before dtstart
      ["2026-11-02T10:00:00Z", "open"],
      ["2026-11-09T10:00:00Z", "closed"],
      ["2026-11-16T10:00:00Z", "open"],
      ["2026-11-23T10:00:00Z", "closed"],
    ]);
  });

  it("stops after until, and after count occurrences", () => {
    const until = [
      { freq: "WEEKLY", byday: "MO", until: "2026-11-16", opens_at: "09:00", closes_at: "12:00" },
    ];
    expectStates(until, "UTC", [
      ["2026-11-16T10:00:00Z", "open"],
      ["2026-11-23T10:00:00Z", "closed"],
    ]);
    const count = [
      {
        freq: "WEEKLY",
        byday: "MO",
        dtstart: "2026-11-02",
        count: 2,
        opens_at: "09:00",
        closes_at: "12:00",
      },
    ];
    expectStates(count, "UTC", [
      ["2026-11-02T10:00:00Z", "open"],
      ["2026-11-09T10:00:00Z", "open"],
      ["2026-11-16T10:00:00Z", "closed"],
    ]);
  });

  it("applies a rule only between valid_from and valid_to, both included", () => {
    const rules = [
      { valid_from: "2026-11-10", valid_to: "2026-11-20", opens_at: "09:00", closes_at: "17:00" },
    ];
    expectStates(rules, "UTC", [
      ["2026-11-09T12:00:00Z", "closed"],
      ["2026-11-10T12:00:00Z", "open"],
      ["2026-11-20T12:00:00Z", "open"],
      ["2026-11-21T12:00:00Z", "closed"],
    ]);
  });
});

describe("openAt, closures and holidays", () => {
  it("a closure wins over the regular hours, all day or for its hours", () => {
    const rules = [
      WEEKDAYS_9_TO_5,
      {
        mutuo_closed: true,
        valid_from: "2026-11-26",
        valid_to: "2026-11-27",
        description: "Thanksgiving",
      },
      { mutuo_closed: true, byday: "MO", opens_at: "12:00", closes_at: "13:00" },
    ];
    expectStates(rules, "UTC", [
      ["2026-11-25T12:00:00Z", "open"],
      ["2026-11-26T12:00:00Z", "closed"],
      ["2026-11-27T12:00:00Z", "closed"],
      ["2026-11-30T11:59:00Z", "open"],
      ["2026-11-30T12:30:00Z", "closed"], // Monday lunch
      ["2026-11-30T13:00:00Z", "open"],
    ]);
  });

  it("a one-day rule replaces the regular hours of its day (holiday hours)", () => {
    const rules = [
      { freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "08:00", closes_at: "17:00" },
      { valid_from: "2026-12-24", valid_to: "2026-12-24", opens_at: "10:00", closes_at: "16:00" },
    ];
    expectStates(rules, "UTC", [
      ["2026-12-23T09:00:00Z", "open"],
      ["2026-12-24T09:00:00Z", "closed"],
      ["2026-12-24T10:00:00Z", "open"],
      ["2026-12-24T16:30:00Z", "closed"],
      ["2026-12-25T09:00:00Z", "open"],
    ]);
    expect(hoursOn(rules, "2026-12-24", "UTC")).toEqual([{ opens: "10:00", closes: "16:00" }]);
  });

  it("is unknown without any stated hours, and on a day whose rule states none", () => {
    expect(openAt([], new Date("2026-11-23T12:00:00Z"), "UTC")).toBe("unknown");
    const rules = [{ byday: "MO" }, { byday: "TU", opens_at: "09:00", closes_at: "12:00" }];
    expectStates(rules, "UTC", [
      ["2026-11-23T12:00:00Z", "unknown"], // Monday: a rule without hours
      ["2026-11-24T10:00:00Z", "open"],
      ["2026-11-25T10:00:00Z", "closed"], // Wednesday: no rule, but hours are known
    ]);
    expectStates(
      [{ mutuo_closed: true, valid_from: "2026-11-26", valid_to: "2026-11-26" }],
      "UTC",
      [
        ["2026-11-26T12:00:00Z", "closed"],
        ["2026-11-27T12:00:00Z", "unknown"],
      ],
    );
  });
});

describe("openAt across daylight-saving changes (wall-clock intervals)", () => {
  it("Los Angeles spring forward: the skipped hour is never open, 03:00 follows 01:59", () => {
    expectStates([{ opens_at: "02:00", closes_at: "03:00" }], "America/Los_Angeles", [
      ["2026-03-08T09:59:00Z", "closed"], // 01:59 PST
      ["2026-03-08T10:00:00Z", "closed"], // 03:00 PDT
    ]);
    expectStates([{ opens_at: "02:30", closes_at: "04:00" }], "America/Los_Angeles", [
      ["2026-03-08T09:59:00Z", "closed"],
      ["2026-03-08T10:00:00Z", "open"], // 03:00 PDT is inside 02:30–04:00
      ["2026-03-08T11:00:00Z", "closed"], // 04:00 PDT
    ]);
  });

  it("Los Angeles fall back: a repeated hour inside the interval is open both times", () => {
    expectStates([{ opens_at: "00:00", closes_at: "01:30" }], "America/Los_Angeles", [
      ["2026-11-01T08:15:00Z", "open"], // 01:15 PDT
      ["2026-11-01T08:45:00Z", "closed"], // 01:45 PDT
      ["2026-11-01T09:15:00Z", "open"], // 01:15 PST, the second time
      ["2026-11-01T09:45:00Z", "closed"],
    ]);
  });

  it("Madrid: the spring gap is skipped, the autumn repeat is open twice", () => {
    const sunday = { byday: "SU", opens_at: "02:00", closes_at: "03:00" };
    expectStates([sunday], "Europe/Madrid", [
      ["2026-03-29T00:59:00Z", "closed"], // 01:59 CET
      ["2026-03-29T01:00:00Z", "closed"], // 03:00 CEST
      ["2026-10-25T00:30:00Z", "open"], // 02:30 CEST
      ["2026-10-25T01:30:00Z", "open"], // 02:30 CET
      ["2026-10-25T02:00:00Z", "closed"], // 03:00 CET
    ]);
    expectStates([{ byday: "SU", opens_at: "09:00", closes_at: "14:00" }], "Europe/Madrid", [
      ["2026-03-29T06:59:00Z", "closed"], // 08:59 CEST
      ["2026-03-29T07:00:00Z", "open"],
      ["2026-10-25T07:59:00Z", "closed"], // 08:59 CET
      ["2026-10-25T08:00:00Z", "open"], // 09:00 CET
    ]);
  });

  it("zones with half-hour offsets: Kolkata and Adelaide", () => {
    const monday = [{ byday: "MO", opens_at: "09:00", closes_at: "17:00" }];
    expectStates(monday, "Asia/Kolkata", [
      ["2026-11-23T03:29:00Z", "closed"],
      ["2026-11-23T03:30:00Z", "open"], // 09:00 IST
      ["2026-11-23T11:29:00Z", "open"],
      ["2026-11-23T11:30:00Z", "closed"],
    ]);
    expectStates(monday, "Australia/Adelaide", [
      ["2026-11-22T22:29:00Z", "closed"], // 08:59 ACDT Monday
      ["2026-11-22T22:30:00Z", "open"],
      ["2026-11-23T06:30:00Z", "closed"], // 17:00 ACDT
    ]);
  });
});

describe("hoursOn and nextChange", () => {
  it("lists a day's hours merged, with closures taken off", () => {
    const rules = [
      { byday: "MO", opens_at: "09:00", closes_at: "12:00" },
      { byday: "MO", opens_at: "11:00", closes_at: "17:00" },
      { byday: "MO", opens_at: "22:00", closes_at: "02:00" },
      { mutuo_closed: true, byday: "MO", opens_at: "13:00", closes_at: "14:00" },
      { mutuo_closed: true, byday: "TU", opens_at: "01:00", closes_at: "06:00" },
    ];
    expect(hoursOn(rules, "2026-11-23", "UTC")).toEqual([
      { opens: "09:00", closes: "13:00" },
      { opens: "14:00", closes: "17:00" },
      { opens: "22:00", closes: "01:00" },
    ]);
    expect(hoursOn(rules, "2026-11-24", "UTC")).toEqual([]);
  });

  it("names when the state changes next", () => {
    expect(nextChange([WEEKDAYS_9_TO_5], new Date("2026-11-27T16:00:00Z"), "UTC")).toEqual({
      state: "closed",
      at: new Date("2026-11-27T17:00:00Z"),
    });
    expect(
      nextChange([WEEKDAYS_9_TO_5], new Date("2026-11-27T18:00:00Z"), "Europe/Madrid"),
    ).toEqual({
      state: "open",
      at: new Date("2026-11-30T08:00:00Z"), // Monday 09:00 CET
    });
    expect(nextChange([], new Date("2026-11-27T18:00:00Z"), "UTC")).toBeNull();
  });
});
