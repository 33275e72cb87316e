// Claims over HTTP: claiming under heavy parallel load, release, start and fulfil, triage, and
// who may do each.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { translate } from "../../lib/i18n";
import { jobs } from "../jobs/schema";
import { claims, needs } from "./schema";
import { needHistory } from "./store";
import { createGroup } from "./testkit";

let t: TestApp;
let admin: Person;
let peer: string;
let dispatch: string;
let other: string;
const people: Record<string, Person> = {};

const group = (name: string, settings: Record<string, unknown>) =>
  createGroup(t, admin, name, { settings });

async function newNeed(groupId = peer): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    payload: {
      category: "groceries",
      description: `Groceries for a family ${Math.random()}`,
      contact: { name: "Rosa", phone: "+1 650 555 0101", channel: "sms" },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

function act(
  person: Person,
  needId: string,
  action: "claim" | "release" | "start" | "fulfil" | "triage",
  options: { groupId?: string; payload?: Record<string, unknown>; language?: string } = {},
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${options.groupId ?? peer}/needs/${needId}/${action}`,
    headers: {
      ...person.headers,
      ...(options.language ? { "accept-language": options.language } : {}),
    },
    ...(options.payload ? { payload: options.payload } : {}),
  });
}

const read = (person: Person, needId: string, groupId = peer) =>
  t.app.inject({
    method: "GET",
    url: `/api/v1/groups/${groupId}/needs/${needId}`,
    headers: person.headers,
  });

const statusOf = async (needId: string) =>
  (await t.database.db.select({ status: needs.status }).from(needs).where(eq(needs.id, needId)))[0]
    ?.status;

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  admin = await networkAdmin(t);
  peer = await group("Peer", { maxOpenClaimsPerVolunteer: 100 });
  dispatch = await group("Dispatch", { intakeRequiresTriage: true });
  other = await group("Other", {});
  people.member = await createPerson(t, { groups: { [peer]: "member" } });
  people.volunteer = await createPerson(t, {
    groups: { [peer]: "volunteer", [dispatch]: "volunteer" },
  });
  people.second = await createPerson(t, { groups: { [peer]: "volunteer" } });
  people.coordinator = await createPerson(t, {
    groups: { [peer]: "coordinator", [dispatch]: "coordinator" },
  });
  people.outsider = await createPerson(t, { groups: { [other]: "volunteer" } });
});

afterAll(async () => {
  await t.app.close();
});

describe("claiming over HTTP", () => {
  it("200 parallel claims from 10 volunteers on 20 needs: exactly 20 succeed, the rest a clear 409", async () => {
    const list: string[] = [];
    for (let i = 0; i < 20; i++) list.push(await newNeed());
    const volunteers = await Promise.all(
      Array.from({ length: 10 }, () => createPerson(t, { groups: { [peer]: "volunteer" } })),
    );
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        act(volunteers[i % 10] as Person, list[i % 20] as string, "claim"),
      ),
    );
    const won = responses.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(20);
    for (const r of won) {
      expect(Object.keys(r.json()).sort()).toEqual(["claimId", "expiresAt", "remindAt"]);
    }
    const lost = responses.filter((r) => r.statusCode !== 200);
    expect(lost).toHaveLength(180);
    expect(new Set(lost.map((r) => r.statusCode))).toEqual(new Set([409]));
    expect(new Set(lost.map((r) => r.json().code))).toEqual(new Set(["already_claimed"]));
    expect(lost[0]?.json().title).toBe(translate("en", "problem.already_claimed.title"));
    for (const needId of list) {
      const history = await needHistory(t.database.db, needId);
      expect(history.map((e) => e.action)).toEqual(["post", "claim"]);
      const active = await t.database.db
        .select()
        .from(claims)
        .where(and(eq(claims.needId, needId), eq(claims.status, "active")));
      expect(active).toHaveLength(1);
    }
  });

  it("claims answer the group's expiry; the claimer sees the contact, which is gone after release", async () => {
    const volunteer = people.volunteer as Person;
    const needId = await newNeed();
    expect((await read(volunteer, needId)).json().contact).toBeUndefined();
    const before = t.now().getTime();
    const claimed = await act(volunteer, needId, "claim");
    const after0 = t.now().getTime();
    expect(claimed.statusCode).toBe(200);
    const { claimId, expiresAt, remindAt } = claimed.json();
    const HOURS = 3600 * 1000;
    expect(Date.parse(expiresAt)).toBeGreaterThanOrEqual(before + 72 * HOURS);
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(after0 + 72 * HOURS);
    expect(Date.parse(expiresAt) - Date.parse(remindAt)).toBe(18 * HOURS);
    const view = (await read(volunteer, needId)).json();
    expect(view).toMatchObject({
      status: "claimed",
      claimedByYou: true,
      contact: { name: "Rosa", phone: "+1 650 555 0101", channel: "sms" },
    });

    // Another volunteer may not release someone else's claim.
    const stolen = await act(people.second as Person, needId, "release");
    expect(stolen.statusCode).toBe(403);
    expect(stolen.json().code).toBe("not_claimer");

    const released = await act(volunteer, needId, "release");
    expect(released.statusCode).toBe(200);
    expect(released.json()).toEqual({ id: needId, status: "new" });
    const after = (await read(volunteer, needId)).json();
    expect(after.contact).toBeUndefined();
    expect(after.claimed).toBe(false);
    const pending = await t.database.db
      .select({ key: jobs.dedupeKey })
      .from(jobs)
      .where(eq(jobs.dedupeKey, `claim-expiry:${claimId}`));
    expect(pending).toEqual([]);
    expect((await act(volunteer, needId, "release")).json().code).toBe("not_claimed");

    // Back in the queue: someone else claims it, and a coordinator can release it too.
    expect((await act(people.second as Person, needId, "claim")).statusCode).toBe(200);
    const byCoordinator = await act(people.coordinator as Person, needId, "release");
    expect(byCoordinator.json()).toEqual({ id: needId, status: "new" });
    expect((await needHistory(t.database.db, needId)).map((e) => [e.action, e.actorKind])).toEqual([
      ["post", "anonymous"],
      ["claim", "claimer"],
      ["release", "claimer"],
      ["claim", "claimer"],
      ["release", "coordinator"],
    ]);
  });

  it("start then fulfil closes the need and its claim; a later claim is refused and changes nothing", async () => {
    const volunteer = people.volunteer as Person;
    const needId = await newNeed();
    const { claimId } = (await act(volunteer, needId, "claim")).json();
    expect((await act(people.second as Person, needId, "start")).json().code).toBe("not_claimer");
    const started = await act(volunteer, needId, "start");
    expect(started.json()).toEqual({ id: needId, status: "in_progress" });
    expect((await act(volunteer, needId, "start")).json().code).toBe("transition_not_allowed");
    const tooLong = await act(volunteer, needId, "fulfil", {
      payload: { reason: "x".repeat(501) },
    });
    expect(tooLong.statusCode).toBe(400);
    const before = t.now();
    const fulfilled = await act(volunteer, needId, "fulfil", {
      payload: { reason: "Delivered on Tuesday" },
    });
    expect(fulfilled.statusCode).toBe(200);
    expect(fulfilled.json()).toEqual({ id: needId, status: "fulfilled" });
    const [row] = await t.database.db.select().from(needs).where(eq(needs.id, needId));
    expect(row?.closedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const [claim] = await t.database.db.select().from(claims).where(eq(claims.id, claimId));
    expect(claim).toMatchObject({ status: "completed", endedAt: row?.closedAt });
    const leftJobs = await t.database.db
      .select({ key: jobs.dedupeKey })
      .from(jobs)
      .where(eq(jobs.dedupeKey, `claim-reminder:${claimId}`));
    expect(leftJobs).toEqual([]);
    const history = await needHistory(t.database.db, needId);
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ["post", null, "new", null],
      ["claim", "new", "claimed", null],
      ["start", "claimed", "in_progress", null],
      ["fulfil", "in_progress", "fulfilled", "Delivered on Tuesday"],
    ]);

    const late = await act(people.second as Person, needId, "claim", { language: "es" });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: "need_not_claimable",
      title: translate("es", "problem.need_not_claimable.title"),
    });
    expect(await statusOf(needId)).toBe("fulfilled");
    expect(await needHistory(t.database.db, needId)).toHaveLength(4);
  });

  it("a coordinator may fulfil a need someone holds, without a body", async () => {
    const needId = await newNeed();
    await act(people.volunteer as Person, needId, "claim");
    const res = await act(people.coordinator as Person, needId, "fulfil");
    expect(res.json()).toEqual({ id: needId, status: "fulfilled" });
    expect((await needHistory(t.database.db, needId)).at(-1)?.actorKind).toBe("coordinator");
  });

  it("members, volunteers of another group and anonymous callers are refused; unknown needs are 404", async () => {
    const needId = await newNeed();
    expect((await act(people.member as Person, needId, "claim")).statusCode).toBe(403);
    expect((await act(people.outsider as Person, needId, "claim")).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${peer}/needs/${needId}/claim`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await act(people.volunteer as Person, needId, "triage")).statusCode).toBe(403);
    expect(await statusOf(needId)).toBe("new");
    const missing = await act(people.volunteer as Person, crypto.randomUUID(), "claim");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("need_not_found");
    // A need of another group, asked for through this one, does not exist here.
    const elsewhere = await newNeed(other);
    expect((await act(people.volunteer as Person, elsewhere, "claim")).statusCode).toBe(404);
  });

  it("holds a volunteer to the group's cap", async () => {
    const capped = await group("Capped", { maxOpenClaimsPerVolunteer: 1 });
    const volunteer = await createPerson(t, { groups: { [capped]: "volunteer" } });
    const first = await newNeed(capped);
    const second = await newNeed(capped);
    expect((await act(volunteer, first, "claim", { groupId: capped })).statusCode).toBe(200);
    const refused = await act(volunteer, second, "claim", { groupId: capped });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("claim_limit");
  });

  it("where triage is required, a new need is claimable only after a coordinator triages it", async () => {
    const needId = await newNeed(dispatch);
    const volunteer = people.volunteer as Person;
    const early = await act(volunteer, needId, "claim", { groupId: dispatch });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("triage_required");
    expect(await statusOf(needId)).toBe("new");
    const triaged = await act(people.coordinator as Person, needId, "triage", {
      groupId: dispatch,
    });
    expect(triaged.json()).toEqual({ id: needId, status: "triaged" });
    expect(
      (await act(people.coordinator as Person, needId, "triage", { groupId: dispatch })).json()
        .code,
    ).toBe("transition_not_allowed");
    expect((await act(volunteer, needId, "claim", { groupId: dispatch })).statusCode).toBe(200);
    // Released, it goes back to the triaged queue, not to new.
    const released = await act(volunteer, needId, "release", { groupId: dispatch });
    expect(released.json()).toEqual({ id: needId, status: "triaged" });
    expect(
      (await needHistory(t.database.db, needId)).map((e) => [e.action, e.actorKind, e.toStatus]),
    ).toEqual([
      ["post", "anonymous", "new"],
      ["triage", "coordinator", "triaged"],
      ["claim", "claimer", "claimed"],
      ["release", "claimer", "triaged"],
    ]);
  });
});
