// Offers end to end through HTTP: public offering, the offerer's status link and withdrawal,
// the group's list and one offer per role (with the reveal log), and recording uses.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { translate } from "../../lib/i18n";
import { auditLog, revealLog } from "../audit/schema";
import { exchangeRecords, offers } from "../exchange/schema";
import { createGroup, freshAddressPoster, tokenOf } from "../exchange/testkit";

let t: TestApp;
let groupA: string;
let groupB: string;
const people: Record<string, Person> = {};

/** Each call comes from its own address unless told, so the per-IP limit bites only where meant. */
const post = freshAddressPoster(() => t, "10.2");

const offer = (
  body: Record<string, unknown>,
  options?: Parameters<typeof post>[2],
  group = groupA,
) => post(`/api/v1/groups/${group}/offers`, body, options);

const VALID = {
  category: "ride",
  description: "I can drive people to the clinic",
  contact: { channel: "none" },
};

const PRIVATE = {
  category: "ride",
  kind: "ongoing",
  description: "Rides to the clinic on Tuesdays",
  availability: "Tuesday mornings",
  languages: ["es", "en"],
  location: { lat: 37.5585, lng: -122.2711, text: "Calle 3 y Avenida B" },
  contact: { name: "Luis", phone: "+1 650 555 0199", channel: "sms" },
};

const offerCount = async () =>
  Number((await t.database.db.select({ n: count() }).from(offers))[0]?.n ?? 0);
const rowOf = async (id: string) =>
  (await t.database.db.select().from(offers).where(eq(offers.id, id)))[0];

/** Posts a valid offer and answers its id and token. */
async function posted(body: Record<string, unknown> = VALID) {
  const res = await offer(body);
  expect(res.statusCode).toBe(201);
  const json = res.json();
  return { id: json.id as string, token: tokenOf(json.statusUrl) };
}

