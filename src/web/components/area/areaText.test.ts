import { describe, expect, it } from "vitest";
import { areaToText, parseAreaText, ringFromPoints } from "./areaText";

describe("the area as text", () => {
  it("reads H3 cells separated by spaces, commas or new lines", () => {
    expect(parseAreaText("8928308280fffff, 8928308280bffff\n89283082807ffff")).toEqual({
      ok: true,
      area: { kind: "h3", cells: ["8928308280fffff", "8928308280bffff", "89283082807ffff"] },
    });
  });

  it("reads a GeoJSON polygon or a feature holding one", () => {
    const polygon = {
      type: "Polygon",
      coordinates: [
        [
          [-122.3, 37.5],
          [-122.2, 37.5],
          [-122.2, 37.6],
          [-122.3, 37.5],
        ],
      ],
    };
    expect(parseAreaText(JSON.stringify(polygon))).toEqual({
      ok: true,
      area: { kind: "polygon", coordinates: polygon.coordinates },
    });
    expect(
      parseAreaText(JSON.stringify({ type: "Feature", geometry: polygon, properties: {} })),
    ).toMatchObject({
      ok: true,
      area: { kind: "polygon" },
    });
  });

  it("says what is wrong with anything else", () => {
    expect(parseAreaText("{not json")).toEqual({ ok: false, error: "json" });
    expect(parseAreaText('{"type":"Point","coordinates":[1,2]}')).toEqual({
      ok: false,
      error: "shape",
    });
    expect(parseAreaText("San Mateo")).toEqual({ ok: false, error: "shape" });
    expect(parseAreaText("   ")).toEqual({ ok: true, area: null });
  });

  it("round-trips and closes drawn outlines", () => {
    const ring = ringFromPoints([
      [37.5, -122.3],
      [37.5, -122.2],
      [37.6, -122.2],
    ]);
    expect(ring).toEqual([
      [-122.3, 37.5],
      [-122.2, 37.5],
      [-122.2, 37.6],
      [-122.3, 37.5],
    ]);
    const area = { kind: "polygon" as const, coordinates: [ring] };
    expect(parseAreaText(areaToText(area))).toEqual({ ok: true, area });
  });
});
