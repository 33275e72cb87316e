import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseClock, parseHours } from "./parse";
import type { ScheduleRule } from "./rules";

const SAN_MATEO = path.resolve(__dirname, "../../../../../shared/data/ohana-san-mateo");
const WEEK = "MO,TU,WE,TH,FR,SA,SU";
const MO_FR = "MO,TU,WE,TH,FR";

const weekly = (byday: string, opens_at: string, closes_at: string): ScheduleRule => ({
  freq: "WEEKLY",
  byday,
  opens_at,
  closes_at,
});
const monthly = (byday: string, opens_at: string, closes_at: string): ScheduleRule => ({
  freq: "MONTHLY",
  byday,
  opens_at,
  closes_at,
});

describe("parseClock", () => {
  it.each([
    ["08:00", "08:00"],
    ["8:00", "08:00"],
    ["4:00 PM", "16:00"],
    ["4 pm", "16:00"],
    ["4 p.m.", "16:00"],
    ["3pm", "15:00"],
    ["9am", "09:00"],
    ["12pm", "12:00"],
    ["12am", "00:00"],
    ["17", "17:00"],
    ["1730", "17:30"],
    ["0930", "09:30"],
    ["noon", "12:00"],
    ["midnight", "00:00"],
    ["mediodía", "12:00"],
    ["9h", "09:00"],
    ["9h30", "09:30"],
    ["9.30", "09:30"],
    ["10:00:00", "10:00"],
    ["24:00", "24:00"],
    ["4 de la tarde", "16:00"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseClock(text)).toBe(expected);
  });

  it.each(["", "13pm", "25:00", "9:75", "soon", "9-5", "0am"])("refuses %j", (text) => {
    expect(parseClock(text)).toBeNull();
  });
});

