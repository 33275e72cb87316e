// Public intake, the requester's status link and the group's per-role view of one need.
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person, signedInAs } from "../../../test/people";
import { translate } from "../../lib/i18n";
import { revealLog } from "../audit/schema";
import { jobs } from "../jobs/schema";
import { needEvents, needs } from "./schema";
import { claimNeed, needHistory } from "./store";
import { createGroup, freshAddressPoster, tokenOf } from "./testkit";

let t: TestApp;
let groupA: string;
let groupB: string;
const people: Record<string, Person> = {};

/** Each call comes from its own address unless told, so the per-IP limit bites only where meant. */
const post = freshAddressPoster(() => t, "10.1");

const intake = (
  body: Record<string, unknown>,
  options?: Parameters<typeof post>[2],
  group = groupA,
) => post(`/api/v1/groups/${group}/needs`, body, options);

const VALID = {
  category: "groceries",
  description: "Food for my family this week",
  contact: { channel: "none" },
};

const needCount = async () =>
  Number((await t.database.db.select({ n: count() }).from(needs))[0]?.n ?? 0);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await networkAdmin(t);
  const create = (name: string) => createGroup(t, admin, name);
  groupA = await create("Ayuda Mutua A");
  groupB = await create("Ayuda Mutua B");
  people.other = await createPerson(t, { groups: { [groupB]: "coordinator" } });
  people.member = await createPerson(t, { groups: { [groupA]: "member" } });
  people.volunteer = await createPerson(t, { groups: { [groupA]: "volunteer" } });
  people.claimer = await createPerson(t, { groups: { [groupA]: "volunteer" } });
  people.coordinator = await createPerson(t, { groups: { [groupA]: "coordinator" } });
  people.admin = await createPerson(t, { groups: { [groupA]: "admin" } });
  people.networkAdmin = await createPerson(t, { networkAdmin: true });
});

afterAll(async () => {
  await t.app.close();
});

