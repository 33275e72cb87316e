// The exchange record: what I gave and received, written by real flows (a fulfilled need) and
// by insertExchangeRecord; names only of fellow members, never contacts; the invitation to ask.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { memberships } from "../groups/schema";
import { insertExchangeRecord } from "./records";
import { firstName, shouldInviteToAsk } from "./records-routes";
import { createGroup, freshAddressPoster } from "./testkit";

let t: TestApp;
let groupA: string;
let groupB: string;
const people: Record<string, Person> = {};

let asked = 0;
const send = freshAddressPoster(() => t, "10.8");
const post = (url: string, payload: unknown, headers?: Record<string, string>) =>
  send(url, payload, { headers });

const mine = (person?: Person) =>
  t.app.inject({ method: "GET", url: "/api/v1/me/exchanges", headers: person?.headers });

/** A need posted (by `requester` if given), claimed by `volunteer` and fulfilled with `moved`. */
async function fulfilled(volunteer: Person, moved: Record<string, unknown>, requester?: Person) {
  const need = await post(
    `/api/v1/groups/${groupA}/needs`,
    {
      category: "ride",
      description: `A ride, please (${++asked})`,
      contact: { channel: "email", email: "asker@example.org" },
    },
    requester?.headers,
  );
  expect(need.statusCode).toBe(201);
  const id = need.json().id as string;
  expect(
    (await post(`/api/v1/groups/${groupA}/needs/${id}/claim`, {}, volunteer.headers)).statusCode,
  ).toBe(200);
  const done = await post(`/api/v1/groups/${groupA}/needs/${id}/fulfil`, moved, volunteer.headers);
  expect(done.statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  const admin = await networkAdmin(t);
  const create = (name: string) => createGroup(t, admin, name);
  groupA = await create("Barrio Norte");
  groupB = await create("Barrio Sur");
  people.giver = await createPerson(t, {
    name: "Lucía Fernández Ortega",
    groups: { [groupA]: "volunteer" },
  });
  people.asker = await createPerson(t, { name: "Tomás Ruiz", groups: { [groupA]: "member" } });
  people.both = await createPerson(t, { name: "Ana", groups: { [groupA]: "volunteer" } });
  people.stranger = await createPerson(t, { name: "Pablo Gómez", groups: { [groupB]: "member" } });
  people.nobody = await createPerson(t, { groups: { [groupA]: "member" } });
});

afterAll(async () => {
  await t.app.close();
});

describe("GET /me/exchanges", () => {
  it("a volunteer who has only given sees what moved, fellow members' first names, 'a neighbour' otherwise, and the invitation to ask", async () => {
    const giver = people.giver as Person;
    const asker = people.asker as Person;
    const fromMember = await fulfilled(giver, { minutes: 90, goods: "Two bags" }, asker);
    t.advance(60_000);
    const fromAnonymous = await fulfilled(giver, { minutes: 30 });
    t.advance(60_000);
    // Money given in group B to someone who is not a member there (the giver is not either).
    await insertExchangeRecord(
      t.database.db,
      {
        groupId: groupB,
        category: "other",
        giverId: giver.id,
        receiverId: (people.stranger as Person).id,
        recordedBy: giver.id,
        moved: { amountCents: 2500, currency: "USD" },
      },
      t.now(),
    );
    // Someone else's exchange, not mine.
    await insertExchangeRecord(
      t.database.db,
      {
        groupId: groupA,
        category: "groceries",
        giverId: (people.both as Person).id,
        receiverId: asker.id,
        recordedBy: null,
        moved: { minutes: 15 },
      },
      t.now(),
    );

    const res = await mine(giver);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body.totals).toEqual({ given: 3, received: 0, minutesGiven: 120, minutesReceived: 0 });
    expect(body.exchanges).toHaveLength(3);
    const [money, anonymous, member] = body.exchanges;
    expect(money).toMatchObject({
      role: "gave",
      group: { id: groupB, name: "Barrio Sur" },
      category: "other",
      amountCents: 2500,
      currency: "USD",
      otherName: null, // Pablo is a member of B, but the person reading is not
    });
    expect(anonymous).toMatchObject({ role: "gave", minutes: 30, otherName: null });
    expect(member).toMatchObject({
      role: "gave",
      group: { id: groupA, name: "Barrio Norte" },
      category: "ride",
      minutes: 90,
      goods: "Two bags",
      otherName: "Tomás",
    });
    expect(fromMember).not.toBe(fromAnonymous);
    // Never anyone's contact.
    expect(res.body).not.toContain("@example.org");
    expect(res.body).not.toContain("555");
    expect(res.body).not.toContain("Ruiz");
    expect(body.inviteToAsk).toEqual({
      groups: [
        { id: groupA, name: "Barrio Norte" },
        { id: groupB, name: "Barrio Sur" },
      ],
    });
  });

  it("the person helped sees the giver's first name and no invitation", async () => {
    const res = await mine(people.asker);
    const body = res.json();
    expect(body.totals).toEqual({ given: 0, received: 2, minutesGiven: 0, minutesReceived: 105 });
    expect(body.exchanges.map((e: { otherName: string }) => e.otherName)).toEqual(["Ana", "Lucía"]);
    expect(body.exchanges.every((e: { role: string }) => e.role === "received")).toBe(true);
    expect(body.inviteToAsk).toBeNull();
  });

  it("a name is shown only while the other person is an active member of that group", async () => {
    await t.database.db
      .update(memberships)
      .set({ status: "pending" })
      .where(
        and(eq(memberships.groupId, groupA), eq(memberships.userId, (people.asker as Person).id)),
      );
    const body = (await mine(people.giver)).json();
    expect(body.exchanges.map((e: { otherName: string | null }) => e.otherName)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("someone with no exchanges gets empty totals; anonymous is refused", async () => {
    const body = (await mine(people.nobody)).json();
    expect(body).toEqual({
      totals: { given: 0, received: 0, minutesGiven: 0, minutesReceived: 0 },
      inviteToAsk: null,
      exchanges: [],
    });
    const anonymous = await mine();
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("the invitation to ask", () => {
  it("is for people who have given and never received", () => {
    expect(shouldInviteToAsk({ given: 1, received: 0 })).toBe(true);
    expect(shouldInviteToAsk({ given: 12, received: 0 })).toBe(true);
    expect(shouldInviteToAsk({ given: 0, received: 0 })).toBe(false);
    expect(shouldInviteToAsk({ given: 3, received: 1 })).toBe(false);
    expect(shouldInviteToAsk({ given: 0, received: 2 })).toBe(false);
  });

  it("names people by their first name only", () => {
    expect(firstName("Lucía Fernández Ortega")).toBe("Lucía");
    expect(firstName("  Ana  ")).toBe("Ana");
    expect(firstName("")).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});
