// Needs, their history and claims: the only SQL for them.
import { and, arrayContains, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { cancel, enqueue } from "../jobs/store";
import type { CategoryId, Urgency } from "./categories";
import {
  type Actor,
  claimTimes,
  isClosed,
  type NeedAction,
  type NeedStatus,
  queueStatuses,
  transition,
} from "./model";
import { insertExchangeRecord, type Moved } from "./records";
import { claims, needEvents, needs, urgencyRank } from "./schema";

export type NeedRow = typeof needs.$inferSelect;

export const JOB = {
  reminder: "exchange.claim_reminder",
  expiry: "exchange.claim_expiry",
  retention: "exchange.retention",
} as const;

/** Schedules a claim's reminder and expiry, in the claim's own transaction. */
export async function scheduleClaimJobs(
  tx: Db,
  claim: { id: string; remindAt: Date; expiresAt: Date },
): Promise<void> {
  await enqueue(tx, {
    kind: JOB.reminder,
    payload: { claimId: claim.id },
    runAt: claim.remindAt,
    dedupeKey: `claim-reminder:${claim.id}`,
  });
  await enqueue(tx, {
    kind: JOB.expiry,
    payload: { claimId: claim.id },
    runAt: claim.expiresAt,
    dedupeKey: `claim-expiry:${claim.id}`,
  });
}

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
  /** The route's group: a need of another group is not found (saves reading the need first). */
  scope: { groupId?: string } = {},
): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, volunteerId)).for("update");
    // Counted after the lock is held (a statement of its own, so it sees claims just committed).
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(eq(claims.volunteerId, volunteerId), eq(claims.status, "active")));
    const [need] = await tx
      .select({ status: needs.status })
      .from(needs)
      .where(
        and(eq(needs.id, needId), scope.groupId ? eq(needs.groupId, scope.groupId) : undefined),
      )
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    if (Number(open?.n ?? 0) >= policy.maxOpenClaimsPerVolunteer) {
      return { ok: false, reason: "claim_limit" } as const;
    }
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
    await scheduleClaimJobs(tx, { id: claimId, ...times });
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
    // The reminder is moot either way; the expiry job is the one running when action = expire.
    await cancel(tx, `claim-reminder:${claimId}`);
    if (action === "release") await cancel(tx, `claim-expiry:${claimId}`);
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

// ---- intake, the status link and the group's view of one need ----

export type NeedEventRow = typeof needEvents.$inferSelect;

export async function getNeed(db: Db, needId: string): Promise<NeedRow | null> {
  const [row] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  return row ?? null;
}

/** The need behind a status link: one indexed lookup by the token's hash. */
export async function needByStatusTokenHash(db: Db, tokenHash: string): Promise<NeedRow | null> {
  const [row] = await db.select().from(needs).where(eq(needs.statusTokenHash, tokenHash)).limit(1);
  return row ?? null;
}

export async function activeClaimOf(
  db: Db,
  needId: string,
): Promise<{ id: string; volunteerId: string } | null> {
  const [row] = await db
    .select({ id: claims.id, volunteerId: claims.volunteerId })
    .from(claims)
    .where(and(eq(claims.needId, needId), eq(claims.status, "active")))
    .limit(1);
  return row ?? null;
}

/**
 * A recent need of the same group that may be the same request: the same contact (hashed), or
 * a very similar description (pg_trgm) in the same resolution-8 cell. Most recent first.
 */
export async function findPossibleDuplicate(
  db: Db,
  candidate: {
    groupId: string;
    contactHash: string | null;
    description: string;
    h3r8: string | null;
  },
  since: Date,
  similarity: number,
): Promise<string | null> {
  const sameContact = candidate.contactHash
    ? eq(needs.contactHash, candidate.contactHash)
    : undefined;
  const similarNearby = candidate.h3r8
    ? and(
        eq(needs.h3r8, candidate.h3r8),
        sql`similarity(${needs.description}, ${candidate.description}) > ${similarity}`,
      )
    : undefined;
  if (!sameContact && !similarNearby) return null;
  const [row] = await db
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        eq(needs.groupId, candidate.groupId),
        sql`${needs.createdAt} >= ${since}`,
        sameContact && similarNearby
          ? or(sameContact, similarNearby)
          : (sameContact ?? similarNearby),
      ),
    )
    .orderBy(desc(needs.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** True when `err` (or what it wraps) is a unique violation of the named index. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === "23505") return e.constraint === undefined || e.constraint === constraint;
    e = e.cause as typeof e;
  }
  return false;
}

