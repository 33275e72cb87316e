// Keeping listings true, through the real HTTP API on a real database: corrections anyone may
// suggest, the stale flag, verifying, steward groups editing only their own listings.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person, signedInAs } from "../../../test/people";
import { auditLog } from "../audit/schema";
import { STALE_AFTER_DAYS } from "./contract";
import {
  directorySuggestions,
  hsdsAttribute,
  hsdsLanguage,
  hsdsPhone,
  hsdsSchedule,
  hsdsService,
  hsdsServiceCapacity,
} from "./schema";
import type { ListingDetail, ListingsResponse } from "./stewardship-contract";
import { TERM_BY_CODE } from "./taxonomy";
import { type SeededListing, seedListing } from "./testkit";

const DAY = 86_400_000;

let t: TestApp;
let admin: Person;
let groupA: string;
let groupB: string;
let coordinatorA: Person;
let coordinatorB: Person;
let memberA: Person;
let pantry: SeededListing;
let clinic: SeededListing;

async function createGroup(name: string): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/networks/${t.networkId}/groups`,
    headers: admin.headers,
    payload: { name, mode: "mutual_aid", timeZone: "America/Los_Angeles" },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

function call(
  method: "GET" | "POST" | "PATCH" | "PUT",
  url: string,
  who: Person | null,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url,
    ...(who ? { headers: who.headers } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function detailOf(serviceId: string, who: Person = admin): Promise<ListingDetail> {
  const res = await call("GET", `/api/v1/directory/listings?service=${serviceId}`, who);
  expect(res.statusCode).toBe(200);
  const body = res.json() as ListingsResponse;
  if (!body.detail) throw new Error("no detail");
  return body.detail;
}

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "100" } });
  admin = await networkAdmin(t);
  groupA = await createGroup("Despensa Norte");
  groupB = await createGroup("Clínica Sur");
  coordinatorA = await createPerson(t, { groups: { [groupA]: "coordinator" } });
  coordinatorB = await createPerson(t, { groups: { [groupB]: "coordinator" } });
  memberA = await createPerson(t, { groups: { [groupA]: "member" } });
  pantry = await seedListing(t.database.db, {
    name: "Northside Pantry",
    organization: { name: "Northside Church" },
    at: { lat: 37.56, lng: -122.32, name: "Church hall" },
    hours: [{ byday: "MO,WE", opens: "09:00", closes: "12:00" }],
    phone: "650-555-0100",
    languages: ["en"],
    terms: ["food_pantry", "no_id"],
  });
  clinic = await seedListing(t.database.db, {
    name: "Southside Clinic",
    organization: { name: "Southside Health" },
  });
});
afterAll(async () => {
  await t.app.close();
});

describe("suggesting a correction", () => {
  it("anyone, without an account, suggests a correction that waits for review", async () => {
    const res = await call(
      "POST",
      `/api/v1/directory/services/${pantry.serviceId}/suggestions`,
      null,
      {
        topic: "hours",
        message: "They now open on Saturdays 9-12.",
        email: "neighbour@example.org",
        language: "es",
      },
    );
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(directorySuggestions)
      .where(eq(directorySuggestions.id, res.json().id));
    expect(row).toMatchObject({
      service_id: pantry.serviceId,
      topic: "hours",
      email: "neighbour@example.org",
      language: "es",
      status: "open",
      suggested_by: null,
    });
  });

  it("refuses an unknown service with a translated 404", async () => {
    const res = t.app.inject({
      method: "POST",
      url: "/api/v1/directory/services/0190a0a0-0000-7000-8000-000000000000/suggestions",
      headers: { "accept-language": "es" },
      payload: { topic: "other", message: "Cerró" },
    });
    const reply = await res;
    expect(reply.statusCode).toBe(404);
    expect(reply.json()).toMatchObject({ code: "listing_unknown", title: "Listado no encontrado" });
  });

  it("refuses a filled honeypot, an empty message and a bad email, storing nothing", async () => {
    const before = await t.database.db.select().from(directorySuggestions);
    const url = `/api/v1/directory/services/${pantry.serviceId}/suggestions`;
    const spam = await call("POST", url, null, { topic: "other", message: "hi", website: "x" });
    expect(spam.json().code).toBe("spam_suspected");
    const empty = await call("POST", url, null, { topic: "other", message: "  " });
    expect(empty.statusCode).toBe(400);
    const email = await call("POST", url, null, { topic: "phone", message: "x", email: "nope" });
    expect(email.statusCode).toBe(400);
    expect(await t.database.db.select().from(directorySuggestions)).toHaveLength(before.length);
  });
});

describe("stewards", () => {
  it("a network admin makes a group the steward of an organization", async () => {
    const res = await call(
      "PUT",
      `/api/v1/directory/organizations/${pantry.organizationId}/steward`,
      admin,
      { groupId: groupA },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().steward_group).toEqual({ id: groupA, name: "Despensa Norte" });
    const unknown = await call(
      "PUT",
      `/api/v1/directory/organizations/${pantry.organizationId}/steward`,
      admin,
      { groupId: "0190a0a0-0000-7000-8000-000000000000" },
    );
    expect(unknown.json().code).toBe("steward_group_not_found");
  });

  it("a group's coordinators see only their own listings", async () => {
    const res = await call("GET", `/api/v1/groups/${groupA}/directory/listings`, coordinatorA);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ListingsResponse;
    expect(body.results.map((r) => r.name)).toEqual(["Northside Pantry"]);
    expect(body.results[0]?.open_suggestions).toBe(1);
    const other = await call("GET", `/api/v1/groups/${groupB}/directory/listings`, coordinatorB);
    expect((other.json() as ListingsResponse).results).toEqual([]);
  });

  it("a coordinator of another group, or a plain member, cannot edit or verify it", async () => {
    const before = await detailOf(pantry.serviceId);
    const edit = { updated_at: before.updated_at, name: "Taken over" };
    const other = await call(
      "PATCH",
      `/api/v1/groups/${groupB}/directory/services/${pantry.serviceId}`,
      coordinatorB,
      edit,
    );
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe("listing_not_stewarded");
    const verify = await call(
      "POST",
      `/api/v1/groups/${groupB}/directory/services/${pantry.serviceId}/verify`,
      coordinatorB,
    );
    expect(verify.statusCode).toBe(403);
    const member = await call(
      "PATCH",
      `/api/v1/groups/${groupA}/directory/services/${pantry.serviceId}`,
      memberA,
      edit,
    );
    expect(member.statusCode).toBe(403);
    expect((await detailOf(pantry.serviceId)).name).toBe("Northside Pantry");
  });
});

describe("editing a listing", () => {
  it("the steward's edit changes the listing in one go, verifies it and is audited", async () => {
    const before = await detailOf(pantry.serviceId);
    expect(before.places[0]?.hours_text).toBe("Mon, Wed 09:00-12:00");
    const res = await call(
      "PATCH",
      `/api/v1/groups/${groupA}/directory/services/${pantry.serviceId}`,
      coordinatorA,
      {
        updated_at: before.updated_at,
        name: "Northside Food Pantry",
        status: "temporarily closed",
        alert: "Closed for repairs this week",
        fees_description: "",
        phones: [{ number: "650-555-0199", type: "voice" }],
        languages: ["en", "es"],
        access: ["no_id", "walk_in"],
        closures: [{ from: "2026-12-24", to: "2026-12-26", note: "Holidays" }],
        capacity: { unit: "food_boxes", available: 12, maximum: 40 },
      },
    );
    expect(res.statusCode).toBe(200);
    const after = res.json() as ListingDetail;
    expect(after).toMatchObject({
      name: "Northside Food Pantry",
      status: "temporarily closed",
      alert: "Closed for repairs this week",
      fees_description: null,
      phones: [{ number: "650-555-0199", type: "voice", extension: null, description: null }],
      languages: ["en", "es"],
      closures: [{ from: "2026-12-24", to: "2026-12-26", note: "Holidays" }],
      capacity: { unit: "food boxes", available: 12, maximum: 40 },
      stale: false,
    });
    expect(after.access.sort()).toEqual(["no_id", "walk_in"]);
    expect(after.verified_at).not.toBeNull();
    // Category terms are not access terms: editing access keeps them.
    const terms = await t.database.db
      .select()
      .from(hsdsAttribute)
      .where(eq(hsdsAttribute.link_id, pantry.serviceId));
    expect(terms.map((a) => a.taxonomy_term_id)).toContain(TERM_BY_CODE.get("food_pantry")?.id);
    const [service] = await t.database.db
      .select()
      .from(hsdsService)
      .where(eq(hsdsService.id, pantry.serviceId));
    expect(service?.last_modified).not.toBeNull();
    expect(service?.mutuo_search_doc).toContain("northside food pantry");
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.targetId, pantry.serviceId),
          eq(auditLog.action, "directory.listing_edited"),
        ),
      );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: coordinatorA.id, groupId: groupA });
    expect(audits[0]?.details).toMatchObject({ fields: expect.arrayContaining(["capacity"]) });
  });

  it("an edit made on an older copy is refused with 409 and changes nothing", async () => {
    const current = await detailOf(pantry.serviceId);
    const stale = new Date(Date.parse(current.updated_at) - 60_000).toISOString();
    const res = await call("PATCH", `/api/v1/directory/services/${pantry.serviceId}`, admin, {
      updated_at: stale,
      name: "Overwritten",
      phones: [],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("listing_changed");
    const after = await detailOf(pantry.serviceId);
    expect(after.name).toBe(current.name);
    expect(after.phones).toHaveLength(1);
  });

  it("hours in words are read into the place's schedule, replacing the old hours", async () => {
    const current = await detailOf(pantry.serviceId);
    const res = await call(
      "PATCH",
      `/api/v1/groups/${groupA}/directory/services/${pantry.serviceId}`,
      coordinatorA,
      {
        updated_at: current.updated_at,
        hours: [
          { location_id: pantry.locationId, text: "Lunes a viernes de 9 a 5; sábados 10-14" },
        ],
      },
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as ListingDetail).places[0]?.hours_text).toBe(
      "Mon-Fri 09:00-17:00; Sat 10:00-14:00",
    );
    const rows = await t.database.db
      .select()
      .from(hsdsSchedule)
      .where(and(eq(hsdsSchedule.service_at_location_id, pantry.serviceAtLocationId as string)));
    expect(rows.map((r) => [r.byday, r.opens_at, r.closes_at]).sort()).toEqual([
      ["MO,TU,WE,TH,FR", "09:00", "17:00"],
      ["SA", "10:00", "14:00"],
    ]);
    // The service's old hours (it is offered at this one place) are gone; its closures stay.
    const own = await t.database.db
      .select()
      .from(hsdsSchedule)
      .where(eq(hsdsSchedule.service_id, pantry.serviceId));
    expect(own.every((r) => r.mutuo_closed)).toBe(true);
    expect(own).toHaveLength(1);
  });

  it("hours the parser cannot read are refused with the words, nothing changed", async () => {
    const current = await detailOf(pantry.serviceId);
    const schedulesBefore = await t.database.db.select().from(hsdsSchedule);
    const res = await call("PATCH", `/api/v1/directory/services/${pantry.serviceId}`, admin, {
      updated_at: current.updated_at,
      name: "Should not be saved",
      hours: [{ location_id: pantry.locationId, text: "whenever the volunteers feel like it" }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "hours_not_understood" });
    expect(res.json().detail).toContain("whenever the volunteers feel like it");
    expect((await detailOf(pantry.serviceId)).name).toBe(current.name);
    expect(await t.database.db.select().from(hsdsSchedule)).toHaveLength(schedulesBefore.length);
  });

  it("a closure that ends before it starts is refused with a translated field message", async () => {
    const current = await detailOf(pantry.serviceId);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/directory/services/${pantry.serviceId}`,
      headers: { ...admin.headers, "accept-language": "es" },
      payload: {
        updated_at: current.updated_at,
        closures: [{ from: "2026-12-26", to: "2026-12-24" }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: "#/closures/0/to",
        detail: "El último día de un cierre no puede ser anterior al primero.",
      }),
    ]);
    expect((await detailOf(pantry.serviceId)).closures).toEqual(current.closures);
  });

  it("hours at a place where the service is not offered are refused", async () => {
    const current = await detailOf(pantry.serviceId);
    const res = await call("PATCH", `/api/v1/directory/services/${pantry.serviceId}`, admin, {
      updated_at: current.updated_at,
      hours: [{ location_id: "0190a0a0-0000-7000-8000-000000000000", text: "Mon 9-5" }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("listing_place_unknown");
  });

  it("removing capacity, phones and languages leaves none behind", async () => {
    const current = await detailOf(pantry.serviceId);
    const res = await call("PATCH", `/api/v1/directory/services/${pantry.serviceId}`, admin, {
      updated_at: current.updated_at,
      capacity: null,
      phones: [],
      languages: [],
    });
    expect(res.statusCode).toBe(200);
    const db = t.database.db;
    expect(
      await db
        .select()
        .from(hsdsServiceCapacity)
        .where(eq(hsdsServiceCapacity.service_id, pantry.serviceId)),
    ).toEqual([]);
    expect(
      await db.select().from(hsdsPhone).where(eq(hsdsPhone.service_id, pantry.serviceId)),
    ).toEqual([]);
    expect(
      await db.select().from(hsdsLanguage).where(eq(hsdsLanguage.service_id, pantry.serviceId)),
    ).toEqual([]);
  });
});

describe("stale listings", () => {
  it(`a listing nobody verified for ${STALE_AFTER_DAYS} days is stale until someone verifies it`, async () => {
    const fresh = await call("GET", "/api/v1/directory/listings?stale=true", admin);
    expect((fresh.json() as ListingsResponse).results.map((r) => r.service_id)).not.toContain(
      clinic.serviceId,
    );
    t.advance((STALE_AFTER_DAYS + 1) * DAY);
    // Sessions do not last that long: sign in again.
    admin = await networkAdmin(t);
    coordinatorA = await signedInAs(t, coordinatorA);
    const later = await call("GET", "/api/v1/directory/listings?stale=true", admin);
    const staleIds = (later.json() as ListingsResponse).results.map((r) => r.service_id);
    // Never verified: counted from its import. Edited: counted from the edit.
    expect(staleIds).toContain(clinic.serviceId);
    expect(staleIds).toContain(pantry.serviceId);

    const verify = await call(
      "POST",
      `/api/v1/directory/services/${clinic.serviceId}/verify`,
      admin,
    );
    expect(verify.statusCode).toBe(200);
    expect(verify.json().stale).toBe(false);
    const after = await call("GET", "/api/v1/directory/listings?stale=true", admin);
    expect((after.json() as ListingsResponse).results.map((r) => r.service_id)).not.toContain(
      clinic.serviceId,
    );
    const own = await call(
      "POST",
      `/api/v1/groups/${groupA}/directory/services/${pantry.serviceId}/verify`,
      coordinatorA,
    );
    expect(own.statusCode).toBe(200);
    expect((await detailOf(pantry.serviceId)).stale).toBe(false);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "directory.listing_verified"));
    expect(audits.map((a) => a.actorId).sort()).toEqual([admin.id, coordinatorA.id].sort());
  });

  it("only network admins see every listing", async () => {
    expect((await call("GET", "/api/v1/directory/listings", coordinatorA)).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/directory/listings", null)).statusCode).toBe(401);
    const q = await call("GET", "/api/v1/directory/listings?q=southside", admin);
    expect((q.json() as ListingsResponse).results.map((r) => r.name)).toEqual(["Southside Clinic"]);
  });
});