describe("public intake and the status link", () => {
  it("an anonymous neighbour asks in Spanish; the status link shows it, and only the link holds the token", async () => {
    const res = await intake(
      {
        category: "medication_pickup",
        description: "  Necesito que alguien recoja mis medicinas en la farmacia  ",
        urgency: "high",
        householdSize: 2,
        languages: ["es"],
        location: { lat: 37.5585, lng: -122.2711, text: "Calle 3 y Avenida B" },
        contact: { name: "Rosa", phone: "+1 650 555 0101", channel: "sms" },
        sensitiveNotes: "Tengo diabetes",
      },
      { headers: { "accept-language": "es" } },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["id", "shortCode", "status", "statusUrl"]);
    expect(body.status).toBe("new");
    expect(body.shortCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(body.statusUrl).toMatch(
      new RegExp(`^${t.app.config.publicUrl}/status#[A-Za-z0-9_-]{43}$`),
    );
    const token = tokenOf(body.statusUrl);

    const [row] = await t.database.db.select().from(needs).where(eq(needs.id, body.id));
    expect(row).toMatchObject({
      groupId: groupA,
      description: "Necesito que alguien recoja mis medicinas en la farmacia",
      requesterId: null,
      h3r8: expect.stringMatching(/^88/),
      h3r7: expect.stringMatching(/^87/),
      h3r9: expect.stringMatching(/^89/),
    });
    expect(row?.statusTokenHash).not.toContain(token);
    expect(row?.contactHash).toMatch(/^[0-9a-f]{64}$/);

    const status = await post("/api/v1/needs/status", { token });
    expect(status.statusCode).toBe(200);
    expect(status.headers["cache-control"]).toBe("no-store");
    const view = status.json();
    expect(view).toMatchObject({
      id: body.id,
      group: { id: groupA, name: "Ayuda Mutua A" },
      shortCode: body.shortCode,
      status: "new",
      category: "medication_pickup",
      urgency: "high",
      claimed: false,
      location: { lat: 37.5585, lng: -122.2711, text: "Calle 3 y Avenida B" },
      contact: { name: "Rosa", phone: "+1 650 555 0101", email: null, channel: "sms" },
    });
    expect(view.history).toEqual([
      { action: "post", toStatus: "new", createdAt: expect.any(String), byYou: true },
    ]);
    expect(JSON.stringify(view)).not.toContain("Tengo diabetes");
  });

  it("a signed-in person who asks is recorded as the requester", async () => {
    const res = await intake(VALID, { headers: people.member?.headers });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(needs).where(eq(needs.id, res.json().id));
    expect(row?.requesterId).toBe(people.member?.id);
  });

  it("refuses bad input with a translated problem and changes nothing", async () => {
    const before = await needCount();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...VALID, description: "   " }, 400, "#/description", "required"],
      [{ ...VALID, description: "x".repeat(100_000) }, 400, "#/description", "too_big"],
      [{ ...VALID, location: { lat: 100, lng: 0 } }, 400, "#/location/lat", "too_big"],
      [{ ...VALID, location: { lat: 10 } }, 400, "#/location/lng", "point_incomplete"],
      [{ ...VALID, category: "jetpack" }, 400, "#/category", "invalid_value"],
      [{ ...VALID, contact: { channel: "email" } }, 400, "#/contact/email", "email_required"],
      [{ ...VALID, contact: { channel: "sms" } }, 400, "#/contact/phone", "phone_required"],
      [
        {
          ...VALID,
          windowStart: "2026-03-02T10:00:00Z",
          windowEnd: "2026-03-02T09:00:00Z",
        },
        400,
        "#/windowEnd",
        "window_order",
      ],
      [{ ...VALID, householdSize: 31 }, 400, "#/householdSize", "too_big"],
      [{ ...VALID, surprise: 1 }, 400, "#/surprise", "unrecognized_key"],
    ];
    for (const [body, status, pointer, code] of cases) {
      const res = await intake(body, { headers: { "accept-language": "es" } });
      expect(res.statusCode, pointer).toBe(status);
      const problem = res.json();
      expect(problem.code).toBe("validation_failed");
      expect(problem.title).toBe(translate("es", "problem.validation_failed.title"));
      expect(problem.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    }
    const email = await intake(
      { ...VALID, contact: { channel: "email" } },
      { headers: { "accept-language": "es" } },
    );
    expect(email.json().errors[0].detail).toBe(translate("es", "field.contact_email_required"));

    const honeypot = await intake({ ...VALID, website: "http://spam.example" });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.json().code).toBe("spam_suspected");

    const missingGroup = await intake(VALID, {}, "00000000-0000-7000-8000-000000000000");
    expect(missingGroup.statusCode).toBe(404);
    expect(await needCount()).toBe(before);
  });

  it("a forged, malformed or missing status token is the same translated 404", async () => {
    for (const token of ["A".repeat(43), "nope", "../../etc"]) {
      const res = await post(
        "/api/v1/needs/status",
        { token },
        { headers: { "accept-language": "es" } },
      );
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        code: "status_link_invalid",
        title: translate("es", "problem.status_link_invalid.title"),
      });
    }
    const cancel = await post("/api/v1/needs/status/cancel", { token: "B".repeat(43) });
    expect(cancel.statusCode).toBe(404);
  });

  it("the requester cancels through the link; history says so; a second cancel is 409", async () => {
    const created = (await intake(VALID)).json();
    const token = tokenOf(created.statusUrl);
    const res = await post("/api/v1/needs/status/cancel", { token, reason: "Ya me ayudaron" });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("cancelled");
    expect(res.json().history.map((h: { action: string }) => h.action)).toEqual(["post", "cancel"]);
    const history = await needHistory(t.database.db, created.id);
    expect(history.at(-1)).toMatchObject({
      action: "cancel",
      fromStatus: "new",
      toStatus: "cancelled",
      actorKind: "requester",
      reason: "Ya me ayudaron",
    });
    const again = await post(
      "/api/v1/needs/status/cancel",
      { token },
      { headers: { "accept-language": "es" } },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: "need_closed",
      title: translate("es", "problem.need_closed.title"),
    });
    const events = await t.database.db
      .select({ n: count() })
      .from(needEvents)
      .where(eq(needEvents.needId, created.id));
    expect(Number(events[0]?.n)).toBe(2);
  });

  it("flags a possible duplicate by the same phone (in any format) within the group, without blocking it", async () => {
    const first = (
      await intake({
        ...VALID,
        description: "Need a ride to the clinic on Tuesday",
        contact: { phone: "+1 (650) 555-0199", channel: "phone" },
      })
    ).json();
    const second = await intake({
      ...VALID,
      category: "meals",
      description: "Something entirely different",
      contact: { phone: "1 650 555 0199", channel: "sms" },
    });
    expect(second.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(needs).where(eq(needs.id, second.json().id));
    expect(row?.duplicateOf).toBe(first.id);
    // Another group's need with the same phone is not a duplicate of this one.
    const elsewhere = (
      await intake({ ...VALID, contact: { phone: "+1 650 555 0199", channel: "sms" } }, {}, groupB)
    ).json();
    const [other] = await t.database.db.select().from(needs).where(eq(needs.id, elsewhere.id));
    expect(other?.duplicateOf).toBeNull();
  });

  it("flags very similar text in the same area, and not after 7 days", async () => {
    const place = { lat: 40.4168, lng: -3.7038 };
    const description = "Necesito pañales y leche para mi bebé de seis meses";
    const first = (await intake({ ...VALID, description, location: place })).json();
    const similar = (
      await intake({
        ...VALID,
        description: "Necesito pañales y leche para mi bebe de seis meses.",
        location: { lat: 40.4169, lng: -3.7037 },
      })
    ).json();
    const [row] = await t.database.db.select().from(needs).where(eq(needs.id, similar.id));
    expect(row?.duplicateOf).toBe(first.id);
    t.advance(8 * 24 * 3600 * 1000);
    const later = (await intake({ ...VALID, description, location: place })).json();
    const [late] = await t.database.db.select().from(needs).where(eq(needs.id, later.id));
    expect(late?.duplicateOf).toBeNull();
  });

  it("limits intake per address with the translated 429", async () => {
    const from = "10.200.0.1";
    for (let i = 0; i < 10; i++) {
      expect((await intake(VALID, { ip: from })).statusCode).toBe(201);
    }
    const before = await needCount();
    const res = await intake(VALID, { ip: from, headers: { "accept-language": "es" } });
    expect(res.statusCode).toBe(429);
    expect(res.headers["retry-after"]).toBeDefined();
    expect(res.json()).toMatchObject({
      code: "too_many_requests",
      title: translate("es", "problem.too_many_requests.title"),
    });
    expect(await needCount()).toBe(before);
    // Another address is not affected.
    expect((await intake(VALID, { ip: "10.200.0.2" })).statusCode).toBe(201);
  });
});