export type RequesterCancelResult =
  | { ok: true; need: NeedRow }
  | { ok: false; reason: "not_found" | "closed" };

/**
 * The requester cancels through their status link: the model decides, an active claim ends
 * (released), and a history row records it, in one transaction under the need's row lock.
 */
export async function cancelByRequester(
  db: Db,
  needId: string,
  reason: string | null,
  policy: { intakeRequiresTriage: boolean },
  now: Date,
): Promise<RequesterCancelResult> {
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select({ status: needs.status, requesterId: needs.requesterId })
      .from(needs)
      .where(eq(needs.id, needId))
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    const step = transition(need.status, "cancel", "requester", policy);
    if (!step.ok) return { ok: false, reason: "closed" } as const;
    const ended = await tx
      .update(claims)
      .set({ status: "released", endedAt: now })
      .where(and(eq(claims.needId, needId), eq(claims.status, "active")))
      .returning({ id: claims.id });
    for (const claim of ended) {
      await cancel(tx, `claim-reminder:${claim.id}`);
      await cancel(tx, `claim-expiry:${claim.id}`);
    }
    const [row] = await tx
      .update(needs)
      .set({ status: step.to, updatedAt: now, closedAt: now })
      .where(eq(needs.id, needId))
      .returning();
    if (!row) throw new Error(`need ${needId} vanished under its lock`);
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId,
      action: "cancel",
      fromStatus: need.status,
      toStatus: step.to,
      actorKind: "requester",
      actorId: need.requesterId,
      reason,
      createdAt: now,
    });
    return { ok: true, need: row } as const;
  });
}

// ---- the other transitions a person takes on a need: triage, start, fulfil ----

export type TransitionOutcome =
  | { ok: true; from: NeedStatus; to: NeedStatus }
  | {
      ok: false;
      reason:
        | "not_found"
        | "not_claimer"
        | "not_allowed_from_status"
        | "not_allowed_for_actor"
        | "triage_required";
    };

/**
 * One transition of a need by a person, in one transaction under the need's row lock: the
 * model decides, a claimer must hold the active claim, a closing transition ends the active
 * claim (completed when fulfilled, released otherwise) with its jobs and stamps closedAt, and
 * a history row records it. Claims and their ending have their own functions (claimNeed,
 * endClaim) because they create or end a claim by id.
 */
export async function applyNeedTransition(
  db: Db,
  needId: string,
  action: Exclude<NeedAction, "claim" | "release" | "expire">,
  actor: { kind: Actor; id: string | null },
  policy: { intakeRequiresTriage: boolean },
  now: Date,
  extra: { reason?: string | null; moved?: Moved } = {},
): Promise<TransitionOutcome> {
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select({
        status: needs.status,
        groupId: needs.groupId,
        category: needs.category,
        requesterId: needs.requesterId,
      })
      .from(needs)
      .where(eq(needs.id, needId))
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    const [claim] = await tx
      .select({ id: claims.id, volunteerId: claims.volunteerId })
      .from(claims)
      .where(and(eq(claims.needId, needId), eq(claims.status, "active")))
      .limit(1);
    if (actor.kind === "claimer" && (!claim || claim.volunteerId !== actor.id)) {
      return { ok: false, reason: "not_claimer" } as const;
    }
    const step = transition(need.status, action, actor.kind, policy);
    if (!step.ok) return { ok: false, reason: step.reason } as const;
    const closes = isClosed(step.to);
    if (closes && claim) {
      await tx
        .update(claims)
        .set({ status: action === "fulfil" ? "completed" : "released", endedAt: now })
        .where(eq(claims.id, claim.id));
      await cancel(tx, `claim-reminder:${claim.id}`);
      await cancel(tx, `claim-expiry:${claim.id}`);
    }
    await tx
      .update(needs)
      .set(
        closes
          ? { status: step.to, updatedAt: now, closedAt: now }
          : { status: step.to, updatedAt: now },
      )
      .where(eq(needs.id, needId));
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId,
      action,
      fromStatus: need.status,
      toStatus: step.to,
      actorKind: actor.kind,
      actorId: actor.id,
      reason: extra.reason ?? null,
      createdAt: now,
    });
    // A fulfilled need is an exchange: the volunteer who held it gave, the requester received
    // (null when they asked without an account), and what moved if the closer said.
    if (action === "fulfil") {
      await insertExchangeRecord(
        tx,
        {
          groupId: need.groupId,
          category: need.category,
          needId,
          giverId: claim?.volunteerId ?? null,
          receiverId: need.requesterId,
          recordedBy: actor.id,
          moved: extra.moved ?? {},
        },
        now,
      );
    }
    return { ok: true, from: need.status, to: step.to } as const;
  });
}

