// The HSDS API under /hsds on the real app and database: every route, every filter (official
// and Mutuo's profile), NDJSON, pages and 404s — and every response validated against the
// official openapi.json schemas of HSDS 3.0 (the local copy in ../shared/data).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/app";
import { CATEGORY_TAXONOMY_ID, TERM_BY_CODE } from "../taxonomy";
import { type SeededListing, seedListing } from "../testkit";
import { importHsdsPath } from "./import";
import { loadHsdsSchemas } from "./schemas";

const HSDS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/data/hsds/3.0",
);
const schemas = loadHsdsSchemas(path.join(HSDS_DIR, "schema"));

// The official examples' ids.
const EXAMPLE = {
  organization: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
  service: "ac148810-d857-441c-9679-408f346de14b",
  serviceAtLocation: "e94c9f38-1e8f-4564-91d4-d53501ab1765",
};
// Wednesday 2 December 2026, 10:30 in San Mateo.
const NOW = new Date("2026-12-02T18:30:00Z");

let t: TestApp;
let pantry: SeededListing;
let clinic: SeededListing;
let hidden: SeededListing;

beforeAll(async () => {
  t = await createTestApp();
  t.advance(NOW.getTime() - Date.now());
  const db = t.database.db;
  const summary = await importHsdsPath(db, path.join(HSDS_DIR, "examples/organization_full.json"), {
    defaultTimeZone: "America/Los_Angeles",
  });
  expect(summary.rejected).toEqual([]);
  pantry = await seedListing(db, {
    name: "Despensa Comunitaria",
    terms: ["food_pantry", "no_id"],
    at: { lat: 37.563, lng: -122.3255 },
    hours: [{ byday: "WE", opens: "09:00", closes: "12:00" }],
    languages: ["es"],
  });
  clinic = await seedListing(db, {
    name: "Family Clinic",
    terms: ["health", "free"],
    at: { lat: 37.9, lng: -122.3 },
    hours: [{ byday: "TH", opens: "09:00", closes: "12:00" }],
    languages: ["en"],
  });
  hidden = await seedListing(db, {
    name: "Example Food Pantry",
    test: true,
    terms: ["food_pantry"],
  });
});

afterAll(async () => {
  await t?.app.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: "GET", url, headers });
}

/** GETs a JSON response and checks it against the official schema of its path. */
async function getValid(url: string, apiPath: string) {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["cache-control"]).toBe("public, max-age=300");
  const body = res.json();
  const validate = schemas.openapiResponseValidator(apiPath, "get");
  expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return body;
}

interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: { id: string; name?: string }[];
}

async function ids(url: string, apiPath: string): Promise<string[]> {
  return ((await getValid(url, apiPath)) as Page).contents.map((o) => o.id);
}