describe("one need, as each member of the group sees it", () => {
  const PUBLIC = [
    "ageMinutes",
    "category",
    "claimed",
    "claimedByYou",
    "createdAt",
    "description",
    "duplicateOf",
    "groupId",
    // The steps (no one's id; reasons only for those who see the contact).
    "history",
    "householdSize",
    "id",
    "languages",
    "place",
    "status",
    "urgency",
    "windowEnd",
    "windowStart",
  ];
  const CLAIMER = [...PUBLIC, "contact", "location"].sort();
  const COORDINATING = [...CLAIMER, "sensitiveNotes", "shortCode"].sort();
  let needId: string;

  const read = (who?: Person) =>
    t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs/${needId}`,
      headers: who?.headers,
    });

  async function revealsTo(who: Person) {
    return t.database.db
      .select()
      .from(revealLog)
      .where(eq(revealLog.viewerId, who.id))
      .then((rows) => rows.filter((r) => r.subjectId === needId));
  }

  beforeAll(async () => {
    // The duplicate test moved the clock past the sessions' idle expiry: sign everyone in again.
    for (const [key, who] of Object.entries(people)) people[key] = await signedInAs(t, who);
    const res = await intake({
      category: "ride",
      description: "A ride to the food bank on Saturday",
      urgency: "normal",
      location: { lat: 37.4848, lng: -122.2281, text: "Main St & 5th Ave" },
      contact: {
        name: "Luis",
        email: "luis@example.org",
        phone: "+1 650 555 0123",
        channel: "email",
      },
      sensitiveNotes: "Uses a wheelchair",
    });
    needId = res.json().id;
    const claimer = people.claimer as Person;
    const claimed = await claimNeed(
      t.database.db,
      needId,
      claimer.id,
      { claimExpiryHours: 72, maxOpenClaimsPerVolunteer: 5, intakeRequiresTriage: false },
      t.now(),
    );
    expect(claimed.ok).toBe(true);
  });

  it("anonymous is 401, another group's coordinator 403", async () => {
    expect((await read()).statusCode).toBe(401);
    expect((await read(people.other)).statusCode).toBe(403);
  });

  it("a need of another group is not found through this group", async () => {
    const elsewhere = (await intake(VALID, {}, groupB)).json();
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs/${elsewhere.id}`,
      headers: people.coordinator?.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("need_not_found");
  });

  it("members and other volunteers see the public fields only, and nothing is logged", async () => {
    for (const who of [people.member, people.volunteer] as Person[]) {
      const res = await read(who);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(PUBLIC);
      expect(body).toMatchObject({ claimed: true, claimedByYou: false, place: expect.any(String) });
      const text = JSON.stringify(body);
      for (const secret of ["luis@", "555 0123", "Main St", "wheelchair", "37.4848", "Luis"]) {
        expect(text).not.toContain(secret);
      }
      expect(await revealsTo(who)).toEqual([]);
    }
  });

  it("the volunteer holding the claim sees contact and place (logged), not the private notes", async () => {
    const claimer = people.claimer as Person;
    const body = (await read(claimer)).json();
    expect(Object.keys(body).sort()).toEqual(CLAIMER);
    expect(body).toMatchObject({
      claimedByYou: true,
      contact: {
        name: "Luis",
        email: "luis@example.org",
        phone: "+1 650 555 0123",
        channel: "email",
      },
      location: { lat: 37.4848, lng: -122.2281, text: "Main St & 5th Ave" },
    });
    const reveals = await revealsTo(claimer);
    expect(reveals.map((r) => r.field).sort()).toEqual([
      "email",
      "location",
      "location_text",
      "name",
      "phone",
    ]);
    expect(new Set(reveals.map((r) => r.reason))).toEqual(new Set(["need:claimer"]));
    expect(reveals[0]).toMatchObject({ subjectType: "need", groupId: groupA });
  });

  it("coordinators, admins and network admins see everything, each showing logged", async () => {
    const cases: [Person, string][] = [
      [people.coordinator as Person, "need:coordinator"],
      [people.admin as Person, "need:coordinator"],
      [people.networkAdmin as Person, "need:network_admin"],
    ];
    for (const [who, reason] of cases) {
      const body = (await read(who)).json();
      expect(Object.keys(body).sort()).toEqual(COORDINATING);
      expect(body.sensitiveNotes).toBe("Uses a wheelchair");
      expect(body.shortCode).toMatch(/^[2-9A-Z]{8}$/);
      const reveals = await revealsTo(who);
      expect(reveals.map((r) => r.field).sort()).toEqual([
        "email",
        "location",
        "location_text",
        "name",
        "phone",
        "sensitive_notes",
      ]);
      expect(new Set(reveals.map((r) => r.reason))).toEqual(new Set([reason]));
    }
  });

  it("cancelling a claimed need ends the claim: its volunteer then sees the public fields only", async () => {
    const claimer = people.claimer as Person;
    const created = (
      await intake({ ...VALID, contact: { email: "x@example.org", channel: "email" } })
    ).json();
    const claimed = await claimNeed(
      t.database.db,
      created.id,
      claimer.id,
      { claimExpiryHours: 72, maxOpenClaimsPerVolunteer: 5, intakeRequiresTriage: false },
      t.now(),
    );
    expect(claimed.ok).toBe(true);
    const token = tokenOf(created.statusUrl);
    expect((await post("/api/v1/needs/status", { token })).json().claimed).toBe(true);
    const cancelled = await post("/api/v1/needs/status/cancel", { token });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", claimed: false });
    if (!claimed.ok) throw new Error("unreachable");
    const pending = await t.database.db
      .select()
      .from(jobs)
      .where(
        inArray(jobs.dedupeKey, [
          `claim-reminder:${claimed.claimId}`,
          `claim-expiry:${claimed.claimId}`,
        ]),
      );
    expect(pending).toEqual([]);
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs/${created.id}`,
      headers: claimer.headers,
    });
    expect(Object.keys(res.json()).sort()).toEqual(PUBLIC);
    const all = await t.database.db
      .select()
      .from(revealLog)
      .where(eq(revealLog.subjectId, created.id));
    expect(all).toEqual([]);
  });
});
