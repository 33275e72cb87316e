import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import type { MemoryMailer } from "../../lib/mail";
import { hashToken, newToken } from "../../lib/tokens";
import type { JobRunner } from "../jobs/runner";
import { addMessage, threadOf } from "../messages/store";
import { scheduleRetention } from "./jobs";
import { claims, needs } from "./schema";
import { claimNeed, createNeed, endClaim, needHistory } from "./store";
import { appWithJobRunner } from "./testkit";

let t: TestApp;
let mail: MemoryMailer;
let runner: JobRunner;
let groupId: string;
let coordinator: Person;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PEER = { claimExpiryHours: 72, maxOpenClaimsPerVolunteer: 5, intakeRequiresTriage: false };

beforeAll(async () => {
  ({ t, mail, runner, groupId } = await appWithJobRunner("Expiry group"));
  coordinator = await createPerson(t, { name: "Cora", groups: { [groupId]: "coordinator" } });
});

afterAll(async () => {
  await runner.stop();
  await t.app.close();
});

async function need(extra: Partial<Parameters<typeof createNeed>[1]> = {}) {
  return createNeed(
    t.database.db,
    {
      groupId,
      category: "groceries",
      description: "Groceries for Ana at 12 Elm St",
      contactName: "Ana",
      contactPhone: "+1 650 555 0100",
      locationText: "12 Elm St",
      lat: 37.5,
      lng: -122.3,
      statusTokenHash: hashToken(newToken()),
      shortCode: randomBytes(4).toString("hex"),
      ...extra,
    },
    t.now(),
    { kind: "anonymous", id: null },
  );
}

describe("claims that run out of time", () => {
  it("remind the volunteer at 75 %, then return the need to the queue and tell coordinators", async () => {
    const volunteer = await createPerson(t, { name: "Vera", groups: { [groupId]: "volunteer" } });
    const n = await need();
    const claim = await claimNeed(t.database.db, n.id, volunteer.id, PEER, t.now());
    if (!claim.ok) throw new Error("claim failed");
    const start = t.now().getTime();
    const moveTo = (ms: number) => t.advance(start + ms - t.now().getTime());
    try {
      await runner.runDue();
      expect(mail.messages).toHaveLength(0);

      moveTo(54 * HOUR + 1000);
      await runner.runDue();
      expect(mail.messages.map((m) => [m.to, m.subject])).toEqual([
        [volunteer.email, "Reminder: a request you took is waiting"],
      ]);
      expect(mail.messages[0]?.text).toContain("Expiry group");
      expect(mail.messages[0]?.text).toContain("(Groceries)");

      moveTo(72 * HOUR + 1000);
      await runner.runDue();
      const [row] = await t.database.db.select().from(claims).where(eq(claims.id, claim.claimId));
      expect(row?.status).toBe("expired");
      const [after] = await t.database.db.select().from(needs).where(eq(needs.id, n.id));
      expect(after?.status).toBe("new");
      const history = await needHistory(t.database.db, n.id);
      expect(history.map((e) => [e.action, e.actorKind])).toEqual([
        ["post", "anonymous"],
        ["claim", "claimer"],
        ["expire", "system"],
      ]);
      const told = mail.messages.slice(1).map((m) => m.to);
      expect(told).toContain(coordinator.email);
      expect(told).not.toContain(volunteer.email);
    } finally {
      moveTo(0);
    }
  });

  it("a released claim sends no reminder and never expires", async () => {
    const volunteer = await createPerson(t, { groups: { [groupId]: "volunteer" } });
    const n = await need();
    const claim = await claimNeed(t.database.db, n.id, volunteer.id, PEER, t.now());
    if (!claim.ok) throw new Error("claim failed");
    await endClaim(
      t.database.db,
      claim.claimId,
      "release",
      { kind: "claimer", id: volunteer.id },
      PEER,
      t.now(),
    );
    const before = mail.messages.length;
    t.advance(80 * HOUR);
    try {
      await runner.runDue();
      expect(mail.messages.length).toBe(before);
      const history = await needHistory(t.database.db, n.id);
      expect(history.map((e) => e.action)).toEqual(["post", "claim", "release"]);
    } finally {
      t.advance(-80 * HOUR);
    }
  });
});

describe("retention", () => {
  it("redacts personal data of needs closed longer than the group keeps it, and keeps the statistics", async () => {
    const old = await need();
    const recent = await need();
    const open = await need();
    await t.database.db
      .update(needs)
      .set({ status: "fulfilled", closedAt: new Date(t.now().getTime() - 91 * DAY) })
      .where(eq(needs.id, old.id));
    await addMessage(
      t.database.db,
      { needId: old.id, authorKind: "requester", authorId: null, body: "I am at 12 Elm St" },
      t.now(),
    );
    await addMessage(
      t.database.db,
      { needId: recent.id, authorKind: "requester", authorId: null, body: "Still here" },
      t.now(),
    );
    await t.database.db
      .update(needs)
      .set({ status: "fulfilled", closedAt: new Date(t.now().getTime() - 10 * DAY) })
      .where(eq(needs.id, recent.id));
    await scheduleRetention(t.database.db, t.now());
    t.advance(HOUR);
    try {
      await runner.runDue();
      const rows = await t.database.db.select().from(needs);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(old.id)).toMatchObject({
        description: "",
        contactName: null,
        contactPhone: null,
        locationText: null,
        lat: null,
        lng: null,
        category: "groceries",
        status: "fulfilled",
      });
      expect(byId.get(old.id)?.redactedAt).not.toBeNull();
      expect(byId.get(recent.id)).toMatchObject({ contactName: "Ana", redactedAt: null });
      expect(byId.get(open.id)).toMatchObject({ contactName: "Ana", redactedAt: null });
      expect(await threadOf(t.database.db, old.id)).toEqual([]);
      expect(await threadOf(t.database.db, recent.id)).toHaveLength(1);
    } finally {
      t.advance(-HOUR);
    }
  });

  it("follows the group's own retention setting", async () => {
    const admin = await networkAdmin(t);
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${groupId}`,
      headers: admin.headers,
      payload: { settings: { retentionDays: 7 } },
    });
    const n = await need();
    await t.database.db
      .update(needs)
      .set({ status: "cancelled", closedAt: new Date(t.now().getTime() - 8 * DAY) })
      .where(eq(needs.id, n.id));
    // The pass an hour ago scheduled the next one itself.
    t.advance(2 * HOUR);
    try {
      await runner.runDue();
      const [row] = await t.database.db.select().from(needs).where(eq(needs.id, n.id));
      expect(row?.contactPhone).toBeNull();
    } finally {
      t.advance(-2 * HOUR);
    }
  });
});