describe("parseHours", () => {
  it.each<[string, ScheduleRule[]]>([
    ["9am-5pm", [weekly(WEEK, "09:00", "17:00")]],
    ["9 a.m. — 5 p.m.", [weekly(WEEK, "09:00", "17:00")]],
    ["Mon-Fri 9-17", [weekly(MO_FR, "09:00", "17:00")]],
    ["Mon–Fri 9–5", [weekly(MO_FR, "09:00", "17:00")]],
    ["MON - FRI 8:30AM - 4:30PM", [weekly(MO_FR, "08:30", "16:30")]],
    ["Mon, Wed, Fri 9:00 AM - 1:00 PM", [weekly("MO,WE,FR", "09:00", "13:00")]],
    [
      "Monday to Friday 9am to 5pm; Saturday 10-2",
      [weekly(MO_FR, "09:00", "17:00"), weekly("SA", "10:00", "14:00")],
    ],
    ["Mon-Fri 9-5, Sat 10-2", [weekly(MO_FR, "09:00", "17:00"), weekly("SA", "10:00", "14:00")]],
    ["Mon-Fri 9-12 and 1-5", [weekly(MO_FR, "09:00", "12:00"), weekly(MO_FR, "13:00", "17:00")]],
    ["9-12, 1-5 Mon-Fri", [weekly(MO_FR, "09:00", "12:00"), weekly(MO_FR, "13:00", "17:00")]],
    ["Tuesdays and Thursdays 1-4pm", [weekly("TU,TH", "13:00", "16:00")]],
    ["Fri-Mon 10am-6pm", [weekly("MO,FR,SA,SU", "10:00", "18:00")]],
    ["Weekends 10-2", [weekly("SA,SU", "10:00", "14:00")]],
    ["Weekdays 8:00-16:30", [weekly(MO_FR, "08:00", "16:30")]],
    ["Daily 7am-7pm", [weekly(WEEK, "07:00", "19:00")]],
    ["Every day 6-9pm", [weekly(WEEK, "18:00", "21:00")]],
    ["Thursday 5pm-midnight", [weekly("TH", "17:00", "24:00")]],
    ["Friday 10pm-2am", [weekly("FR", "22:00", "02:00")]],
    ["Monday 9 to noon", [weekly("MO", "09:00", "12:00")]],
    ["Wednesday between 9 and 11", [weekly("WE", "09:00", "11:00")]],
    ["Mon-Fri 0900-1730", [weekly(MO_FR, "09:00", "17:30")]],
    ["2nd and 4th Friday 10am-12pm", [monthly("2FR,4FR", "10:00", "12:00")]],
    ["1st & 3rd Tuesday of the month 6-8pm", [monthly("1TU,3TU", "18:00", "20:00")]],
    ["last Saturday 9-11", [monthly("-1SA", "09:00", "11:00")]],
    ["First Monday, 10:00-11:30", [monthly("1MO", "10:00", "11:30")]],
    ["24 hours", [weekly(WEEK, "00:00", "24:00")]],
    ["Open 24 hours", [weekly(WEEK, "00:00", "24:00")]],
    ["24/7", [weekly(WEEK, "00:00", "24:00")]],
    ["Mon-Fri 24 hours", [weekly(MO_FR, "00:00", "24:00")]],
    ["closed", [{ mutuo_closed: true }]],
    ["Mon-Sun 9-5, Sunday closed", [weekly("MO,TU,WE,TH,FR,SA", "09:00", "17:00")]],
    ["Mon-Sat 9-5; closed Sunday", [weekly("MO,TU,WE,TH,FR,SA", "09:00", "17:00")]],
    ["Lunes a viernes de 9 a 5", [weekly(MO_FR, "09:00", "17:00")]],
    ["Sábados 10:00-14:00", [weekly("SA", "10:00", "14:00")]],
    [
      "De lunes a viernes, de 9:00 a 14:00 y de 16:00 a 19:00",
      [weekly(MO_FR, "09:00", "14:00"), weekly(MO_FR, "16:00", "19:00")],
    ],
    ["lunes, miércoles y viernes de 10 a 1", [weekly("MO,WE,FR", "10:00", "13:00")]],
    ["Martes y jueves 9h-13h", [weekly("TU,TH", "09:00", "13:00")]],
    ["2.º y 4.º viernes de 10 a 12", [monthly("2FR,4FR", "10:00", "12:00")]],
    ["segundo y cuarto jueves, 17:00-19:00", [monthly("2TH,4TH", "17:00", "19:00")]],
    ["último sábado del mes de 9 a 11", [monthly("-1SA", "09:00", "11:00")]],
    ["Fines de semana de 10 a 14", [weekly("SA,SU", "10:00", "14:00")]],
    ["Entre semana 8-15", [weekly(MO_FR, "08:00", "15:00")]],
    ["Todos los días de 8 a 20", [weekly(WEEK, "08:00", "20:00")]],
    ["Lunes a viernes de 9 a 2 de la tarde", [weekly(MO_FR, "09:00", "14:00")]],
    ["Domingo: cerrado; lunes a sábado 10-6", [weekly("MO,TU,WE,TH,FR,SA", "10:00", "18:00")]],
    ["24 horas", [weekly(WEEK, "00:00", "24:00")]],
    ["cerrado", [{ mutuo_closed: true }]],
    ["Sábados de 10 a 14 h", [weekly("SA", "10:00", "14:00")]],
    [
      "Mon. & Wed. 9-1. Sat. 10-2.",
      [weekly("MO,WE", "09:00", "13:00"), weekly("SA", "10:00", "14:00")],
    ],
    [
      "Mon-Fri 9 a.m. to 5 p.m. Sat 10-2",
      [weekly(MO_FR, "09:00", "17:00"), weekly("SA", "10:00", "14:00")],
    ],
    [
      "Mon-Fri 9-5, closed 12-1",
      [weekly(MO_FR, "09:00", "17:00"), { ...weekly(MO_FR, "12:00", "13:00"), mutuo_closed: true }],
    ],
  ])("reads %j", (text, rules) => {
    expect(parseHours(text)).toEqual({ rules, problems: [] });
  });

  it.each([
    "By appointment only",
    "Call for hours",
    "Mon-Fri",
    "9am",
    "Mon-Fri 9-5 except holidays",
    "Llamar para cita",
    "9-5; Sat 10-2",
  ])("reports %j as unreadable instead of guessing", (text) => {
    const { problems } = parseHours(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === "hours_unreadable" && text.includes(p.text))).toBe(
      true,
    );
  });

  it("keeps the readable segments and reports the others", () => {
    expect(parseHours("Mon-Fri 9-5; by appointment on Saturdays")).toEqual({
      rules: [weekly(MO_FR, "09:00", "17:00")],
      problems: [{ code: "hours_unreadable", text: "by appointment on Saturdays" }],
    });
  });
});

describe("the San Mateo Ohana schedules", () => {
  const read = (file: string) =>
    parse(readFileSync(path.join(SAN_MATEO, file), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
  const regular = read("regular_schedules.csv");
  const holiday = read("holiday_schedules.csv");

  it("every opening and closing time in both files is a clock time", () => {
    const times = new Set(
      [...regular, ...holiday]
        .flatMap((r) => [r.opens_at, r.closes_at])
        .filter((t): t is string => !!t),
    );
    expect(times.size).toBeGreaterThanOrEqual(8);
    for (const t of times)
      expect({ t, clock: parseClock(t) }).toEqual({
        t,
        clock: expect.stringMatching(/^\d\d:\d\d$/),
      });
    expect(parseClock("4:00 PM")).toBe("16:00");
    expect(parseClock("3pm")).toBe("15:00");
  });

  it("every regular row, written as text, reads as one weekly rule of its day", () => {
    for (const row of regular) {
      const { rules, problems } = parseHours(`${row.weekday} ${row.opens_at}-${row.closes_at}`);
      expect(problems).toEqual([]);
      expect(rules).toEqual([
        weekly(
          (row.weekday ?? "").slice(0, 2).toUpperCase(),
          parseClock(row.opens_at ?? "") ?? "",
          parseClock(row.closes_at ?? "") ?? "",
        ),
      ]);
    }
  });
});