/**
 * The requester adds to their description through the status link, under the need's lock:
 * refused once the need is closed or redacted, or when the whole would grow past `max`. A
 * history row ("add_details", status unchanged) says when.
 */
export async function addDetails(
  db: Db,
  needId: string,
  details: string,
  max: number,
  now: Date,
): Promise<
  { ok: true; need: NeedRow } | { ok: false; reason: "not_found" | "closed" | "too_long" }
> {
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select({
        status: needs.status,
        description: needs.description,
        requesterId: needs.requesterId,
        redactedAt: needs.redactedAt,
      })
      .from(needs)
      .where(eq(needs.id, needId))
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    if (isClosed(need.status) || need.redactedAt) return { ok: false, reason: "closed" } as const;
    const description = `${need.description}\n\n${details}`;
    if (description.length > max) return { ok: false, reason: "too_long" } as const;
    const [row] = await tx
      .update(needs)
      .set({ description, updatedAt: now })
      .where(eq(needs.id, needId))
      .returning();
    if (!row) throw new Error(`need ${needId} vanished under its lock`);
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId,
      action: "add_details",
      fromStatus: need.status,
      toStatus: need.status,
      actorKind: "requester",
      actorId: need.requesterId,
      createdAt: now,
    });
    return { ok: true, need: row } as const;
  });
}

/**
 * The requester confirms, through the status link, that they were helped. After a volunteer
 * marked the need fulfilled, this is a history row ("confirm", once; a second confirmation
 * changes nothing). While a volunteer holds it, the requester fulfils it themself (the
 * transition table allows it). Otherwise refused.
 */
export async function recordConfirmation(
  db: Db,
  needId: string,
  now: Date,
): Promise<{ ok: true; changed: boolean } | { ok: false; reason: "not_found" | "not_allowed" }> {
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select({ status: needs.status, requesterId: needs.requesterId })
      .from(needs)
      .where(eq(needs.id, needId))
      .for("update");
    if (!need) return { ok: false, reason: "not_found" } as const;
    if (need.status !== "fulfilled") return { ok: false, reason: "not_allowed" } as const;
    const [already] = await tx
      .select({ id: needEvents.id })
      .from(needEvents)
      .where(and(eq(needEvents.needId, needId), eq(needEvents.action, "confirm")))
      .limit(1);
    if (already) return { ok: true, changed: false } as const;
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId,
      action: "confirm",
      fromStatus: "fulfilled",
      toStatus: "fulfilled",
      actorKind: "requester",
      actorId: need.requesterId,
      createdAt: now,
    });
    return { ok: true, changed: true } as const;
  });
}

// ---- the board ----

/** The columns of a need anyone on the board may see (never the point, address or contact). */
const publicColumns = {
  id: needs.id,
  groupId: needs.groupId,
  status: needs.status,
  category: needs.category,
  description: needs.description,
  urgency: needs.urgency,
  householdSize: needs.householdSize,
  languages: needs.languages,
  windowStart: needs.windowStart,
  windowEnd: needs.windowEnd,
  h3r8: needs.h3r8,
  createdAt: needs.createdAt,
  duplicateOf: needs.duplicateOf,
};
export type PublicNeedRow = Pick<NeedRow, keyof typeof publicColumns>;

