import { describe, expect, it } from "vitest";
import {
  EMPTY_STATE,
  filterCount,
  hasCriteria,
  readSearchState,
  searchApiQuery,
  widerRadius,
  writeSearchState,
} from "./searchState";

const read = (query: string) => readSearchState(new URLSearchParams(query));

describe("the directory search in the address bar", () => {
  it("a full search survives the round trip through the address bar", () => {
    const state = {
      ...EMPTY_STATE,
      q: "despensa",
      near: "me" as const,
      lat: 37.56,
      lng: -122.32,
      radiusKm: 3,
      open: "now" as const,
      language: "es",
      category: "food_pantry" as const,
      access: ["no_id" as const, "free" as const],
    };
    expect(readSearchState(writeSearchState(state))).toEqual(state);
  });

  it("open at a day and time is kept only with both a valid day and time", () => {
    expect(read("open=at&day=2026-12-24&time=09:30")).toMatchObject({
      open: "at",
      day: "2026-12-24",
      time: "09:30",
    });
    expect(read("open=at&day=2026-12-24")).toMatchObject({ open: "", day: "", time: "" });
    expect(read("open=at&day=tomorrow&time=25:00").open).toBe("");
  });

  it("a hand-edited link with nonsense is read as a plain search, never an error", () => {
    const state = read(
      "lat=999&lng=-122&radius=7&language=Spanish&category=weapons&access=no_id&access=bogus&access=no_id",
    );
    expect(state.near).toBe("");
    expect(state.lat).toBeUndefined();
    expect(state.radiusKm).toBe(5);
    expect(state.language).toBe("");
    expect(state.category).toBe("");
    expect(state.access).toEqual(["no_id"]);
  });

  it("a point without a stated kind is a place; a place's name is kept only for places", () => {
    expect(read("lat=1&lng=2&place=Plaza")).toMatchObject({ near: "place", place: "Plaza" });
    expect(read("near=me&lat=1&lng=2&place=Plaza")).toMatchObject({ near: "me", place: "" });
  });

  it("the API query carries the radius only with a point, and open_at as now or local time", () => {
    const near = searchApiQuery(
      { ...EMPTY_STATE, near: "me", lat: 1, lng: 2, radiusKm: 3, open: "now" },
      2,
      "es",
    );
    expect(Object.fromEntries(near)).toMatchObject({
      lat: "1",
      lng: "2",
      radius_km: "3",
      open_at: "now",
      page: "2",
      lang: "es",
    });
    const anywhere = searchApiQuery(
      { ...EMPTY_STATE, q: " food ", open: "at", day: "2026-12-24", time: "09:30" },
      1,
      "en",
    );
    expect(anywhere.get("radius_km")).toBeNull();
    expect(anywhere.get("q")).toBe("food");
    expect(anywhere.get("open_at")).toBe("2026-12-24T09:30");
  });

  it("counts the chosen filters and knows when nothing was asked", () => {
    expect(hasCriteria(EMPTY_STATE)).toBe(false);
    expect(hasCriteria({ ...EMPTY_STATE, q: "  " })).toBe(false);
    expect(filterCount({ ...EMPTY_STATE, open: "now", access: ["no_id", "free"] })).toBe(3);
    expect(hasCriteria({ ...EMPTY_STATE, access: ["free"] })).toBe(true);
  });

  it("offers the next wider radius until the widest", () => {
    expect(widerRadius(3)).toBe(5);
    expect(widerRadius(25)).toBeUndefined();
  });
});
