// Needs, their history and claims: the only SQL for them.
import { and, eq, inArray, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import {
  type Actor,
  claimTimes,
  type NeedAction,
  type NeedStatus,
  queueStatuses,
  transition,
} from "./model";
import { claims, needEvents, needs } from "./schema";

export type NeedRow = typeof needs.$inferSelect;
export type NewNeed = Omit<typeof needs.$inferInsert, "id" | "status" | "createdAt" | "updatedAt">;

/** Records a new need and its first history row. */
export async function createNeed(
  db: Db,
  values: NewNeed,
  now: Date,
  actor: { kind: Actor | "anonymous"; id: string | null },
): Promise<NeedRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(needs)
      .values({ ...values, id: uuidv7(), status: "new", createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error("need insert returned nothing");
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId: row.id,
      action: "post",
      fromStatus: null,
      toStatus: "new",
      actorKind: actor.kind,
      actorId: actor.id,
      createdAt: now,
    });
    return row;
  });
}

export type ClaimResult =
  | { ok: true; claimId: string; expiresAt: Date; remindAt: Date }
  | {
      ok: false;
      reason: "not_found" | "already_claimed" | "not_claimable" | "triage_required" | "claim_limit";
    };

export interface ClaimPolicy {
  claimExpiryHours: number;
  maxOpenClaimsPerVolunteer: number;
  intakeRequiresTriage: boolean;
}

/**
 * One transaction: the volunteer's row is locked (so their open-claim cap holds under parallel
 * requests), then the need's row (so exactly one of many parallel claims wins); the loser sees
 * the need already claimed. A partial unique index on active claims is the last line of defence.
 */
export async function claimNeed(
  db: Db,
  needId: string,
  volunteerId: string,
  policy: ClaimPolicy,
  now: Date,
): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, volunteerId)).for("update");
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(eq(claims.volunteerId, volunteerId), eq(claims.status, "active")));
    if (Number(open?.n ?? 0) >= policy.maxOpenClaimsPerVolunteer) {
      return { ok: false, reason: "claim_limit" } as const;
    }
    const [need] = await tx
      .select({ status: needs.status })
      .from(needs)
      .where(eq(needs.id, needId))
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    const step = transition(need.status, "claim", "claimer", policy);
    if (!step.ok) {
      const reason =
        step.reason === "triage_required"
          ? "triage_required"
          : need.status === "claimed" || need.status === "in_progress"
            ? "already_claimed"
            : "not_claimable";
      return { ok: false, reason } as const;
    }
    await tx.update(needs).set({ status: step.to, updatedAt: now }).where(eq(needs.id, needId));
    const times = claimTimes(now, policy.claimExpiryHours);
    const claimId = uuidv7();
    await tx.insert(claims).values({
      id: claimId,
      needId,
      volunteerId,
      status: "active",
      claimedAt: now,
      ...times,
    });
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId,
      action: "claim",
      fromStatus: need.status,
      toStatus: step.to,
      actorKind: "claimer",
      actorId: volunteerId,
      createdAt: now,
    });
    return { ok: true, claimId, ...times } as const;
  });
}

/** Ends an active claim (released by a person, or expired by the system): the need goes back to the queue. */
export async function endClaim(
  db: Db,
  claimId: string,
  action: Extract<NeedAction, "release" | "expire">,
  actor: { kind: Actor; id: string | null },
  policy: { intakeRequiresTriage: boolean },
  now: Date,
): Promise<{ ok: true; needId: string; to: NeedStatus } | { ok: false }> {
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .update(claims)
      .set({ status: action === "expire" ? "expired" : "released", endedAt: now })
      .where(and(eq(claims.id, claimId), eq(claims.status, "active")))
      .returning({ needId: claims.needId });
    if (!claim) return { ok: false } as const;
    const [need] = await tx
      .select({ status: needs.status })
      .from(needs)
      .where(eq(needs.id, claim.needId))
      .for("update");
    if (!need) return { ok: false } as const;
    const step = transition(need.status, action, actor.kind, policy);
    if (!step.ok) throw new Error(`claim ${claimId} active on a need in ${need.status}`);
    await tx
      .update(needs)
      .set({ status: step.to, updatedAt: now })
      .where(eq(needs.id, claim.needId));
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId: claim.needId,
      action,
      fromStatus: need.status,
      toStatus: step.to,
      actorKind: actor.kind,
      actorId: actor.id,
      createdAt: now,
    });
    return { ok: true, needId: claim.needId, to: step.to } as const;
  });
}

/** Claims whose time is up, for the expiry job. */
export async function dueClaims(
  db: Db,
  now: Date,
  limit: number,
): Promise<{ id: string; needId: string }[]> {
  return db
    .select({ id: claims.id, needId: claims.needId })
    .from(claims)
    .where(and(eq(claims.status, "active"), sql`${claims.expiresAt} <= ${now}`))
    .limit(limit);
}

export async function needsInQueue(
  db: Db,
  groupId: string,
  policy: { intakeRequiresTriage: boolean },
) {
  return db
    .select()
    .from(needs)
    .where(and(eq(needs.groupId, groupId), inArray(needs.status, queueStatuses(policy))));
}

export async function needHistory(db: Db, needId: string) {
  return db
    .select()
    .from(needEvents)
    .where(eq(needEvents.needId, needId))
    .orderBy(needEvents.createdAt, needEvents.id);
}