export interface BoardFilters {
  statuses: readonly NeedStatus[];
  category?: CategoryId | undefined;
  urgency?: Urgency | undefined;
  language?: string | undefined;
  createdSince?: Date | undefined;
  /** Within radiusKm of the point; needs without a point are left out. */
  near?: { lat: number; lng: number; radiusKm: number } | undefined;
}

/**
 * A group's board: the needs in the given statuses matching the filters, most urgent first,
 * then longest waiting. The distance is computed in SQL (earthdistance) and never selected.
 * The order is the one of the partial indexes needs_open_queue / needs_open_category, so the
 * database walks one of them and stops at `limit` (docs/decisions/0019-exchange-indexes.md).
 */
export async function boardNeeds(
  db: Db,
  groupId: string,
  filters: BoardFilters,
  limit: number,
): Promise<{ need: PublicNeedRow; claimerId: string | null }[]> {
  return boardNeedsQuery(db, groupId, filters, limit);
}

/** The board's query, not yet run: the bench times its `.toSQL()` directly against the HTTP route. */
export function boardNeedsQuery(db: Db, groupId: string, filters: BoardFilters, limit: number) {
  const near = filters.near;
  const here = near ? sql`ll_to_earth(${near.lat}::float8, ${near.lng}::float8)` : null;
  return db
    .select({ need: publicColumns, claimerId: claims.volunteerId })
    .from(needs)
    .leftJoin(claims, and(eq(claims.needId, needs.id), eq(claims.status, "active")))
    .where(
      and(
        eq(needs.groupId, groupId),
        inArray(needs.status, [...filters.statuses]),
        filters.category ? eq(needs.category, filters.category) : undefined,
        filters.urgency ? eq(needs.urgency, filters.urgency) : undefined,
        filters.language ? arrayContains(needs.languages, [filters.language]) : undefined,
        filters.createdSince ? sql`${needs.createdAt} >= ${filters.createdSince}` : undefined,
        // No earth_box prefilter: without a GiST index it only costs time, and its estimate
        // (0.1 % of rows) would steer the planner off the ordered index walk.
        near && here
          ? and(
              sql`${needs.lat} is not null and ${needs.lng} is not null`,
              sql`earth_distance(${here}, ll_to_earth(${needs.lat}, ${needs.lng})) <= ${near.radiusKm * 1000}::float8`,
            )
          : undefined,
      ),
    )
    .orderBy(urgencyRank(needs.urgency), asc(needs.createdAt), asc(needs.id))
    .limit(limit);
}

/**
 * The shareable list's needs: only the columns it may show (category, urgency, age, the r7
 * cell), so nothing personal is even read.
 */
export async function sharedNeeds(
  db: Db,
  groupId: string,
  statuses: readonly NeedStatus[],
): Promise<SharedNeedRow[]> {
  return db
    .select({
      category: needs.category,
      urgency: needs.urgency,
      createdAt: needs.createdAt,
      h3r7: needs.h3r7,
    })
    .from(needs)
    .where(and(eq(needs.groupId, groupId), inArray(needs.status, [...statuses])))
    .orderBy(
      sql`case ${needs.urgency} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
      asc(needs.createdAt),
      asc(needs.id),
    );
}

export type SharedNeedRow = Pick<NeedRow, "category" | "urgency" | "createdAt" | "h3r7">;

/** A group's needs for the CSV export, oldest first: the open ones, or all (`statuses` null). */
export async function exportNeeds(
  db: Db,
  groupId: string,
  statuses: readonly NeedStatus[] | null,
): Promise<NeedRow[]> {
  return db
    .select()
    .from(needs)
    .where(
      and(eq(needs.groupId, groupId), statuses ? inArray(needs.status, [...statuses]) : undefined),
    )
    .orderBy(asc(needs.createdAt), asc(needs.id));
}
