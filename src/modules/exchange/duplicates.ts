// Possible duplicates: needs flagged at intake (same hashed contact, or a very similar text in
// the same r8 cell within 7 days) that a coordinator has not reviewed yet; merging one into
// another (history kept on both), or dismissing the flag. The SQL and the presenter for them.
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import type { Viewer } from "../../server/viewer";
import type { Reveal } from "../audit/store";
import { CLOSED_STATUSES, isClosed, NEED_STATUSES, type NeedStatus } from "./model";
import { needEvents, needs } from "./schema";
import { applyNeedTransition, type NeedRow } from "./store";

const ACTIVE_STATUSES: NeedStatus[] = NEED_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

/** The most pairs one answer holds (oldest flag first). */
export const DUPLICATES_LIMIT = 100;

/**
 * The group's flagged needs still open and not yet reviewed, oldest first, each with the need
 * it may repeat (null when that one is gone).
 */
export async function flaggedPairs(
  db: Db,
  groupId: string,
  limit = DUPLICATES_LIMIT,
): Promise<{ need: NeedRow; original: NeedRow | null }[]> {
  const flagged = await db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.groupId, groupId),
        isNotNull(needs.duplicateOf),
        isNull(needs.duplicateReviewedAt),
        inArray(needs.status, ACTIVE_STATUSES),
      ),
    )
    .orderBy(asc(needs.createdAt), asc(needs.id))
    .limit(limit);
  const originalIds = [...new Set(flagged.map((n) => n.duplicateOf as string))];
  const originals = originalIds.length
    ? await db
        .select()
        .from(needs)
        .where(and(eq(needs.groupId, groupId), inArray(needs.id, originalIds)))
    : [];
  const byId = new Map(originals.map((n) => [n.id, n]));
  return flagged.map((need) => ({ need, original: byId.get(need.duplicateOf as string) ?? null }));
}

export type DuplicateRefusal =
  | "need_not_found"
  | "duplicate_not_flagged"
  | "duplicate_already_reviewed"
  | "duplicate_need_closed"
  | "duplicate_merge_self"
  | "duplicate_target_not_found"
  | "duplicate_target_closed";

/** The HTTP status of each refusal (the code is the problem's code). */
export const DUPLICATE_REFUSAL_STATUS: Record<DuplicateRefusal, number> = {
  need_not_found: 404,
  duplicate_not_flagged: 409,
  duplicate_already_reviewed: 409,
  duplicate_need_closed: 409,
  duplicate_merge_self: 422,
  duplicate_target_not_found: 422,
  duplicate_target_closed: 409,
};

/** Why a flagged need may not be reviewed (merged or dismissed) now, or null. Pure. */
export function reviewRefusal(
  need: Pick<NeedRow, "groupId" | "duplicateOf" | "duplicateReviewedAt" | "status"> | null,
  groupId: string,
): DuplicateRefusal | null {
  if (!need || need.groupId !== groupId) return "need_not_found";
  if (need.duplicateReviewedAt) return "duplicate_already_reviewed";
  if (!need.duplicateOf) return "duplicate_not_flagged";
  if (isClosed(need.status)) return "duplicate_need_closed";
  return null;
}

/** Why `need` may not be merged into `target`, or null. Pure. */
export function mergeRefusal(
  need: Pick<NeedRow, "id" | "groupId" | "duplicateOf" | "duplicateReviewedAt" | "status"> | null,
  target: Pick<NeedRow, "id" | "groupId" | "status"> | null,
  groupId: string,
): DuplicateRefusal | null {
  const refusal = reviewRefusal(need, groupId);
  if (refusal) return refusal;
  if (target && need && target.id === need.id) return "duplicate_merge_self";
  if (!target || target.groupId !== groupId) return "duplicate_target_not_found";
  if (isClosed(target.status)) return "duplicate_target_closed";
  return null;
}