describe("reviewing suggestions", () => {
  it("the steward group sees and reviews its listings' suggestions only, once", async () => {
    const mine = await call(
      "POST",
      `/api/v1/directory/services/${pantry.serviceId}/suggestions`,
      null,
      {
        topic: "phone",
        message: "The number is wrong",
      },
    );
    const theirs = await call(
      "POST",
      `/api/v1/directory/services/${clinic.serviceId}/suggestions`,
      null,
      {
        topic: "closed",
        message: "It closed",
      },
    );
    const queue = await call("GET", `/api/v1/groups/${groupA}/directory/suggestions`, coordinatorA);
    const ids = queue.json().results.map((s: { id: string }) => s.id);
    expect(ids).toContain(mine.json().id);
    expect(ids).not.toContain(theirs.json().id);
    expect(queue.json().results[0].status).toBe("open");

    const other = await call(
      "POST",
      `/api/v1/groups/${groupA}/directory/suggestions/${theirs.json().id}`,
      coordinatorA,
      { status: "dismissed" },
    );
    expect(other.statusCode).toBe(404);

    const accept = await call(
      "POST",
      `/api/v1/groups/${groupA}/directory/suggestions/${mine.json().id}`,
      coordinatorA,
      { status: "accepted", note: "Fixed the number" },
    );
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ status: "accepted", review_note: "Fixed the number" });
    const again = await call("POST", `/api/v1/directory/suggestions/${mine.json().id}`, admin, {
      status: "dismissed",
    });
    expect(again.statusCode).toBe(409);

    const all = await call("GET", "/api/v1/directory/suggestions?status=open", admin);
    const open = all.json().results as { id: string; email: string | null }[];
    expect(open.map((s) => s.id)).toContain(theirs.json().id);
    expect(open.map((s) => s.id)).not.toContain(mine.json().id);
    const dismissed = await call(
      "POST",
      `/api/v1/directory/suggestions/${theirs.json().id}`,
      admin,
      {
        status: "dismissed",
      },
    );
    expect(dismissed.json().status).toBe("dismissed");
  });
});
