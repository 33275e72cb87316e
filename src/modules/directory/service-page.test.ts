// The service page and its one-SMS text over HTTP: hours in the place's time zone, address with
// a directions link, phones, languages, requirements, capacity, "last verified", who may edit,
// and the text's length limit in GSM-7, in English and Spanish.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin } from "../../../test/people";
import { createGroup } from "../exchange/testkit";
import type { ServiceDetail } from "./contract";
import { hsdsRequiredDocument, hsdsSchedule } from "./schema";
import { gsm7Length, SMS_LIMIT, toGsm7 } from "./sms";
import { type SeededListing, seedListing } from "./testkit";

let t: TestApp;
let pantry: SeededListing;
let longOne: SeededListing;
let bare: SeededListing;
let testListing: SeededListing;
let stewardGroupId: string;

// Wednesday 2 December 2026, 10:30 in San Mateo.
const NOW = new Date("2026-12-02T18:30:00Z");

beforeAll(async () => {
  t = await createTestApp({
    env: { MUTUO_DIRECTIONS_URL: "https://maps.example/?to={lat},{lng}" },
  });
  t.advance(NOW.getTime() - Date.now());
  const db = t.database.db;
  stewardGroupId = await createGroup(t, await networkAdmin(t), "Iglesia San José");
  pantry = await seedListing(db, {
    name: "Despensa Comunitaria San José",
    description: "Comida gratis para familias.",
    organization: { name: "Iglesia San José", stewardGroupId },
    terms: ["food_pantry", "no_id", "free"],
    at: {
      lat: 37.563,
      lng: -122.3255,
      name: "Salón parroquial",
      address: { street: "1 Main St", city: "San Mateo", region: "CA", postal: "94401" },
    },
    hours: [
      { byday: "WE", opens: "09:00", closes: "12:00" },
      { byday: "FR", opens: "14:00", closes: "17:00" },
    ],
    closed: { from: "2026-12-25", to: "2026-12-25" },
    phone: "+1 650-555-0100",
    languages: ["es", "en"],
    verifiedAt: new Date("2026-11-01T00:00:00Z"),
    capacity: { unit: "food boxes", available: 12, maximum: 40, updated: NOW },
  });
  await db
    .insert(hsdsRequiredDocument)
    .values({ id: uuidv7(), service_id: pantry.serviceId, document: "Nothing" });
  await db.insert(hsdsSchedule).values({
    id: uuidv7(),
    service_id: pantry.serviceId,
    freq: "MONTHLY",
    byday: "2SA",
    opens_at: "10:00",
    closes_at: "12:00",
  });
  longOne = await seedListing(db, {
    name: "Asociación de Ayuda Mutua Para Familias Trabajadoras del Condado de San Mateo",
    terms: ["food_pantry", "no_id", "no_proof_of_address", "no_income_proof", "walk_in", "free"],
    at: {
      lat: 37.5,
      lng: -122.3,
      address: {
        street: "12345 Avenida de los Trabajadores Agrícolas Unidos, Edificio Ñandú",
        city: "South San Francisco",
        region: "CA",
        postal: "94080",
      },
    },
    hours: [
      { byday: "MO,TU,WE,TH,FR", opens: "08:00", closes: "10:00" },
      { byday: "MO,TU,WE,TH,FR", opens: "11:00", closes: "13:00" },
      { byday: "MO,TU,WE,TH,FR", opens: "15:00", closes: "17:00" },
      { byday: "MO,TU,WE,TH,FR", opens: "18:00", closes: "21:00" },
    ],
    phone: "+1 (650) 555-0199 ext. 12345 [main line]",
  });
  bare = await seedListing(db, { name: "Phone Line", createdAt: new Date("2026-01-01T00:00:00Z") });
  testListing = await seedListing(db, { name: "Example Listing", test: true });
});

afterAll(async () => {
  await t?.app.close();
});

async function detail(id: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: "GET", url: `/api/v1/directory/services/${id}`, headers });
}

async function text(id: string, lang: "en" | "es") {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/directory/services/${id}/text?lang=${lang}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain/);
  return res.body;
}

