// The SQL of imports: what the group already holds (to skip repeats), and the writes, each
// import in one transaction: all its rows or none.
import { and, eq, inArray, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { recordAudit } from "../audit/store";
import { newShortCode } from "../exchange/intake";
import { needEvents, needs } from "../exchange/schema";
import { isUniqueViolation, type NeedRow, type NewNeed } from "../exchange/store";
import { memberships } from "../groups/schema";
import { createInvitation, type GroupRow } from "../groups/store";

const CHUNK = 1000;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The group's needs from any of these contacts (hashed), to compare descriptions with. */
export async function requestsOfContacts(
  db: Db,
  groupId: string,
  contactHashes: readonly string[],
): Promise<{ contactHash: string; description: string }[]> {
  const out: { contactHash: string; description: string }[] = [];
  for (const part of chunks([...new Set(contactHashes)])) {
    const rows = await db
      .select({ contactHash: needs.contactHash, description: needs.description })
      .from(needs)
      .where(and(eq(needs.groupId, groupId), inArray(needs.contactHash, part)));
    for (const r of rows) {
      if (r.contactHash) out.push({ contactHash: r.contactHash, description: r.description });
    }
  }
  return out;
}

/** Which of these emails (lower case) belong to active or pending members of the group. */
export async function memberEmails(
  db: Db,
  groupId: string,
  emails: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(emails)])) {
    const rows = await db
      .select({ email: sql<string>`lower(${users.email})` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.groupId, groupId), inArray(sql`lower(${users.email})`, part)));
    for (const r of rows) found.add(r.email);
  }
  return found;
}

const SHORT_CODE_ATTEMPTS = 5;
/** Needs per multi-row insert: ~30 columns each stays far below PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/**
 * Writes the needs of one import and its audit entry in one transaction: if any insert fails,
 * none of them stays. Needs go in batches of multi-row inserts, each with its history rows
 * ("post" by the coordinator, as createNeed writes them) — 5,000 single inserts would hold the
 * database (PGlite's one connection) for minutes. A batch is a savepoint: a short code drawn
 * twice in the group redraws that batch's codes and tries it again.
 */
export async function importNeeds(
  db: Db,
  group: Pick<GroupRow, "id" | "networkId">,
  rows: readonly { values: NewNeed; createdAt: Date }[],
  actorId: string,
  audit: Record<string, string | number>,
): Promise<Pick<NeedRow, "id" | "status">[]> {
  return db.transaction(async (tx) => {
    const created: Pick<NeedRow, "id" | "status">[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      let part = rows.slice(start, start + BATCH);
      for (let attempt = 1; ; attempt++) {
        try {
          const inserted = await tx.transaction(async (batch) => {
            const values = part.map((row) => ({
              ...row.values,
              id: uuidv7(),
              status: "new" as const,
              createdAt: row.createdAt,
              updatedAt: row.createdAt,
            }));
            const out = await batch
              .insert(needs)
              .values(values)
              .returning({ id: needs.id, status: needs.status });
            await batch.insert(needEvents).values(
              values.map((need) => ({
                id: uuidv7(),
                needId: need.id,
                action: "post",
                fromStatus: null,
                toStatus: "new" as const,
                actorKind: "coordinator",
                actorId,
                createdAt: need.createdAt,
              })),
            );
            return out;
          });
          created.push(...inserted);
          break;
        } catch (err) {
          if (attempt >= SHORT_CODE_ATTEMPTS || !isUniqueViolation(err, "needs_group_short_code")) {
            throw err;
          }
          part = part.map((row) => ({
            ...row,
            values: { ...row.values, shortCode: newShortCode() },
          }));
        }
      }
    }
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId,
      action: "needs.imported",
      targetType: "group",
      targetId: group.id,
      details: { ...audit, created: created.length },
    });
    return created;
  });
}

/**
 * One single-use volunteer invitation per person, and the import's audit entry, in one
 * transaction. Nobody gets an account: each person decides by following their link.
 */
export async function importInvitations(
  db: Db,
  group: GroupRow,
  tokenHashes: readonly string[],
  expiresAt: Date,
  actorId: string,
  audit: Record<string, string | number>,
): Promise<number> {
  return db.transaction(async (tx) => {
    for (const tokenHash of tokenHashes) {
      await createInvitation(tx, group, {
        tokenHash,
        role: "volunteer",
        maxUses: 1,
        expiresAt,
        createdBy: actorId,
      });
    }
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId,
      action: "volunteers.imported",
      targetType: "group",
      targetId: group.id,
      details: { ...audit, invited: tokenHashes.length },
    });
    return tokenHashes.length;
  });
}
