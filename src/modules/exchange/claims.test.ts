import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { hashToken, newToken } from "../../lib/tokens";
import { users } from "../accounts/schema";
import { networks } from "../groups/schema";
import { createGroup } from "../groups/store";
import { claimNeed, createNeed, dueClaims, endClaim, type NeedRow, needHistory } from "./store";

let database: TestDatabase;
let groupId: string;
const now = new Date("2026-03-01T12:00:00Z");
const PEER = { claimExpiryHours: 72, maxOpenClaimsPerVolunteer: 100, intakeRequiresTriage: false };

async function person(): Promise<string> {
  const id = crypto.randomUUID();
  await database.db.insert(users).values({ id, name: "Volunteer", email: `${id}@example.org` });
  return id;
}

async function need(): Promise<NeedRow> {
  return createNeed(
    database.db,
    {
      groupId,
      category: "groceries",
      description: "Groceries for a family of four",
      statusTokenHash: hashToken(newToken()),
      shortCode: randomBytes(4).toString("hex"),
    },
    now,
    { kind: "anonymous", id: null },
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const creator = await person();
  const networkId = crypto.randomUUID();
  await database.db.insert(networks).values({ id: networkId, name: "N", timeZone: "UTC" });
  const group = await createGroup(
    database.db,
    { networkId, slug: "g", name: "G", mode: "mutual_aid", timeZone: "UTC" },
    creator,
  );
  groupId = group.id;
});

afterAll(async () => {
  await database.close();
});

describe("claiming needs", () => {
  it("200 parallel claims on 20 needs: exactly 20 succeed, one claim per need in the history", async () => {
    const list = await Promise.all(Array.from({ length: 20 }, () => need()));
    const volunteers = await Promise.all(Array.from({ length: 10 }, () => person()));
    const attempts = Array.from({ length: 200 }, (_, i) => ({
      needId: list[i % 20]?.id as string,
      volunteerId: volunteers[i % 10] as string,
    }));
    const results = await Promise.all(
      attempts.map((a) => claimNeed(database.db, a.needId, a.volunteerId, PEER, now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(180);
    expect(new Set(refused.map((r) => (r.ok ? "" : r.reason)))).toEqual(
      new Set(["already_claimed"]),
    );
    for (const n of list) {
      const history = await needHistory(database.db, n.id);
      expect(history.map((e) => e.action)).toEqual(["post", "claim"]);
    }
  });

  it("holds a volunteer to the group's cap on open claims, even in parallel", async () => {
    const list = await Promise.all(Array.from({ length: 6 }, () => need()));
    const volunteer = await person();
    const capped = { ...PEER, maxOpenClaimsPerVolunteer: 2 };
    const results = await Promise.all(
      list.map((n) => claimNeed(database.db, n.id, volunteer, capped, now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.reason === "claim_limit")).toHaveLength(4);
  });

  it("in a group that triages, a new need cannot be claimed until a coordinator triages it", async () => {
    const n = await need();
    const result = await claimNeed(
      database.db,
      n.id,
      await person(),
      { ...PEER, intakeRequiresTriage: true },
      now,
    );
    expect(result).toEqual({ ok: false, reason: "triage_required" });
    expect(await claimNeed(database.db, crypto.randomUUID(), await person(), PEER, now)).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("an expired claim returns the need to the queue, where someone else can claim it", async () => {
    const n = await need();
    const first = await claimNeed(database.db, n.id, await person(), PEER, now);
    if (!first.ok) throw new Error("claim failed");
    expect(first.remindAt.getTime() - now.getTime()).toBe(54 * 3600 * 1000);
    expect(
      await dueClaims(database.db, new Date(first.expiresAt.getTime() - 1), 100),
    ).not.toContainEqual(expect.objectContaining({ id: first.claimId }));
    const due = await dueClaims(database.db, first.expiresAt, 1000);
    expect(due).toContainEqual({ id: first.claimId, needId: n.id });
    const expired = await endClaim(
      database.db,
      first.claimId,
      "expire",
      { kind: "system", id: null },
      PEER,
      first.expiresAt,
    );
    expect(expired).toEqual({ ok: true, needId: n.id, to: "new" });
    expect(
      await endClaim(
        database.db,
        first.claimId,
        "expire",
        { kind: "system", id: null },
        PEER,
        first.expiresAt,
      ),
    ).toEqual({
      ok: false,
    });
    const second = await claimNeed(database.db, n.id, await person(), PEER, first.expiresAt);
    expect(second.ok).toBe(true);
    const history = await needHistory(database.db, n.id);
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ["post", null, "new"],
      ["claim", "new", "claimed"],
      ["expire", "claimed", "new"],
      ["claim", "new", "claimed"],
    ]);
  });
});