describe("the service page", () => {
  it("shows hours in local time, the address with directions, phones and requirements", async () => {
    const res = await detail(pantry.serviceId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect(res.headers.vary).toMatch(/accept-language, cookie/);
    const body = res.json() as ServiceDetail;
    expect(body).toMatchObject({
      name: "Despensa Comunitaria San José",
      organization: { name: "Iglesia San José" },
      phones: [{ number: "+1 650-555-0100" }],
      languages: ["en", "es"],
      required_documents: ["Nothing"],
      categories: ["food_pantry"],
      access: ["no_id", "free"],
      capacity: [{ unit: "food boxes", available: 12, maximum: 40, updated: NOW.toISOString() }],
      verified_at: "2026-11-01T00:00:00.000Z",
      stale: false,
      can_edit: false,
    });
    const [place] = body.locations;
    expect(place).toMatchObject({
      name: "Salón parroquial",
      address: ["1 Main St", "San Mateo, CA 94401"],
      lat: 37.563,
      lng: -122.3255,
      directions_url: "https://maps.example/?to=37.563,-122.3255",
      time_zone: "America/Los_Angeles",
      open: "open",
      today: [{ opens: "09:00", closes: "12:00" }],
      closures: [{ from: "2026-12-25", to: "2026-12-25", note: "Holiday" }],
    });
    expect(place?.other_hours).toHaveLength(1);
    expect(place?.other_hours[0]).toMatch(/10:00.12:00/);
    const byDay = new Map(place?.week.map((d) => [d.weekday, d.hours]));
    expect(byDay.get(3)).toEqual([{ opens: "09:00", closes: "12:00" }]);
    expect(byDay.get(5)).toEqual([{ opens: "14:00", closes: "17:00" }]);
    expect(byDay.get(1)).toEqual([]);
  });

  it("shows test listings by id, and a translated 404 for an unknown one", async () => {
    expect((await detail(testListing.serviceId)).statusCode).toBe(200);
    const res = await detail(uuidv7(), { "accept-language": "es" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: "directory_service_not_found",
      title: "Servicio no encontrado",
    });
    expect((await detail("not-a-uuid")).statusCode).toBe(400);
  });

  it("lets network admins and the steward group's coordinators edit, not members", async () => {
    const admin = await createPerson(t, { networkAdmin: true });
    const member = await createPerson(t, { groups: { [stewardGroupId]: "member" } });
    const coordinator = await createPerson(t, { groups: { [stewardGroupId]: "coordinator" } });
    const canEdit = async (headers: Record<string, string>) => {
      const res = await detail(pantry.serviceId, headers);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      return (res.json() as ServiceDetail).can_edit;
    };
    expect(await canEdit(admin.headers)).toBe(true);
    expect(await canEdit(member.headers)).toBe(false);
    expect(await canEdit(coordinator.headers)).toBe(true);
  });

  it("marks a listing nobody verified in 180 days since it arrived as stale", async () => {
    const body = (await detail(bare.serviceId)).json() as ServiceDetail;
    expect(body).toMatchObject({ stale: true, verified_at: null, locations: [] });
    const fresh = (await detail(longOne.serviceId)).json() as ServiceDetail;
    expect(fresh).toMatchObject({ stale: false, verified_at: null });
  });
});

describe("the text version", () => {
  it("gives name, today's hours, address, phone and access notes in one SMS", async () => {
    expect(await text(pantry.serviceId, "en")).toBe(
      [
        "Despensa Comunitaria San José",
        "Open today 9:00-12:00",
        "1 Main St, San Mateo, CA 94401",
        "+1 650-555-0100",
        "No ID needed. Free",
      ].join("\n"),
    );
    expect(await text(pantry.serviceId, "es")).toBe(
      [
        "Despensa Comunitaria San José",
        "Abierto hoy 9:00-12:00",
        "1 Main St, San Mateo, CA 94401",
        "+1 650-555-0100",
        "Sin identificacion. Gratis",
      ].join("\n"),
    );
  });

  it("says when it opens next once today's hours are over", async () => {
    t.advance(3 * 3_600_000); // 13:30
    try {
      expect(await text(pantry.serviceId, "en")).toContain("Opens Fri 14:00-17:00");
      expect(await text(pantry.serviceId, "es")).toContain("Abre vie 14:00-17:00");
    } finally {
      t.advance(-3 * 3_600_000);
    }
  });

  it("never exceeds one SMS, however long the listing", async () => {
    for (const lang of ["en", "es"] as const) {
      const body = await text(longOne.serviceId, lang);
      expect(toGsm7(body)).toBe(body);
      expect(gsm7Length(body)).toBeLessThanOrEqual(SMS_LIMIT);
      expect(body).toContain("...");
      expect(body.split("\n")[2]).toMatch(/^12345 Avenida de los Trabajadores Agricolas/);
    }
    expect(await text(bare.serviceId, "en")).toBe("Phone Line\nCall for hours");
  });

  it("transliterates what GSM-7 lacks and counts extension characters twice", () => {
    expect(toGsm7("Atención médica: niños “sí” — ¿qué?")).toBe(
      'Atencion médica: niños "si" - ¿qué?',
    );
    expect(gsm7Length("a[b]€")).toBe(8);
  });
});
