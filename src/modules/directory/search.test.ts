// Directory search over HTTP on the real app and database: typo- and accent-tolerant words in
// English and Spanish, near a place, open now / open at, language, category, access, order,
// pages, the stale mark, and test or inactive listings never shown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import type { SearchResponse } from "./contract";
import { FUZZY_BELOW, searchWords, someWordUnknown } from "./search";
import { seedListing } from "./testkit";

let t: TestApp;
const ids: Record<string, string> = {};

// Wednesday 2 December 2026, 10:30 in San Mateo (America/Los_Angeles, UTC-8).
const NOW = new Date("2026-12-02T18:30:00Z");
const SAN_MATEO = { lat: 37.563, lng: -122.3255 };
const RECENTLY = new Date("2026-11-01T00:00:00Z");

beforeAll(async () => {
  t = await createTestApp();
  t.advance(NOW.getTime() - Date.now());
  const db = t.database.db;
  const seed = async (key: string, spec: Parameters<typeof seedListing>[1]) => {
    ids[key] = (await seedListing(db, spec)).serviceId;
  };
  await seed("despensa", {
    name: "Despensa Comunitaria",
    description: "Bolsas de alimentos cada miércoles.",
    terms: ["food_pantry", "no_id"],
    at: {
      ...SAN_MATEO,
      address: { street: "1 Main St", city: "San Mateo", region: "CA", postal: "94401" },
    },
    hours: [{ byday: "WE", opens: "09:00", closes: "12:00" }],
    languages: ["en", "es"],
    verifiedAt: RECENTLY,
  });
  await seed("anthony", {
    name: "Saint Anthony Food Pantry",
    terms: ["food_pantry", "free"],
    createdAt: new Date("2025-01-01T00:00:00Z"),
    at: { lat: 37.59, lng: -122.3255 },
    hours: [{ byday: "MO,TU,TH", opens: "09:00", closes: "17:00" }],
    languages: ["en"],
  });
  await seed("far", {
    name: "Santa Cruz Food Bank",
    terms: ["food_pantry"],
    at: { lat: 36.974, lng: -122.03 },
    hours: [{ byday: "WE", opens: "08:00", closes: "20:00" }],
    languages: ["en"],
    verifiedAt: RECENTLY,
  });
  await seed("clinica", {
    name: "Clínica de Salud Familiar",
    terms: ["health"],
    at: { lat: 37.57, lng: -122.32 },
    hours: [{ byday: "WE", opens: "10:00", closes: "11:00" }],
    closed: { from: "2026-12-02", to: "2026-12-02" },
    languages: ["es"],
    verifiedAt: RECENTLY,
  });
  await seed("legal", {
    name: "Tenant Legal Help",
    description: "Lawyers for eviction cases",
    terms: ["legal"],
    verifiedAt: RECENTLY,
  });
  await seed("test", {
    name: "Test Food Pantry",
    terms: ["food_pantry"],
    test: true,
    at: SAN_MATEO,
    hours: [{ byday: "WE", opens: "09:00", closes: "12:00" }],
  });
  await seed("inactive", {
    name: "Old Food Pantry",
    status: "inactive",
    terms: ["food_pantry"],
    at: SAN_MATEO,
  });
});

afterAll(async () => {
  await t?.app.close();
});

