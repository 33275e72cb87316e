// The board: who sees which needs, each filter, the order, and that no exact place leaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { memberships } from "../groups/schema";
import { createGroup } from "./testkit";

let t: TestApp;
let admin: Person;
let peer: string;
let dispatch: string;
let volunteer: Person;
let coordinator: Person;

const HOME = { lat: 37.5585, lng: -122.2711 };
// About 3 km north and about 20 km north of HOME.
const NEAR = { lat: 37.5855, lng: -122.2711 };
const FAR = { lat: 37.7385, lng: -122.2711 };

const group = (name: string, settings: Record<string, unknown>) =>
  createGroup(t, admin, name, { settings });

async function newNeed(
  groupId: string,
  fields: {
    category?: string;
    urgency?: string;
    languages?: string[];
    at?: { lat: number; lng: number };
  } = {},
): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    payload: {
      category: fields.category ?? "groceries",
      description: `A need ${Math.random()}`,
      urgency: fields.urgency ?? "normal",
      languages: fields.languages ?? ["en"],
      location: fields.at ?? { text: "Main and 3rd" },
      contact: { name: "Rosa", phone: "+1 650 555 0101", channel: "sms" },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function board(person: Person, groupId: string, query = "") {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/groups/${groupId}/needs${query}`,
    headers: person.headers,
  });
  return res;
}

const ids = async (person: Person, groupId: string, query = "") => {
  const res = await board(person, groupId, query);
  expect(res.statusCode).toBe(200);
  return (res.json().needs as { id: string }[]).map((n) => n.id);
};

const post = (person: Person, groupId: string, needId: string, action: string) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs/${needId}/${action}`,
    headers: person.headers,
  });

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  admin = await networkAdmin(t);
  dispatch = await group("Dispatch", { intakeRequiresTriage: true });
  volunteer = await createPerson(t, { groups: { [dispatch]: "volunteer" } });
  coordinator = await createPerson(t, { groups: { [dispatch]: "coordinator" } });
});

afterAll(async () => {
  await t.app.close();
});

/** A fresh peer group per test, so each sees only its own needs. */
async function freshPeer(): Promise<string> {
  peer = await group(`Peer ${Math.random()}`, { maxOpenClaimsPerVolunteer: 100 });
  for (const [person, role] of [
    [volunteer, "volunteer"],
    [coordinator, "coordinator"],
  ] as const) {
    await t.database.db
      .insert(memberships)
      .values({ groupId: peer, userId: person.id, role, status: "active" });
  }
  return peer;
}

describe("the board", () => {
  it("volunteers see the queue; coordinators every open need; nobody closed ones; public fields only", async () => {
    const g = await freshPeer();
    const waiting = await newNeed(g, { at: HOME });
    const claimed = await newNeed(g);
    const done = await newNeed(g);
    expect((await post(volunteer, g, claimed, "claim")).statusCode).toBe(200);
    await post(volunteer, g, done, "claim");
    await post(volunteer, g, done, "fulfil");
    expect(await ids(volunteer, g)).toEqual([waiting]);
    expect(new Set(await ids(coordinator, g))).toEqual(new Set([waiting, claimed]));

    const res = await board(coordinator, g);
    expect(res.headers["cache-control"]).toBe("no-store");
    for (const need of res.json().needs) {
      expect(Object.keys(need).sort()).toEqual(
        [
          "ageMinutes",
          "category",
          "claimed",
          "claimedByYou",
          "createdAt",
          "description",
          "duplicateOf",
          "groupId",
          "householdSize",
          "id",
          "languages",
          "place",
          "status",
          "urgency",
          "windowEnd",
          "windowStart",
        ].sort(),
      );
    }
    const shown = res.json().needs.find((n: { id: string }) => n.id === waiting);
    expect(shown.place).toMatch(/^88/);
    expect(res.body).not.toContain("37.5585");
    expect(res.body).not.toContain("650 555");
    expect(res.json().needs.find((n: { id: string }) => n.id === claimed).claimed).toBe(true);
  });

  it("in a group that triages, volunteers see only triaged needs", async () => {
    const fresh = await newNeed(dispatch);
    const reviewed = await newNeed(dispatch);
    await post(coordinator, dispatch, reviewed, "triage");
    expect(await ids(volunteer, dispatch)).toEqual([reviewed]);
    expect(new Set(await ids(coordinator, dispatch))).toEqual(new Set([fresh, reviewed]));
  });

  it("sorts by urgency, then by waiting time", async () => {
    const g = await freshPeer();
    const oldNormal = await newNeed(g, { urgency: "normal" });
    t.advance(60_000);
    const low = await newNeed(g, { urgency: "low" });
    const urgent = await newNeed(g, { urgency: "urgent" });
    const newNormal = await newNeed(g, { urgency: "normal" });
    const high = await newNeed(g, { urgency: "high" });
    expect(await ids(volunteer, g)).toEqual([urgent, high, oldNormal, newNormal, low]);
  });

  it("filters by category, urgency and language", async () => {
    const g = await freshPeer();
    const ride = await newNeed(g, { category: "ride", urgency: "high", languages: ["es"] });
    const meals = await newNeed(g, { category: "meals", languages: ["en", "es"] });
    const groceries = await newNeed(g, { languages: ["en"] });
    expect(await ids(volunteer, g, "?category=ride")).toEqual([ride]);
    expect(await ids(volunteer, g, "?urgency=high")).toEqual([ride]);
    expect(new Set(await ids(volunteer, g, "?language=es"))).toEqual(new Set([ride, meals]));
    expect(new Set(await ids(volunteer, g, "?language=en"))).toEqual(new Set([meals, groceries]));
    expect(await ids(volunteer, g, "?category=meals&language=en")).toEqual([meals]);
    expect((await board(volunteer, g, "?category=spaceships")).statusCode).toBe(400);
  });

  it("filters by age", async () => {
    const g = await freshPeer();
    const old = await newNeed(g);
    t.advance(3 * 3600 * 1000);
    const recent = await newNeed(g);
    expect(await ids(volunteer, g, "?maxAgeHours=2")).toEqual([recent]);
    expect(await ids(volunteer, g, "?maxAgeHours=4")).toEqual([old, recent]);
    expect((await board(volunteer, g, "?maxAgeHours=0")).statusCode).toBe(400);
  });

  it("filters by distance, without returning the point; needs without a point are left out", async () => {
    const g = await freshPeer();
    const home = await newNeed(g, { at: HOME });
    const near = await newNeed(g, { at: NEAR });
    const far = await newNeed(g, { at: FAR });
    await newNeed(g); // cross streets only
    const at = `?near=${HOME.lat},${HOME.lng}`;
    expect(await ids(volunteer, g, at)).toEqual([home, near]);
    expect(await ids(volunteer, g, `${at}&radiusKm=1`)).toEqual([home]);
    expect(await ids(volunteer, g, `${at}&radiusKm=25`)).toEqual([home, near, far]);
    const res = await board(volunteer, g, `${at}&radiusKm=25`);
    expect(res.body).not.toMatch(/distance|"lat"|"lng"|37\.58/);
    for (const bad of ["?radiusKm=3", "?near=100,0", "?near=abc", `${at}&radiusKm=1000`]) {
      const refused = await board(volunteer, g, bad);
      expect(refused.statusCode, bad).toBe(400);
    }
  });
});
