// Possible duplicates: the coordinators' list (contact shown, reveals logged), merging one need
// into another (one transaction, history on both, the status link says so, the thread stays
// reachable) and dismissing the flag; every refusal changes nothing.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { auditLog, revealLog } from "../audit/schema";
import { mergeRefusal, reviewRefusal } from "./duplicates";
import { needEvents, needs } from "./schema";
import { createGroup, freshAddressPoster, tokenOf } from "./testkit";

let t: TestApp;
let groupA: string;
let groupB: string;
let phone = 1000;
const people: Record<string, Person> = {};

const send = freshAddressPoster(() => t, "10.7");
const post = (url: string, payload: unknown, headers?: Record<string, string>) =>
  send(url, payload, { headers });

/** Two requests from the same phone: the second is flagged as a possible duplicate of the first. */
async function flaggedPair(group = groupA, texts = ["Groceries for my mother", "Food for mum"]) {
  phone += 1;
  const contact = { name: "Rosa Díaz", phone: `+1 555 010 ${phone}`, channel: "sms" };
  const first = (
    await post(`/api/v1/groups/${group}/needs`, {
      category: "groceries",
      description: texts[0],
      contact,
      location: { text: "5th and Main" },
    })
  ).json();
  const second = (
    await post(`/api/v1/groups/${group}/needs`, {
      category: "groceries",
      description: texts[1],
      contact,
    })
  ).json();
  const [row] = await t.database.db.select().from(needs).where(eq(needs.id, second.id));
  expect(row?.duplicateOf).toBe(first.id);
  return {
    original: first as { id: string; statusUrl: string; shortCode: string },
    flagged: second as { id: string; statusUrl: string; shortCode: string },
  };
}

const url = (needId: string, action: "merge" | "dismiss", group = groupA) =>
  `/api/v1/groups/${group}/needs/${needId}/duplicate/${action}`;

async function listAs(person: Person, language = "en") {
  return t.app.inject({
    method: "GET",
    url: `/api/v1/groups/${groupA}/needs/duplicates`,
    headers: { ...person.headers, "accept-language": language },
  });
}

/** What a refusal must leave untouched. */
async function snapshot() {
  const db = t.database.db;
  const rows = await db
    .select({
      id: needs.id,
      status: needs.status,
      duplicateOf: needs.duplicateOf,
      reviewedAt: needs.duplicateReviewedAt,
      reviewedBy: needs.duplicateReviewedBy,
    })
    .from(needs)
    .orderBy(needs.id);
  const [events] = await db.select({ n: count() }).from(needEvents);
  const [audits] = await db.select({ n: count() }).from(auditLog);
  return { rows, events: events?.n, audits: audits?.n };
}

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  const admin = await networkAdmin(t);
  const create = (name: string) => createGroup(t, admin, name);
  groupA = await create("Vecinos A");
  groupB = await create("Vecinos B");
  people.volunteer = await createPerson(t, { groups: { [groupA]: "volunteer" } });
  people.coordinator = await createPerson(t, { groups: { [groupA]: "coordinator" } });
  people.otherCoordinator = await createPerson(t, { groups: { [groupB]: "coordinator" } });
  people.networkAdmin = await createPerson(t, { networkAdmin: true });
});

afterAll(async () => {
  await t.app.close();
});

describe("the list of possible duplicates", () => {
  it("shows coordinators each flagged need beside the one it may repeat, with contact, and logs each showing", async () => {
    const { original, flagged } = await flaggedPair();
    const res = await listAs(people.coordinator as Person);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const pair = res.json().pairs.find((p: { need: { id: string } }) => p.need.id === flagged.id);
    expect(pair.original.id).toBe(original.id);
    expect(pair.need.sameContact).toBe(true);
    expect(pair.need.contact.phone).toMatch(/555 010/);
    expect(pair.original.locationText).toBe("5th and Main");
    expect(pair.original.shortCode).toBe(original.shortCode);
    const reveals = await t.database.db
      .select()
      .from(revealLog)
      .where(eq(revealLog.viewerId, (people.coordinator as Person).id));
    const fields = reveals
      .filter((r) => r.subjectId === original.id)
      .map((r) => r.field)
      .sort();
    expect(fields).toEqual(["location_text", "name", "phone"]);
    expect(reveals.every((r) => r.reason === "duplicates:coordinator")).toBe(true);
  });

  it("network admins see it too (logged as such); volunteers and other groups' coordinators are refused", async () => {
    const admin = await listAs(people.networkAdmin as Person);
    expect(admin.statusCode).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(revealLog)
      .where(eq(revealLog.viewerId, (people.networkAdmin as Person).id))
      .limit(1);
    expect(row?.reason).toBe("duplicates:network_admin");
    expect((await listAs(people.volunteer as Person)).statusCode).toBe(403);
    expect((await listAs(people.otherCoordinator as Person)).statusCode).toBe(403);
  });
});

