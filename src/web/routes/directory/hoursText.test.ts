import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatDistance,
  formatIntervals,
  formatLocalDate,
  isAllDay,
  timeZoneNote,
  weekdayName,
} from "./hoursText";

// Intl output may use narrow no-break spaces; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("directory hours and distances in the visitor's language", () => {
  it("formats local wall-clock times without shifting them to another zone", () => {
    expect(plain(formatClock("09:30", "en"))).toBe("9:30 AM");
    expect(plain(formatClock("17:00", "en"))).toBe("5:00 PM");
    expect(formatClock("17:00", "es")).toBe("17:00");
    expect(formatClock("nonsense", "en")).toBe("nonsense");
  });

  it("joins several intervals as a sentence", () => {
    const text = plain(
      formatIntervals(
        [
          { opens: "09:00", closes: "12:00" },
          { opens: "14:00", closes: "17:00" },
        ],
        "es",
      ),
    );
    expect(text).toBe("9:00 – 12:00 y 14:00 – 17:00");
  });

  it("says 'all day' for midnight to the end of the day", () => {
    expect(isAllDay({ opens: "00:00", closes: "23:59" })).toBe(true);
    expect(isAllDay({ opens: "00:00", closes: "24:00" })).toBe(true);
    expect(isAllDay({ opens: "08:00", closes: "23:59" })).toBe(false);
  });

  it("writes distances in metres under a kilometre and in kilometres above", () => {
    expect(plain(formatDistance(347, "en"))).toBe("350 m");
    expect(plain(formatDistance(1234, "en"))).toBe("1.2 km");
    expect(plain(formatDistance(1234, "es"))).toBe("1,2 km");
    expect(plain(formatDistance(12_600, "en"))).toBe("13 km");
  });

  it("names weekdays Monday to Sunday and local dates in the visitor's language", () => {
    expect(weekdayName(1, "en")).toBe("Monday");
    expect(weekdayName(7, "es")).toBe("domingo");
    expect(formatLocalDate("2026-12-24", "es")).toBe("jueves, 24 de diciembre de 2026");
  });

  it("names the place's time zone only when it is not the visitor's", () => {
    expect(timeZoneNote("America/Los_Angeles", "en", "America/Los_Angeles")).toBeNull();
    expect(timeZoneNote("America/Los_Angeles", "en", "Europe/Madrid")).toBe("Pacific Time");
    expect(timeZoneNote(null, "en", "Europe/Madrid")).toBeNull();
  });
});
