// The pure rules of HSDS validation: times, dates, byday, coordinates, which table an object is,
// and where broken JSON breaks.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  detectTable,
  isByday,
  isDate,
  isDateTime,
  isTime,
  jsonErrorPlace,
  recordIssues,
} from "./rules";
import { loadHsdsSchemas } from "./schemas";

const schemaDir = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0/schema");

describe("the rules beyond JSON Schema", () => {
  it("times are HH:MM or HH:MM:SS on a 24-hour clock, optionally with a zone", () => {
    expect(["09:00", "18:30:00", "00:00", "23:59:59", "09:00Z", "09:00-05:00"].every(isTime)).toBe(
      true,
    );
    expect(["25:00", "24:00", "9:00", "9am", "4:00 PM", "12:60", ""].some(isTime)).toBe(false);
  });

  it("dates are real calendar dates", () => {
    expect(isDate("2024-02-29")).toBe(true);
    expect(["2023-02-29", "2024-13-01", "01/02/2024", "2024-1-1"].some(isDate)).toBe(false);
    expect(isDateTime("2023-06-01T10:00:00Z")).toBe(true);
    expect(isDateTime("2023-06-01")).toBe(false);
  });

  it("byday lists weekdays, each optionally numbered", () => {
    expect(["MO", "TH,FR", "2FR", "-1SU", "MO, WE"].every(isByday)).toBe(true);
    expect(["XX", "MO,", "monday", "0MO", "6MO,1"].some(isByday)).toBe(false);
  });

  it("recognises objects by their fields", () => {
    const schemas = loadHsdsSchemas(schemaDir);
    expect(detectTable({ id: "x", status: "active" }, schemas)).toBe("service");
    expect(detectTable({ id: "x", service: {}, location: {} }, schemas)).toBe(
      "service_at_location",
    );
    expect(
      detectTable({ id: "x", name: "n", description: "d", uri: "u", version: "1" }, schemas),
    ).toBe("taxonomy");
    expect(detectTable({ id: "x", number: "555", extension: 2 }, schemas)).toBe("phone");
    expect(detectTable({ id: "x", colour: "blue" }, schemas)).toBeNull();
  });

  it("finds where JSON breaks even when the engine does not say", () => {
    expect(jsonErrorPlace("garbage", new Error("Unexpected token 'g'"))).toEqual({
      line: 1,
      column: 1,
    });
    expect(jsonErrorPlace('{\n  "a": 1,\n  "b": nope}', new Error("Unexpected token"))).toEqual({
      line: 3,
      column: 9,
    });
  });
});

describe("record issues", () => {
  it("a schedule with a bad time, a bad byday and dates the wrong way round has one issue each", () => {
    const issues = recordIssues("schedule", {
      id: "x",
      opens_at: "25:00",
      closes_at: "18:00",
      byday: "MO,XX",
      valid_from: "2024-02-01",
      valid_to: "2024-01-31",
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ["opens_at", "bad_time"],
      ["byday", "bad_byday"],
      ["valid_to", "valid_to_before_valid_from"],
    ]);
  });

  it("coordinates out of range are warnings; a location in range has no issue", () => {
    const issues = recordIssues("location", { latitude: 100, longitude: -181 });
    expect(issues.map((i) => [i.severity, i.field, i.code])).toEqual([
      ["warning", "latitude", "coordinates_out_of_range"],
      ["warning", "longitude", "coordinates_out_of_range"],
    ]);
    expect(recordIssues("location", { latitude: 37.5, longitude: -122.3 })).toEqual([]);
  });

  it("dates and times of every table are checked by their kind", () => {
    expect(
      recordIssues("service", { assured_date: "2024-02-30", last_modified: "yesterday" }).map(
        (i) => i.code,
      ),
    ).toEqual(["bad_date", "bad_datetime"]);
  });
});
