import { describe, expect, it } from "vitest";
import { filterTimeZones, timeZoneLabel, timeZoneList } from "./timeZones";

describe("time zones", () => {
  const zones = timeZoneList();

  it("lists the runtime's zones with UTC, sorted", () => {
    expect(zones).toContain("America/Mexico_City");
    expect(zones).toContain("UTC");
    expect([...zones].sort()).toEqual(zones);
  });

  it("finds a zone by the words of its name, ignoring accents, case and underscores", () => {
    expect(filterTimeZones(zones, "mexico city")).toContain("America/Mexico_City");
    expect(filterTimeZones(zones, "MÉXICO")).toContain("America/Mexico_City");
    expect(filterTimeZones(zones, "buenos aires").some((z) => z.endsWith("Buenos_Aires"))).toBe(
      true,
    );
    expect(filterTimeZones(zones, "  ")).toBe(zones);
  });

  it("keeps the chosen zone in the list even when it does not match", () => {
    const found = filterTimeZones(zones, "tokyo", "America/Chicago");
    expect(found[0]).toBe("America/Chicago");
    expect(found).toContain("Asia/Tokyo");
    expect(filterTimeZones(zones, "no such place", "UTC")).toEqual(["UTC"]);
  });

  it("labels zones readably", () => {
    expect(timeZoneLabel("America/Argentina/Buenos_Aires")).toBe(
      "America / Argentina / Buenos Aires",
    );
  });
});