describe("the HSDS API", () => {
  it("names its version, profile and OpenAPI document", async () => {
    const body = await getValid("/hsds/", "/");
    expect(body).toMatchObject({
      version: "3.0",
      profile: expect.stringMatching(/\/hsds\/profile$/),
    });
    const profile = (await get("/hsds/profile")).json();
    expect(Object.keys(profile.parameters)).toEqual([
      "lat",
      "lng",
      "radius_m",
      "open_at",
      "language",
      "access",
    ]);
  });

  it("lists services a page at a time, never test records", async () => {
    const all = (await getValid("/hsds/services?per_page=50", "/services")) as Page;
    expect(all.contents.map((s) => s.id).sort()).toEqual(
      [EXAMPLE.service, pantry.serviceId, clinic.serviceId].sort(),
    );
    expect(all).toMatchObject({
      total_items: 3,
      total_pages: 1,
      page_number: 1,
      first_page: true,
      last_page: true,
    });
    const second = (await getValid("/hsds/services?per_page=1&page=2", "/services")) as Page;
    expect(second).toMatchObject({
      total_items: 3,
      total_pages: 3,
      size: 1,
      first_page: false,
      last_page: false,
    });
    const past = (await getValid("/hsds/services?per_page=2&page=9", "/services")) as Page;
    expect(past).toMatchObject({ total_items: 3, empty: true, contents: [] });
    expect(all.contents.map((s) => s.id)).not.toContain(hidden.serviceId);
  });

  it("nests everything with full=true and on /services/{id}", async () => {
    const full = (await getValid("/hsds/services?full=true&per_page=50", "/services")) as Page;
    const example = full.contents.find((s) => s.id === EXAMPLE.service) as Record<string, unknown>;
    expect(Array.isArray(example.phones)).toBe(true);
    const one = await getValid(`/hsds/services/${EXAMPLE.service}`, "/services/{id}");
    expect(one).toMatchObject({ id: EXAMPLE.service, name: "Community Counselling" });
    expect(await getValid(`/hsds/services/${pantry.serviceId}`, "/services/{id}")).toMatchObject({
      name: "Despensa Comunitaria",
    });
  });

  it("filters services by the official parameters", async () => {
    expect(await ids("/hsds/services?search=despensa%20comunitria", "/services")).toEqual([
      pantry.serviceId,
    ]);
    const term = TERM_BY_CODE.get("health")?.id;
    expect(await ids(`/hsds/services?taxonomy_term_id=${term}`, "/services")).toEqual([
      clinic.serviceId,
    ]);
    expect(
      (await ids(`/hsds/services?taxonomy_id=${CATEGORY_TAXONOMY_ID}`, "/services")).sort(),
    ).toEqual([pantry.serviceId, clinic.serviceId].sort());
    expect(
      await ids(`/hsds/services?organization_id=${EXAMPLE.organization}`, "/services"),
    ).toEqual([EXAMPLE.service]);
    // The example was last modified in 2023; Mutuo's own rows changed "now".
    expect(
      await ids("/hsds/services?modified_after=2026-12-01T00:00:00Z", "/services"),
    ).not.toContain(EXAMPLE.service);
    expect(await ids("/hsds/services?modified_after=2020-01-01", "/services")).toContain(
      EXAMPLE.service,
    );
  });

  it("filters services by Mutuo's profile: near, open at, language, access", async () => {
    const near = "lat=37.563&lng=-122.3255";
    expect(await ids(`/hsds/services?${near}&radius_m=5000`, "/services")).toEqual([
      pantry.serviceId,
    ]);
    expect((await ids(`/hsds/services?${near}&radius_m=50000`, "/services")).sort()).toEqual(
      [pantry.serviceId, clinic.serviceId].sort(),
    );
    expect(await ids("/hsds/services?open_at=now", "/services")).toEqual([pantry.serviceId]);
    expect(await ids("/hsds/services?open_at=2026-12-03T10:00", "/services")).toEqual([
      clinic.serviceId,
    ]);
    expect(await ids("/hsds/services?language=es", "/services")).toEqual([pantry.serviceId]);
    expect(await ids("/hsds/services?access=free", "/services")).toEqual([clinic.serviceId]);
    expect(await ids("/hsds/services?access=free&access=no_id", "/services")).toEqual([]);
  });

  it("streams every match as NDJSON, one valid object a line", async () => {
    const res = await get("/hsds/services?format=ndjson&full=true");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/x-ndjson/);
    const lines = res.body
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((s) => s.id).sort()).toEqual(
      [EXAMPLE.service, pantry.serviceId, clinic.serviceId].sort(),
    );
    const validate = schemas.openapiResponseValidator("/services/{id}", "get");
    for (const line of lines)
      expect(validate(line), JSON.stringify(validate.errors?.[0])).toBe(true);
    const open = (await get("/hsds/services?format=ndjson&open_at=now")).body.trimEnd().split("\n");
    expect(open.map((l) => JSON.parse(l).id)).toEqual([pantry.serviceId]);
  });

  it("lists and shows services at locations", async () => {
    const list = await ids("/hsds/service_at_locations?per_page=50", "/service_at_locations");
    expect(list.sort()).toEqual(
      [EXAMPLE.serviceAtLocation, pantry.serviceAtLocationId, clinic.serviceAtLocationId].sort(),
    );
    expect(
      await ids("/hsds/service_at_locations?language=en&full=true", "/service_at_locations"),
    ).toEqual([clinic.serviceAtLocationId]);
    await getValid(
      `/hsds/service_at_locations/${EXAMPLE.serviceAtLocation}`,
      "/service_at_locations/{id}",
    );
  });

  it("lists and shows organizations", async () => {
    const list = await ids("/hsds/organizations?per_page=50", "/organizations");
    expect(list).toContain(EXAMPLE.organization);
    expect(list).not.toContain(hidden.organizationId);
    expect(
      await ids("/hsds/organizations?search=example%20organisation", "/organizations"),
    ).toEqual([EXAMPLE.organization]);
    await getValid("/hsds/organizations?full=true", "/organizations");
    const one = await getValid(
      `/hsds/organizations/${EXAMPLE.organization}`,
      "/organizations/{id}",
    );
    expect(one).toMatchObject({ name: "Example Organization Inc." });
  });

  it("lists and shows taxonomies and their terms", async () => {
    const taxonomies = await ids("/hsds/taxonomies?per_page=50", "/taxonomies");
    expect(taxonomies).toContain(CATEGORY_TAXONOMY_ID);
    expect(await ids("/hsds/taxonomies?search=access%20requirements", "/taxonomies")).toHaveLength(
      1,
    );
    await getValid(`/hsds/taxonomies/${CATEGORY_TAXONOMY_ID}`, "/taxonomies/{id}");
    const terms = await ids(
      `/hsds/taxonomy_terms?taxonomy_id=${CATEGORY_TAXONOMY_ID}&per_page=100`,
      "/taxonomy_terms",
    );
    expect(terms).toContain(TERM_BY_CODE.get("food_pantry")?.id);
    expect(terms).not.toContain(TERM_BY_CODE.get("no_id")?.id);
    expect(
      await ids("/hsds/taxonomy_terms?search=food%20pantry&top_only=true", "/taxonomy_terms"),
    ).toContain(TERM_BY_CODE.get("food_pantry")?.id);
    await getValid(`/hsds/taxonomy_terms/${TERM_BY_CODE.get("free")?.id}`, "/taxonomy_terms/{id}");
  });

  it("answers unknown ids and bad parameters with translated problems", async () => {
    for (const kind of [
      "services",
      "organizations",
      "service_at_locations",
      "taxonomies",
      "taxonomy_terms",
    ]) {
      const res = await get(`/hsds/${kind}/${uuidv7()}`, { "accept-language": "es" });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: "hsds_not_found", title: "No encontrado" });
    }
    expect((await get("/hsds/services?open_at=soon")).json()).toMatchObject({
      code: "directory_open_at_invalid",
    });
    expect((await get("/hsds/services?lat=37")).json()).toMatchObject({
      code: "directory_near_incomplete",
    });
    expect((await get("/hsds/services?per_page=0")).statusCode).toBe(400);
    expect((await get("/hsds/services?postcode=94401")).statusCode).toBe(400);
    expect((await get("/hsds/services/not-a-uuid")).statusCode).toBe(400);
  });

  it("stays out of Mutuo's own API document", async () => {
    const doc = (await get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/hsds"))).toBe(false);
  });
});