async function lockNeeds(tx: Db, ids: string[]): Promise<Map<string, NeedRow>> {
  // One statement, rows locked in id order: two merges crossing each other cannot deadlock.
  const rows = await tx
    .select()
    .from(needs)
    .where(inArray(needs.id, ids))
    .orderBy(asc(needs.id))
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

export type MergeResult =
  | { ok: true; merged: { id: string; status: NeedStatus }; kept: NeedRow }
  | { ok: false; reason: DuplicateRefusal };

/**
 * Merges the flagged need into `into`, in one transaction under both rows' locks: the flagged
 * need moves to `duplicate` through the transition table (`mark_duplicate`, its history row
 * naming the kept need, an active claim on it released), is marked reviewed and points at the
 * kept need; the kept need gets a history row (`merge_duplicate`) carrying the merged need's
 * short code and text, so nothing the person wrote is lost. The merged need's thread stays on
 * it (decision 0016). `note` is the kept need's history text, built by the caller.
 */
export async function mergeDuplicate(
  db: Db,
  args: {
    groupId: string;
    needId: string;
    into: string;
    actorId: string;
    policy: { intakeRequiresTriage: boolean };
    note: (merged: NeedRow) => string;
    now: Date;
  },
): Promise<MergeResult> {
  const { groupId, needId, into, actorId, policy, now } = args;
  return db.transaction(async (tx) => {
    const locked = await lockNeeds(tx, needId === into ? [needId] : [needId, into]);
    const need = locked.get(needId) ?? null;
    const target = locked.get(into) ?? null;
    const refusal = mergeRefusal(need, target, groupId);
    if (refusal || !need || !target) {
      return { ok: false, reason: refusal ?? "need_not_found" } as const;
    }
    const step = await applyNeedTransition(
      tx,
      need.id,
      "mark_duplicate",
      { kind: "coordinator", id: actorId },
      policy,
      now,
      { reason: target.shortCode },
    );
    // The checks above ran under the same locks: the table cannot refuse now.
    if (!step.ok) throw new Error(`mark_duplicate refused on need ${need.id}: ${step.reason}`);
    await tx
      .update(needs)
      .set({ duplicateOf: target.id, duplicateReviewedAt: now, duplicateReviewedBy: actorId })
      .where(eq(needs.id, need.id));
    await tx.insert(needEvents).values({
      id: uuidv7(),
      needId: target.id,
      action: "merge_duplicate",
      fromStatus: target.status,
      toStatus: target.status,
      actorKind: "coordinator",
      actorId,
      reason: args.note(need),
      createdAt: now,
    });
    await tx.update(needs).set({ updatedAt: now }).where(eq(needs.id, target.id));
    return { ok: true, merged: { id: need.id, status: step.to }, kept: target } as const;
  });
}

export type DismissResult = { ok: true; need: NeedRow } | { ok: false; reason: DuplicateRefusal };

/** Keeps both needs: the flag is marked reviewed (who, when) and leaves the list. */
export async function dismissDuplicate(
  db: Db,
  args: { groupId: string; needId: string; actorId: string; now: Date },
): Promise<DismissResult> {
  return db.transaction(async (tx) => {
    const need = (await lockNeeds(tx, [args.needId])).get(args.needId) ?? null;
    const refusal = reviewRefusal(need, args.groupId);
    if (refusal || !need) return { ok: false, reason: refusal ?? "need_not_found" } as const;
    const [row] = await tx
      .update(needs)
      .set({ duplicateReviewedAt: args.now, duplicateReviewedBy: args.actorId })
      .where(eq(needs.id, need.id))
      .returning();
    if (!row) throw new Error(`need ${need.id} vanished under its lock`);
    return { ok: true, need: row } as const;
  });
}

/** Needs merged into this one (for the kept need's page), oldest first. */
export async function mergedInto(db: Db, needId: string): Promise<NeedRow[]> {
  return db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.duplicateOf, needId),
        eq(needs.status, "duplicate"),
        isNotNull(needs.duplicateReviewedAt),
      ),
    )
    .orderBy(asc(needs.createdAt));
}

// ---- what leaves the server: one side of a pair, for coordinators ----

export interface DuplicateSide {
  id: string;
  status: NeedStatus;
  category: string;
  description: string;
  urgency: string;
  householdSize: number | null;
  languages: string[];
  place: string | null;
  createdAt: string;
  shortCode: string;
  /** Redacted needs (retention passed) have none left. */
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    channel: string;
  };
  locationText: string | null;
  sameContact: boolean;
}

const SENSITIVE: [keyof NeedRow, string][] = [
  ["contactName", "name"],
  ["contactEmail", "email"],
  ["contactPhone", "phone"],
  ["locationText", "location_text"],
];

function side(need: NeedRow, other: NeedRow | null): DuplicateSide {
  return {
    id: need.id,
    status: need.status,
    category: need.category,
    description: need.description,
    urgency: need.urgency,
    householdSize: need.householdSize,
    languages: need.languages,
    place: need.h3r8,
    createdAt: need.createdAt.toISOString(),
    shortCode: need.shortCode,
    contact: {
      name: need.contactName,
      email: need.contactEmail,
      phone: need.contactPhone,
      channel: need.contactChannel,
    },
    locationText: need.locationText,
    sameContact: !!need.contactHash && need.contactHash === other?.contactHash,
  };
}

/**
 * The pairs side by side for a coordinator (the route's policy admits only those): public
 * fields, contact and typed place; every shown contact field becomes a reveal-log row.
 */
export function presentPairs(
  pairs: { need: NeedRow; original: NeedRow | null }[],
  viewer: Viewer,
  reason: "coordinator" | "network_admin",
): {
  view: { pairs: { need: DuplicateSide; original: DuplicateSide | null }[] };
  reveals: Reveal[];
} {
  const reveals: Reveal[] = [];
  const reveal = (need: NeedRow) => {
    for (const [column, field] of SENSITIVE) {
      if (need[column] === null || need[column] === undefined) continue;
      reveals.push({
        viewerId: viewer.user?.id ?? null,
        subjectUserId: need.requesterId,
        subjectType: "need",
        subjectId: need.id,
        field,
        reason: `duplicates:${reason}`,
        groupId: need.groupId,
      });
    }
  };
  const view = {
    pairs: pairs.map(({ need, original }) => {
      reveal(need);
      if (original) reveal(original);
      return { need: side(need, original), original: original ? side(original, need) : null };
    }),
  };
  return { view, reveals };
}