describe("merging", () => {
  it("moves the flagged need to duplicate in one go: history on both, reviewed, audited, the claim released, the status link says so", async () => {
    const { original, flagged } = await flaggedPair(groupA, [
      "Need a ride to the clinic on Tuesday",
      "Ride to clinic, also need a wheelchair",
    ]);
    const coordinator = people.coordinator as Person;
    // A volunteer claimed the flagged one and wrote in its thread before anyone noticed.
    const claim = await post(
      `/api/v1/groups/${groupA}/needs/${flagged.id}/claim`,
      {},
      people.volunteer?.headers,
    );
    expect(claim.statusCode).toBe(200);
    const message = await post(
      `/api/v1/groups/${groupA}/needs/${flagged.id}/messages`,
      { body: "I can take you at 10" },
      people.volunteer?.headers,
    );
    expect(message.statusCode).toBe(201);

    const res = await post(url(flagged.id, "merge"), { into: original.id }, coordinator.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: flagged.id, status: "duplicate", keptId: original.id });

    const db = t.database.db;
    const [merged] = await db.select().from(needs).where(eq(needs.id, flagged.id));
    expect(merged?.status).toBe("duplicate");
    expect(merged?.closedAt).not.toBeNull();
    expect(merged?.duplicateReviewedBy).toBe(coordinator.id);
    expect(merged?.duplicateOf).toBe(original.id);
    const [kept] = await db.select().from(needs).where(eq(needs.id, original.id));
    expect(kept?.status).toBe("new");
    expect(kept?.duplicateReviewedAt).toBeNull();

    const mergedHistory = await db
      .select()
      .from(needEvents)
      .where(eq(needEvents.needId, flagged.id))
      .orderBy(needEvents.createdAt, needEvents.id);
    expect(mergedHistory.at(-1)).toMatchObject({
      action: "mark_duplicate",
      fromStatus: "claimed",
      toStatus: "duplicate",
      actorKind: "coordinator",
      actorId: coordinator.id,
      reason: original.shortCode,
    });
    const keptHistory = await db
      .select()
      .from(needEvents)
      .where(eq(needEvents.needId, original.id))
      .orderBy(needEvents.createdAt, needEvents.id);
    expect(keptHistory.at(-1)).toMatchObject({
      action: "merge_duplicate",
      fromStatus: "new",
      toStatus: "new",
      actorId: coordinator.id,
    });
    expect(keptHistory.at(-1)?.reason).toContain(flagged.shortCode);
    expect(keptHistory.at(-1)?.reason).toContain("also need a wheelchair");

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "need.duplicate_merged"), eq(auditLog.targetId, flagged.id)));
    expect(audit).toMatchObject({ groupId: groupA, actorId: coordinator.id });
    expect(audit?.details).toEqual({ into: original.id });

    // The volunteer's claim ended with the need.
    const board = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs`,
      headers: people.volunteer?.headers,
    });
    expect(board.json().needs.map((n: { id: string }) => n.id)).not.toContain(flagged.id);

    // The requester's status link still works and says it was joined.
    const status = await post("/api/v1/needs/status", { token: tokenOf(flagged.statusUrl) });
    expect(status.statusCode).toBe(200);
    expect(status.json().status).toBe("duplicate");
    expect(status.json().history.at(-1).action).toBe("mark_duplicate");

    // Its thread stays where it was, reachable from the kept need through /merged.
    const mergedList = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs/${original.id}/merged`,
      headers: coordinator.headers,
    });
    expect(mergedList.json().needs).toMatchObject([
      { id: flagged.id, shortCode: flagged.shortCode },
    ]);
    const thread = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupA}/needs/${flagged.id}/messages`,
      headers: coordinator.headers,
    });
    expect(thread.statusCode).toBe(200);
    expect(thread.json().messages.map((m: { body: string }) => m.body)).toEqual([
      "I can take you at 10",
    ]);

    // And it has left the list.
    const list = await listAs(coordinator);
    expect(list.json().pairs.map((p: { need: { id: string } }) => p.need.id)).not.toContain(
      flagged.id,
    );
  });

  it("refuses, changing nothing: into itself, into another group's need, into a closed need, a need not flagged, one already reviewed, an unknown need", async () => {
    const coordinator = people.coordinator as Person;
    const { original, flagged } = await flaggedPair();
    const elsewhere = await flaggedPair(groupB);
    const closed = await flaggedPair();
    const cancel = await post("/api/v1/needs/status/cancel", {
      token: tokenOf(closed.original.statusUrl),
    });
    expect(cancel.statusCode).toBe(200);
    const reviewed = await flaggedPair();
    expect(
      (await post(url(reviewed.flagged.id, "dismiss"), {}, coordinator.headers)).statusCode,
    ).toBe(200);

    const before = await snapshot();
    const cases: [string, unknown, number, string][] = [
      [flagged.id, { into: flagged.id }, 422, "duplicate_merge_self"],
      [flagged.id, { into: elsewhere.original.id }, 422, "duplicate_target_not_found"],
      [
        flagged.id,
        { into: "0190f7d2-0000-7000-8000-000000000000" },
        422,
        "duplicate_target_not_found",
      ],
      [closed.flagged.id, { into: closed.original.id }, 409, "duplicate_target_closed"],
      [original.id, { into: flagged.id }, 409, "duplicate_not_flagged"],
      [reviewed.flagged.id, { into: reviewed.original.id }, 409, "duplicate_already_reviewed"],
      ["0190f7d2-0000-7000-8000-000000000001", { into: original.id }, 404, "need_not_found"],
      [elsewhere.flagged.id, { into: elsewhere.original.id }, 404, "need_not_found"],
    ];
    for (const [needId, body, status, code] of cases) {
      const res = await post(url(needId, "merge"), body, {
        ...coordinator.headers,
        "accept-language": "es",
      });
      expect({ needId, status: res.statusCode, code: res.json().code }).toEqual({
        needId,
        status,
        code,
      });
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    // Translated: the Spanish title of one of them.
    const es = await post(
      url(flagged.id, "merge"),
      { into: flagged.id },
      { ...coordinator.headers, "accept-language": "es" },
    );
    expect(es.json().title).toBe("Una solicitud no se puede unir consigo misma");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a bad body with a translated 400 and changes nothing", async () => {
    const coordinator = people.coordinator as Person;
    const { flagged } = await flaggedPair();
    const before = await snapshot();
    for (const body of [{}, { into: "not-an-id" }, { into: flagged.id, extra: 1 }]) {
      const res = await post(url(flagged.id, "merge"), body, {
        ...coordinator.headers,
        "accept-language": "es",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("validation_failed");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a need merged once cannot be merged or dismissed again", async () => {
    const coordinator = people.coordinator as Person;
    const { original, flagged } = await flaggedPair();
    expect(
      (await post(url(flagged.id, "merge"), { into: original.id }, coordinator.headers)).statusCode,
    ).toBe(200);
    const before = await snapshot();
    const again = await post(url(flagged.id, "merge"), { into: original.id }, coordinator.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("duplicate_already_reviewed");
    const dismiss = await post(url(flagged.id, "dismiss"), {}, coordinator.headers);
    expect(dismiss.json().code).toBe("duplicate_already_reviewed");
    expect(await snapshot()).toEqual(before);
  });
});

describe("two coordinators at once", () => {
  it("one merge or dismissal wins; the others are told it was already reviewed, and one history row is written", async () => {
    const coordinator = people.coordinator as Person;
    const admin = people.networkAdmin as Person;
    const { original, flagged } = await flaggedPair();
    const results = await Promise.all([
      post(url(flagged.id, "merge"), { into: original.id }, coordinator.headers),
      post(url(flagged.id, "merge"), { into: original.id }, admin.headers),
      post(url(flagged.id, "dismiss"), {}, coordinator.headers),
      post(url(flagged.id, "merge"), { into: original.id }, admin.headers),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(3);
    for (const r of results.filter((r) => r.statusCode === 409)) {
      expect(r.json().code).toBe("duplicate_already_reviewed");
    }
    const keptNotes = await t.database.db
      .select()
      .from(needEvents)
      .where(and(eq(needEvents.needId, original.id), eq(needEvents.action, "merge_duplicate")));
    const markedDuplicate = await t.database.db
      .select()
      .from(needEvents)
      .where(and(eq(needEvents.needId, flagged.id), eq(needEvents.action, "mark_duplicate")));
    const mergeWon = codes.indexOf(200) !== 2; // the third request is the dismissal
    expect(keptNotes).toHaveLength(mergeWon ? 1 : 0);
    expect(markedDuplicate).toHaveLength(mergeWon ? 1 : 0);
  });
});

describe("dismissing", () => {
  it("keeps both needs open, marks the flag reviewed (who, when), audits it and drops it from the list", async () => {
    const coordinator = people.coordinator as Person;
    const { original, flagged } = await flaggedPair(groupA, [
      "Diapers size 3 please",
      "Diapers for the baby",
    ]);
    const res = await post(url(flagged.id, "dismiss"), null, coordinator.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: flagged.id, status: "new", keptId: null });
    const db = t.database.db;
    const rows = await db.select().from(needs).where(eq(needs.groupId, groupA));
    const row = rows.find((n) => n.id === flagged.id);
    expect(row?.status).toBe("new");
    expect(row?.duplicateReviewedBy).toBe(coordinator.id);
    expect(row?.duplicateReviewedAt).not.toBeNull();
    expect(rows.find((n) => n.id === original.id)?.status).toBe("new");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "need.duplicate_dismissed"), eq(auditLog.targetId, flagged.id)),
      );
    expect(audit?.details).toEqual({ duplicateOf: original.id });
    const list = await listAs(coordinator);
    expect(list.json().pairs.map((p: { need: { id: string } }) => p.need.id)).not.toContain(
      flagged.id,
    );
    const before = await snapshot();
    const again = await post(url(flagged.id, "dismiss"), {}, coordinator.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("duplicate_already_reviewed");
    const notFlagged = await post(url(original.id, "dismiss"), {}, coordinator.headers);
    expect(notFlagged.json().code).toBe("duplicate_not_flagged");
    expect(await snapshot()).toEqual(before);
  });

  it("a volunteer cannot merge or dismiss", async () => {
    const { original, flagged } = await flaggedPair();
    const volunteer = people.volunteer as Person;
    expect(
      (await post(url(flagged.id, "merge"), { into: original.id }, volunteer.headers)).statusCode,
    ).toBe(403);
    expect((await post(url(flagged.id, "dismiss"), {}, volunteer.headers)).statusCode).toBe(403);
  });
});

describe("the review rules", () => {
  const base = {
    id: "a",
    groupId: "g",
    duplicateOf: "b",
    duplicateReviewedAt: null,
    status: "new" as const,
  };
  it("decide in a fixed order", () => {
    expect(reviewRefusal(null, "g")).toBe("need_not_found");
    expect(reviewRefusal({ ...base, groupId: "h" }, "g")).toBe("need_not_found");
    expect(reviewRefusal({ ...base, duplicateReviewedAt: new Date() }, "g")).toBe(
      "duplicate_already_reviewed",
    );
    expect(reviewRefusal({ ...base, duplicateOf: null }, "g")).toBe("duplicate_not_flagged");
    expect(reviewRefusal({ ...base, status: "fulfilled" }, "g")).toBe("duplicate_need_closed");
    expect(reviewRefusal(base, "g")).toBeNull();
    const target = { id: "b", groupId: "g", status: "triaged" as const };
    expect(mergeRefusal(base, { ...target, id: "a" }, "g")).toBe("duplicate_merge_self");
    expect(mergeRefusal(base, null, "g")).toBe("duplicate_target_not_found");
    expect(mergeRefusal(base, { ...target, groupId: "h" }, "g")).toBe("duplicate_target_not_found");
    expect(mergeRefusal(base, { ...target, status: "duplicate" }, "g")).toBe(
      "duplicate_target_closed",
    );
    expect(mergeRefusal(base, target, "g")).toBeNull();
  });
});
