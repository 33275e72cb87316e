// The shareable list: counts by H3 r7 area for anyone, areas under the group's anonymityK only
// counted, and nothing about a person in either format.
import { latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { createGroup } from "./testkit";

let t: TestApp;
let admin: Person;

// Three points about 3 km apart along a meridian near 37.55,-122.31: three r7 cells.
const A = { lat: 37.55, lng: -122.31 };
const B = { lat: 37.58, lng: -122.31 };
const C = { lat: 37.52, lng: -122.31 };

const PERSONAL = {
  name: "Rosa Quintana",
  phone: "+1 650 555 0199",
  email: "rosa.quintana@example.org",
  description: "Knock twice, the bell is broken",
  place: "Calle Falsa 123",
  notes: "Lives with her grandson",
};

const group = (name: string, settings: Record<string, unknown>) =>
  createGroup(t, admin, name, { settings, timeZone: "America/Los_Angeles" });

/** Posts a need through the public intake; answers its id and short code. */
async function newNeed(
  groupId: string,
  at: { lat: number; lng: number } | null,
  fields: { category?: string; urgency?: string } = {},
): Promise<{ id: string; shortCode: string }> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    payload: {
      category: fields.category ?? "groceries",
      description: `${PERSONAL.description} ${Math.random()}`,
      urgency: fields.urgency ?? "normal",
      location: at ? { ...at, text: PERSONAL.place } : { text: PERSONAL.place },
      contact: {
        name: PERSONAL.name,
        phone: PERSONAL.phone,
        email: PERSONAL.email,
        channel: "sms",
      },
      sensitiveNotes: PERSONAL.notes,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const shared = (groupId: string, query = "", headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url: `/api/v1/groups/${groupId}/needs/shared${query}`, headers });

let g: string;
let posted: { id: string; shortCode: string }[];

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  admin = await networkAdmin(t);
  g = await group("Despensa Comunitaria", { anonymityK: 3, maxOpenClaimsPerVolunteer: 10 });
  const volunteer = await createPerson(t, { groups: { [g]: "volunteer" } });
  posted = [];
  // A: three waiting (one urgent) and one claimed, which is not waiting any more.
  posted.push(await newNeed(g, A, { urgency: "urgent" }));
  posted.push(await newNeed(g, A, { category: "meals" }));
  posted.push(await newNeed(g, A, { category: "ride", urgency: "high" }));
  const claimed = await newNeed(g, A);
  posted.push(claimed);
  const claim = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${g}/needs/${claimed.id}/claim`,
    headers: volunteer.headers,
  });
  expect(claim.statusCode).toBe(200);
  // B: two, C: one (both under k = 3); three without a point.
  posted.push(await newNeed(g, B), await newNeed(g, B), await newNeed(g, C));
  posted.push(await newNeed(g, null), await newNeed(g, null), await newNeed(g, null));
  t.advance(3 * 3600 * 1000 + 60_000);
});

afterAll(async () => {
  await t.app.close();
});

function expectNothingPersonal(body: string) {
  for (const value of Object.values(PERSONAL)) expect(body).not.toContain(value);
  expect(body).not.toContain("Rosa");
  expect(body).not.toContain("555");
  expect(body).not.toContain("37.5");
  expect(body).not.toContain("-122.");
  for (const need of posted) {
    expect(body).not.toContain(need.id);
    expect(body).not.toContain(need.shortCode);
  }
}

describe("the shareable list", () => {
  it("the three r7 test points are three cells", () => {
    expect(new Set([A, B, C].map((p) => latLngToCell(p.lat, p.lng, 7))).size).toBe(3);
  });

  it("anyone sees waiting needs by area; areas under anonymityK are only counted", async () => {
    const res = await shared(g);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body.group).toEqual({ name: "Despensa Comunitaria" });
    expect(Math.abs(Date.parse(body.generatedAt) - t.now().getTime())).toBeLessThan(5_000);
    expect(body.hiddenAreas).toBe(2);
    expect(body.areas).toEqual([
      {
        cell: latLngToCell(A.lat, A.lng, 7),
        count: 3,
        needs: [
          { category: "groceries", urgency: "urgent", waitingHours: 3 },
          { category: "ride", urgency: "high", waitingHours: 3 },
          { category: "meals", urgency: "normal", waitingHours: 3 },
        ],
      },
      {
        cell: null,
        count: 3,
        needs: Array(3).fill({ category: "groceries", urgency: "normal", waitingHours: 3 }),
      },
    ]);
    expectNothingPersonal(res.body);
  });

  it("a place-not-given bucket under k is hidden and counted too", async () => {
    const small = await group(`Small ${Math.random()}`, { anonymityK: 2 });
    await newNeed(small, A);
    await newNeed(small, A);
    await newNeed(small, null);
    const body = (await shared(small)).json();
    expect(body.areas.map((a: { cell: string | null }) => a.cell)).toEqual([
      latLngToCell(A.lat, A.lng, 7),
    ]);
    expect(body.hiddenAreas).toBe(1);
  });

  it("as text: plain, ready to paste, and nothing personal", async () => {
    const res = await shared(g, "?format=text", { "accept-language": "en" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toMatch(/^Needs waiting in Despensa Comunitaria — /);
    expect(res.body).toContain("• Groceries (urgent, today), waiting 3 h");
    expect(res.body).toContain("• Ride (today or tomorrow), waiting 3 h");
    expect(res.body).toContain("Place not given: 3 waiting");
    expect(res.body).toContain(": 2");
    expectNothingPersonal(res.body);
  });

  it("as text in Spanish, in the request's language", async () => {
    const res = await shared(g, "?format=text", { "accept-language": "es-MX,es;q=0.9" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^Necesidades en espera en Despensa Comunitaria — /);
    expect(res.body).toContain("• Víveres (urgente, hoy), esperando 3 h");
    expect(res.body).toContain("• Transporte (hoy o mañana), esperando 3 h");
    expect(res.body).toContain("Lugar no indicado: 3 en espera");
    expectNothingPersonal(res.body);
  });

  it("an unknown group is 404; a bad format is 400", async () => {
    expect((await shared("0190f0f0-0000-7000-8000-000000000000")).statusCode).toBe(404);
    expect((await shared(g, "?format=xml")).statusCode).toBe(400);
  });
});
