import { describe, expect, it } from "vitest";
import { otherRules, upcomingClosures, weeklyHours } from "./describe";
import type { ScheduleRule } from "./rules";

const RULES: ScheduleRule[] = [
  { freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "09:00", closes_at: "12:00" },
  { freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "13:00", closes_at: "17:00" },
  { byday: "SA", opens_at: "10:00", closes_at: "14:00" },
  { byday: "SA", opens_at: "13:00", closes_at: "15:00" },
  { freq: "MONTHLY", byday: "2FR,4FR", opens_at: "18:00", closes_at: "20:00" },
  { freq: "MONTHLY", byday: "-1SU", opens_at: "09:00", closes_at: "11:00" },
  {
    freq: "WEEKLY",
    interval: 2,
    dtstart: "2026-11-02",
    byday: "MO",
    opens_at: "19:00",
    closes_at: "21:00",
  },
  { freq: "MONTHLY", bymonthday: "1,15,-1", opens_at: "08:00", closes_at: "09:00" },
  { valid_from: "2026-12-24", valid_to: "2026-12-24", opens_at: "10:00", closes_at: "16:00" },
  {
    valid_from: "2027-06-01",
    valid_to: "2027-09-01",
    byday: "TU,TH",
    opens_at: "17:00",
    closes_at: "19:00",
  },
  {
    mutuo_closed: true,
    valid_from: "2026-11-26",
    valid_to: "2026-11-27",
    description: "Thanksgiving",
  },
  {
    mutuo_closed: true,
    valid_from: "2026-12-31",
    valid_to: "2026-12-31",
    opens_at: "12:00",
    closes_at: "17:00",
  },
];

describe("weeklyHours", () => {
  it("gives Monday to Sunday from the plain weekly rules, hours merged", () => {
    expect(weeklyHours(RULES)).toEqual([
      {
        weekday: 1,
        hours: [
          { opens: "09:00", closes: "12:00" },
          { opens: "13:00", closes: "17:00" },
        ],
      },
      {
        weekday: 2,
        hours: [
          { opens: "09:00", closes: "12:00" },
          { opens: "13:00", closes: "17:00" },
        ],
      },
      {
        weekday: 3,
        hours: [
          { opens: "09:00", closes: "12:00" },
          { opens: "13:00", closes: "17:00" },
        ],
      },
      {
        weekday: 4,
        hours: [
          { opens: "09:00", closes: "12:00" },
          { opens: "13:00", closes: "17:00" },
        ],
      },
      {
        weekday: 5,
        hours: [
          { opens: "09:00", closes: "12:00" },
          { opens: "13:00", closes: "17:00" },
        ],
      },
      { weekday: 6, hours: [{ opens: "10:00", closes: "15:00" }] },
      { weekday: 7, hours: [] },
    ]);
  });

  it("is empty when no rule is a plain weekly one", () => {
    expect(
      weeklyHours([{ freq: "MONTHLY", byday: "1MO", opens_at: "09:00", closes_at: "10:00" }]),
    ).toEqual([]);
  });

  it("shows a rule without days on every day, and keeps past-midnight closing times", () => {
    const week = weeklyHours([{ opens_at: "20:00", closes_at: "02:00" }]);
    expect(week).toHaveLength(7);
    expect(week.every((d) => d.hours[0]?.opens === "20:00" && d.hours[0]?.closes === "02:00")).toBe(
      true,
    );
  });
});

describe("otherRules", () => {
  it("describes the rest in English", () => {
    expect(otherRules(RULES, "en")).toEqual([
      "2nd and 4th Friday, 18:00–20:00",
      "Last Sunday, 09:00–11:00",
      "From 2026-11-02: Monday every 2 weeks, 19:00–21:00",
      "1st, 15th and last day of the month, 08:00–09:00",
      "On 2026-12-24: 10:00–16:00",
      "From 2027-06-01 to 2027-09-01: Tuesday and Thursday, 17:00–19:00",
    ]);
  });

  it("and in Spanish", () => {
    expect(otherRules(RULES, "es")).toEqual([
      "2.º y 4.º viernes, 18:00–20:00",
      "Último domingo, 09:00–11:00",
      "Desde el 2026-11-02: lunes cada 2 semanas, 19:00–21:00",
      "Día 1, día 15 y último día de cada mes, 08:00–09:00",
      "El 2026-12-24: 10:00–16:00",
      "Del 2027-06-01 al 2027-09-01: martes y jueves, 17:00–19:00",
    ]);
  });

  it("says when a rule states no hours", () => {
    expect(otherRules([{ freq: "MONTHLY", byday: "1MO" }], "en")).toEqual([
      "1st Monday, hours not stated",
    ]);
    expect(otherRules([{ freq: "MONTHLY", byday: "1MO" }], "es")).toEqual([
      "1.º lunes, horario no indicado",
    ]);
  });
});

describe("upcomingClosures", () => {
  it("lists closures in the window, consecutive days joined", () => {
    expect(upcomingClosures(RULES, "2026-11-20", 60)).toEqual([
      { from: "2026-11-26", to: "2026-11-27", hours: null, description: "Thanksgiving" },
      {
        from: "2026-12-31",
        to: "2026-12-31",
        hours: { opens: "12:00", closes: "17:00" },
        description: null,
      },
    ]);
    expect(upcomingClosures(RULES, "2026-11-27", 1)).toEqual([
      { from: "2026-11-27", to: "2026-11-27", hours: null, description: "Thanksgiving" },
    ]);
    expect(upcomingClosures(RULES, "2026-11-28", 30)).toEqual([]);
  });
});
