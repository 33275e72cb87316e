// Append-only logs: administrative actions, and reveals of personal data. Only inserts and reads.
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { auditLog, revealLog } from "./schema";

export interface AuditEntry {
  networkId?: string | null;
  groupId?: string | null;
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: uuidv7(),
    networkId: entry.networkId ?? null,
    groupId: entry.groupId ?? null,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}

export type AuditRow = typeof auditLog.$inferSelect;

const actor = alias(users, "actor");
const target = alias(users, "target");

/**
 * A group's audit entries with the names of who acted and on whom, newest first (UUID v7 ids
 * are time-ordered); `before` is the id of the last row of the previous page.
 */
export async function groupAudit(
  db: Db,
  groupId: string,
  limit: number,
  before?: string,
): Promise<(AuditRow & { actorName: string | null; targetName: string | null })[]> {
  const rows = await db
    .select({ entry: auditLog, actorName: actor.name, targetName: target.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(
      target,
      and(eq(auditLog.targetType, "user"), eq(sql`${target.id}::text`, auditLog.targetId)),
    )
    .where(and(eq(auditLog.groupId, groupId), before ? lt(auditLog.id, before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.entry, actorName: r.actorName, targetName: r.targetName }));
}

export interface Reveal {
  viewerId: string | null;
  subjectUserId: string | null;
  subjectType: string;
  subjectId: string;
  field: string;
  reason: string;
  groupId?: string | null;
}

export async function recordReveals(db: Db, reveals: Reveal[]): Promise<void> {
  if (reveals.length === 0) return;
  await db.insert(revealLog).values(
    reveals.map((r) => ({
      id: uuidv7(),
      viewerId: r.viewerId,
      subjectUserId: r.subjectUserId,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      field: r.field,
      reason: r.reason,
      groupId: r.groupId ?? null,
    })),
  );
}

export type RevealRow = typeof revealLog.$inferSelect;

/** Reveals of a person's data, and those they made, for their data download. */
export async function revealsAbout(db: Db, userId: string): Promise<RevealRow[]> {
  return db
    .select()
    .from(revealLog)
    .where(or(eq(revealLog.subjectUserId, userId), eq(revealLog.viewerId, userId)))
    .orderBy(desc(revealLog.createdAt));
}