const use = (groupId: string, offerId: string, who: Person | null, payload: unknown = {}) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/offers/${offerId}/use`,
    payload: payload as Record<string, unknown>,
    headers: who?.headers,
  });

beforeAll(async () => {
  t = await createTestApp();
  const admin = await networkAdmin(t);
  const create = (name: string) => createGroup(t, admin, name);
  groupA = await create("Ofertas A");
  groupB = await create("Ofertas B");
  people.other = await createPerson(t, { groups: { [groupB]: "coordinator" } });
  people.member = await createPerson(t, { groups: { [groupA]: "member" } });
  people.volunteer = await createPerson(t, { groups: { [groupA]: "volunteer" } });
  people.coordinator = await createPerson(t, { groups: { [groupA]: "coordinator" } });
  people.admin = await createPerson(t, { groups: { [groupA]: "admin" } });
  people.networkAdmin = await createPerson(t, { networkAdmin: true });
});

afterAll(async () => {
  await t.app.close();
});

describe("offering help and the status link", () => {
  it("an anonymous neighbour offers an ongoing ride; only the link holds the token", async () => {
    const res = await offer(PRIVATE, { headers: { "accept-language": "es" } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.statusUrl).toMatch(/\/offer-status#[A-Za-z0-9_-]{43}$/);
    expect(body.shortCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(body.status).toBe("open");
    const row = await rowOf(body.id);
    expect(row).toMatchObject({
      kind: "ongoing",
      status: "open",
      uses: 0,
      source: "form",
      offererId: null,
      contactPhone: "+1 650 555 0199",
      lat: 37.5585,
      locationText: "Calle 3 y Avenida B",
      languages: ["es", "en"],
    });
    expect(row?.h3r8).toMatch(/^[0-9a-f]{15}$/);
    expect(row?.contactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.statusTokenHash).not.toContain(tokenOf(body.statusUrl));

    const status = await post("/api/v1/offers/status", { token: tokenOf(body.statusUrl) });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      id: body.id,
      group: { id: groupA, name: "Ofertas A" },
      shortCode: body.shortCode,
      kind: "ongoing",
      status: "open",
      uses: 0,
      availability: "Tuesday mornings",
      location: { lat: 37.5585, lng: -122.2711, text: "Calle 3 y Avenida B" },
      contact: { name: "Luis", phone: "+1 650 555 0199", channel: "sms", email: null },
    });
    expect(status.headers["cache-control"]).toBe("no-store");
  });

  it("a member offers from their account; the offer is theirs and defaults to once in their language", async () => {
    const res = await offer(VALID, {
      headers: { ...people.member?.headers, "accept-language": "es" },
    });
    expect(res.statusCode).toBe(201);
    const row = await rowOf(res.json().id);
    expect(row).toMatchObject({
      offererId: people.member?.id,
      source: "member",
      kind: "once",
      languages: ["es"],
    });
  });

  it("the offerer withdraws through the link; withdrawing again is a translated 409", async () => {
    const { id, token } = await posted();
    const res = await post("/api/v1/offers/status/withdraw", { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: "withdrawn" });
    expect((await rowOf(id))?.closedAt).not.toBeNull();
    const again = await post(
      "/api/v1/offers/status/withdraw",
      { token },
      { headers: { "accept-language": "es" } },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: "offer_closed",
      title: translate("es", "problem.offer_closed.title"),
    });
  });

  it("a forged, malformed or missing token is the same translated 404 and changes nothing", async () => {
    const { id } = await posted();
    const forged = "A".repeat(43);
    for (const token of [forged, "short", `${forged}!`]) {
      for (const url of ["/api/v1/offers/status", "/api/v1/offers/status/withdraw"]) {
        const res = await post(url, { token }, { headers: { "accept-language": "es" } });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({
          code: "offer_link_invalid",
          title: translate("es", "problem.offer_link_invalid.title"),
        });
      }
    }
    expect((await rowOf(id))?.status).toBe("open");
    const none = await post("/api/v1/offers/status", {});
    expect(none.statusCode).toBe(400);
  });
});

describe("bad input", () => {
  it("is refused with a translated 4xx and nothing is written", async () => {
    const before = await offerCount();
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ ...VALID, description: "" }, 400, "description"],
      [{ ...VALID, description: "   " }, 400, "description"],
      [{ ...VALID, description: "x".repeat(100_000) }, 400, "description"],
      [{ ...VALID, location: { lat: 100, lng: 3 } }, 400, "location.lat"],
      [{ ...VALID, location: { lat: 40 } }, 400, "location.lng"],
      [{ ...VALID, category: "weapons" }, 400, "category"],
      [{ ...VALID, kind: "forever" }, 400, "kind"],
      [{ ...VALID, contact: { channel: "sms" } }, 400, "contact.phone"],
      [{ ...VALID, availability: "x".repeat(301) }, 400, "availability"],
      [{ ...VALID, status: "used" }, 400, null],
      [{ ...VALID, uses: 5 }, 400, null],
    ];
    for (const [body, status, field] of cases) {
      const res = await offer(body, { headers: { "accept-language": "es" } });
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      const problem = res.json();
      expect(problem.title).toBe(translate("es", "problem.validation_failed.title"));
      if (field) {
        expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(
          `#/${field.replace(".", "/")}`,
        );
      }
    }
    expect(await offerCount()).toBe(before);
  });

  it("a filled honeypot is refused", async () => {
    const before = await offerCount();
    const res = await offer({ ...VALID, website: "http://spam.example" });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("spam_suspected");
    expect(await offerCount()).toBe(before);
  });

  it("an unknown group is a 404; an address offering too often is limited", async () => {
    const missing = await offer(VALID, {}, "0190a000-0000-7000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await offer(VALID, { ip: "10.9.9.9" })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe("the group's offers, per role", () => {
  const SENSITIVE = ["location", "contact", "shortCode"];

  it("volunteers list open offers with filters and public fields only", async () => {
    const ride = await posted({ ...PRIVATE, languages: ["es"] });
    const meal = await posted({
      ...VALID,
      category: "meals",
      kind: "once",
      languages: ["en"],
      contact: { email: "cook@example.org", channel: "email" },
    });
    const gone = await posted({ ...VALID, category: "meals" });
    await post("/api/v1/offers/status/withdraw", { token: gone.token });
    const list = async (query: string, who = people.volunteer) => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/groups/${groupA}/offers${query}`,
        headers: who?.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json().offers as Record<string, unknown>[];
    };
    const all = await list("");
    const ids = all.map((o) => o.id);
    expect(ids).toContain(ride.id);
    expect(ids).toContain(meal.id);
    expect(ids).not.toContain(gone.id);
    for (const o of all) {
      for (const key of [...SENSITIVE, "lat", "lng", "contactPhone", "offererId"]) {
        expect(o).not.toHaveProperty(key);
      }
    }
    const body = JSON.stringify(all);
    expect(body).not.toContain("555 0199");
    expect(body).not.toContain("cook@example.org");
    expect(body).not.toContain("Calle 3");
    const meals = await list("?category=meals");
    expect(meals.map((o) => o.id)).toEqual([meal.id]);
    expect((await list("?kind=ongoing")).every((o) => o.kind === "ongoing")).toBe(true);
    expect((await list("?language=en")).map((o) => o.id)).toContain(meal.id);
    expect((await list("?language=en")).map((o) => o.id)).not.toContain(ride.id);
    const bad = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/offers?category=weapons`,
      headers: people.volunteer?.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it("anonymous, other groups and members are refused; volunteers see one offer without contact; coordinators see it, logged", async () => {
    const { id } = await posted(PRIVATE);
    const url = `/api/v1/groups/${groupA}/offers/${id}`;
    const get = (who?: Person) => t.app.inject({ method: "GET", url, headers: who?.headers });
    expect((await get()).statusCode).toBe(401);
    expect((await get(people.other)).statusCode).toBe(403);
    expect((await get(people.member)).statusCode).toBe(403);
    for (const who of [people.other, people.member]) {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/groups/${groupA}/offers`,
        headers: who?.headers,
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain("555 0199");
    }
    const seen = await get(people.volunteer);
    expect(seen.statusCode).toBe(200);
    for (const key of SENSITIVE) expect(seen.json()).not.toHaveProperty(key);
    expect(seen.body).not.toContain("555 0199");
    expect(seen.body).not.toContain("Calle 3");

    const reveals = (who: Person) =>
      t.database.db.select().from(revealLog).where(eq(revealLog.viewerId, who.id));
    expect(await reveals(people.volunteer as Person)).toEqual([]);
    for (const who of [people.coordinator, people.admin, people.networkAdmin] as Person[]) {
      const res = await get(who);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        contact: { name: "Luis", phone: "+1 650 555 0199", channel: "sms" },
        location: { lat: 37.5585, text: "Calle 3 y Avenida B" },
      });
      const logged = (await reveals(who)).filter((r) => r.subjectId === id);
      expect(logged.map((r) => r.field).sort()).toEqual([
        "location",
        "location_text",
        "name",
        "phone",
      ]);
      expect(logged[0]).toMatchObject({ subjectType: "offer", reason: "offer:coordinator" });
    }
    // An offer of another group is not found through this one.
    const bOffer = (await offer(VALID, {}, groupB)).json().id as string;
    const cross = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/offers/${bOffer}`,
      headers: people.coordinator?.headers,
    });
    expect(cross.statusCode).toBe(404);
    expect(cross.json().code).toBe("offer_not_found");
  });
});

describe("using an offer", () => {
  it("an ongoing offer stays open and counts its uses; the record names giver, receiver and what moved", async () => {
    const { id, token } = await offer(PRIVATE, { headers: people.volunteer?.headers }).then(
      (r) => ({ id: r.json().id as string, token: tokenOf(r.json().statusUrl) }),
    );
    const need = (
      await post(
        `/api/v1/groups/${groupA}/needs`,
        {
          category: "ride",
          description: "A ride to the clinic",
          contact: { channel: "none" },
        },
        { headers: people.member?.headers },
      )
    ).json();
    const first = await use(groupA, id, people.coordinator as Person, {
      needId: need.id,
      minutes: 45,
      goods: "Ride to the clinic",
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().offer).toMatchObject({ id, status: "open", uses: 1 });
    const second = await use(groupA, id, people.coordinator as Person, {
      amount: 5,
      currency: "usd",
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().offer).toMatchObject({ status: "open", uses: 2 });
    const records = await t.database.db
      .select()
      .from(exchangeRecords)
      .where(eq(exchangeRecords.offerId, id));
    expect(records).toHaveLength(2);
    const withNeed = records.find((r) => r.needId === need.id);
    expect(withNeed).toMatchObject({
      giverId: people.volunteer?.id,
      receiverId: people.member?.id,
      recordedBy: people.coordinator?.id,
      category: "ride",
      minutes: 45,
      goods: "Ride to the clinic",
    });
    expect(records.find((r) => r.needId === null)).toMatchObject({
      amountCents: 500,
      currency: "USD",
      receiverId: null,
    });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action)).toEqual(["offer.used", "offer.used"]);
    const status = await post("/api/v1/offers/status", { token });
    expect(status.json()).toMatchObject({ status: "open", uses: 2 });
  });

  it("a once offer is used up; using it or a withdrawn one again is a translated 409 that changes nothing", async () => {
    const { id } = await posted({ ...VALID, kind: "once" });
    const res = await use(groupA, id, people.admin as Person);
    expect(res.statusCode).toBe(200);
    expect(res.json().offer).toMatchObject({ status: "used", uses: 1 });
    expect((await rowOf(id))?.closedAt).not.toBeNull();
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${groupA}/offers/${id}/use`,
      payload: {},
      headers: { ...people.coordinator?.headers, "accept-language": "es" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe(translate("es", "problem.offer_closed.title"));
    const withdrawn = await posted();
    await post("/api/v1/offers/status/withdraw", { token: withdrawn.token });
    expect((await use(groupA, withdrawn.id, people.coordinator as Person)).statusCode).toBe(409);
    const records = await t.database.db
      .select()
      .from(exchangeRecords)
      .where(eq(exchangeRecords.offerId, id));
    expect(records).toHaveLength(1);
    expect((await rowOf(id))?.uses).toBe(1);
    expect((await rowOf(withdrawn.id))?.uses).toBe(0);
  });

  it("two parallel uses of a once offer: exactly one wins", async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await posted({ ...VALID, kind: "once" });
      const results = await Promise.all([
        use(groupA, id, people.coordinator as Person, { minutes: 30 }),
        use(groupA, id, people.admin as Person, { minutes: 30 }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await rowOf(id)).toMatchObject({ status: "used", uses: 1 });
      const records = await t.database.db
        .select()
        .from(exchangeRecords)
        .where(eq(exchangeRecords.offerId, id));
      expect(records).toHaveLength(1);
    }
  });

  it("only coordinators record uses; a need of another group, bad amounts and foreign offers are refused", async () => {
    const { id } = await posted({ ...VALID, kind: "once" });
    expect((await use(groupA, id, null)).statusCode).toBe(401);
    expect((await use(groupA, id, people.volunteer as Person)).statusCode).toBe(403);
    expect((await use(groupA, id, people.other as Person)).statusCode).toBe(403);
    const needB = (
      await post(`/api/v1/groups/${groupB}/needs`, {
        category: "ride",
        description: "Elsewhere",
        contact: { channel: "none" },
      })
    ).json();
    const foreign = await use(groupA, id, people.coordinator as Person, { needId: needB.id });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe("offer_need_not_found");
    const refusals: [Record<string, unknown>, string | null][] = [
      [{ amount: 5 }, "offer_amount_currency"],
      [{ currency: "USD" }, "offer_amount_currency"],
      [{ amount: 5.555, currency: "USD" }, "offer_amount_cents"],
      [{ amount: 5, currency: "dollars" }, "offer_currency"],
      [{ minutes: -5 }, null],
      [{ minutes: 1.5 }, null],
      [{ goods: "x".repeat(301) }, null],
      [{ needId: "not-a-uuid" }, null],
      [{ uses: 3 }, null],
    ];
    for (const [body, message] of refusals) {
      const res = await use(groupA, id, people.coordinator as Person, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (message) expect(res.json().errors[0].detail).toBe(translate("en", `field.${message}`));
    }
    const bOffer = (await offer(VALID, {}, groupB)).json().id as string;
    expect((await use(groupA, bOffer, people.coordinator as Person)).statusCode).toBe(404);
    expect(await rowOf(id)).toMatchObject({ status: "open", uses: 0 });
    expect((await rowOf(bOffer))?.uses).toBe(0);
  });
});