async function search(query: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/directory/search?${query}`,
    headers,
  });
  return { res, body: res.json() as SearchResponse };
}

async function namesFor(query: string): Promise<string[]> {
  const { res, body } = await search(query);
  expect(res.statusCode, res.body).toBe(200);
  return body.results.map((r) => r.name);
}

const NEAR = `lat=${SAN_MATEO.lat}&lng=${SAN_MATEO.lng}`;

describe("search words", () => {
  it("ignores case, accents and little words", () => {
    expect(searchWords("Despensa DE Comída  para la familia")).toEqual([
      "despensa",
      "comida",
      "familia",
    ]);
  });

  it("finds food pantries with a typo, in English and in Spanish", async () => {
    const english = await namesFor("q=food%20panty");
    expect(english).toEqual(
      expect.arrayContaining([
        "Despensa Comunitaria",
        "Saint Anthony Food Pantry",
        "Santa Cruz Food Bank",
      ]),
    );
    const spanish = await namesFor(`q=${encodeURIComponent("despensa de comida")}`);
    expect(spanish).toEqual(
      expect.arrayContaining(["Despensa Comunitaria", "Saint Anthony Food Pantry"]),
    );
    expect(await namesFor("q=despensa%20comunitria")).toContain("Despensa Comunitaria");
  });

  it("matches without accents and with them", async () => {
    expect(await namesFor("q=clinica%20salud")).toEqual(["Clínica de Salud Familiar"]);
    expect(await namesFor(`q=${encodeURIComponent("CLÍNICA")}`)).toEqual([
      "Clínica de Salud Familiar",
    ]);
  });

  it("requires every word", async () => {
    expect(await namesFor("q=food%20eviction")).toEqual([]);
  });

  it("never shows test or inactive listings", async () => {
    const names = await namesFor("q=pantry&per_page=50");
    expect(names).not.toContain("Test Food Pantry");
    expect(names).not.toContain("Old Food Pantry");
  });
});

describe("near, open, language and filters", () => {
  it("keeps only places within the radius, with their distance, nearest first", async () => {
    const { body } = await search(`category=food_pantry&${NEAR}&radius_km=5`);
    expect(body.results.map((r) => r.name)).toEqual([
      "Despensa Comunitaria",
      "Saint Anthony Food Pantry",
    ]);
    const [first, second] = body.results;
    expect(first?.distance_m).toBe(0);
    expect(second?.distance_m).toBeGreaterThan(2500);
    expect(second?.distance_m).toBeLessThan(3500);
    const wide = await namesFor(`q=food&${NEAR}&radius_km=100`);
    expect(wide).toContain("Santa Cruz Food Bank");
  });

  it("leaves out services without a place when searching near somewhere", async () => {
    expect(await namesFor("category=legal")).toEqual(["Tenant Legal Help"]);
    expect(await namesFor(`category=legal&${NEAR}&radius_km=50`)).toEqual([]);
  });

  it("open now keeps the open ones; a closure closes a place for the day", async () => {
    const { body } = await search(`${NEAR}&radius_km=10&open_at=now`);
    expect(body.results.map((r) => r.name)).toEqual(["Despensa Comunitaria"]);
    expect(body.total).toBe(1);
    expect(Math.abs(Date.parse(body.at) - NOW.getTime())).toBeLessThan(60_000);
    const all = await search(`${NEAR}&radius_km=10`);
    const byName = new Map(all.body.results.map((r) => [r.name, r]));
    expect(byName.get("Despensa Comunitaria")).toMatchObject({
      open: "open",
      today: [{ opens: "09:00", closes: "12:00" }],
      time_zone: "America/Los_Angeles",
    });
    expect(byName.get("Saint Anthony Food Pantry")).toMatchObject({ open: "closed", today: [] });
    expect(byName.get("Clínica de Salud Familiar")).toMatchObject({ open: "closed", today: [] });
  });

  it("open at a local time or an exact instant", async () => {
    // Thursday 10:00 where each place is.
    expect(await namesFor(`${NEAR}&radius_km=10&open_at=2026-12-03T10:00`)).toEqual([
      "Saint Anthony Food Pantry",
    ]);
    // 12:30 in San Mateo: the pantry closed at noon; Santa Cruz is open until 20:00.
    expect(await namesFor(`q=food&open_at=${encodeURIComponent("2026-12-02T20:30:00Z")}`)).toEqual([
      "Santa Cruz Food Bank",
    ]);
    expect(await namesFor("q=food&open_at=12:30")).toEqual(["Santa Cruz Food Bank"]);
  });

  it("filters by a language spoken", async () => {
    expect(await namesFor(`${NEAR}&radius_km=10&language=es`)).toEqual([
      "Despensa Comunitaria",
      "Clínica de Salud Familiar",
    ]);
  });

  it("filters by category and by every access requirement asked", async () => {
    expect(await namesFor("category=health")).toEqual(["Clínica de Salud Familiar"]);
    expect(await namesFor("access=no_id")).toEqual(["Despensa Comunitaria"]);
    expect(await namesFor("access=no_id&access=free")).toEqual([]);
    const { body } = await search("access=free");
    expect(body.results[0]).toMatchObject({
      name: "Saint Anthony Food Pantry",
      categories: ["food_pantry"],
      access: ["free"],
    });
  });

  it("puts the best match first, then the nearest", async () => {
    expect((await namesFor(`q=despensa%20comunitaria&${NEAR}&radius_km=10`))[0]).toBe(
      "Despensa Comunitaria",
    );
    const { body } = await search(`q=pantry&${NEAR}&radius_km=100`);
    const distances = body.results.map((r) => r.distance_m ?? 0);
    expect(body.results.map((r) => r.name)).toContain("Santa Cruz Food Bank");
    expect(distances.at(-1)).toBe(Math.max(...distances));
  });

  it("pages after filtering, with the filtered total", async () => {
    const all = await namesFor("q=food&per_page=50");
    const { body } = await search("q=food&per_page=1&page=2");
    expect(body.total).toBe(all.length);
    expect(body.results.map((r) => r.name)).toEqual([all[1]]);
    const open = await search("open_at=now&per_page=1&page=2");
    expect(open.body.total).toBe(2);
    expect(open.body.results).toHaveLength(1);
  });

  it("marks listings nobody verified in 180 days since they arrived", async () => {
    const { body } = await search(`q=food&${NEAR}&radius_km=5`);
    const byName = new Map(body.results.map((r) => [r.name, r]));
    expect(byName.get("Despensa Comunitaria")).toMatchObject({
      stale: false,
      verified_at: RECENTLY.toISOString(),
      languages: ["en", "es"],
      address: "1 Main St, San Mateo, CA 94401",
    });
    expect(byName.get("Saint Anthony Food Pantry")).toMatchObject({
      stale: true,
      verified_at: null,
    });
  });
});

describe("bad searches", () => {
  it("refuses an unreadable time in the visitor's language", async () => {
    const { res } = await search("open_at=tomorrow-ish", { "accept-language": "es" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "directory_open_at_invalid",
      title: "No se pudo leer la hora",
    });
    expect((await search("open_at=2026-02-30T10:00")).res.statusCode).toBe(400);
    expect((await search("open_at=25:00")).res.statusCode).toBe(400);
  });

  it("refuses half a place, an unknown filter and a radius too large", async () => {
    expect((await search("lat=37.5")).res.json()).toMatchObject({
      code: "directory_near_incomplete",
    });
    expect((await search("access=nothing")).res.statusCode).toBe(400);
    expect((await search(`${NEAR}&radius_km=1000`)).res.statusCode).toBe(400);
    expect((await search("color=red")).res.statusCode).toBe(400);
  });
});

describe("exact first, typos when needed", () => {
  it("uses the words as typed when they find enough places, else tolerates typos", async () => {
    for (let i = 0; i < FUZZY_BELOW; i++) {
      await seedListing(t.database.db, { name: `Bulk Pantry ${i}` });
    }
    await seedListing(t.database.db, { name: "Pantri Express" });
    const typed = await namesFor("q=pantry&per_page=50");
    expect(typed).toContain("Saint Anthony Food Pantry");
    expect(typed).not.toContain("Pantri Express");
    const typo = await namesFor("q=pantri&per_page=50");
    expect(typo).toContain("Pantri Express");
    expect(typo).toContain("Saint Anthony Food Pantry");
  });

  it("knows a word no document holds without searching for it", async () => {
    const db = t.database.db;
    expect(await someWordUnknown(db, ["pantry", "despensa"])).toBe(false);
    expect(await someWordUnknown(db, ["pant", "comunit"])).toBe(false);
    expect(await someWordUnknown(db, ["pantry", "zqxw"])).toBe(true);
    expect(await someWordUnknown(db, ["zq"])).toBe(false);
    // And the search still finds the places behind a typo of a known word.
    expect(await namesFor("q=despensa%20comunitria")).toContain("Despensa Comunitaria");
  });
});
