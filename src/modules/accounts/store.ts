// Accounts: the only SQL for people, their emailed tokens, lockout, data download and deletion.
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { hashToken, newToken } from "../../lib/tokens";
import { auditLog } from "../audit/schema";
import { recordAudit } from "../audit/store";
import { groups, memberships, networkRoles, networks } from "../groups/schema";
import {
  afterFailedSignIn,
  DEFAULT_CONTACT_PREFERENCES,
  deletedName,
  orphanedByDeparture,
  TOKEN_LIFETIME_MS,
  TOKEN_RETENTION_MS,
  type TokenPurpose,
} from "./model";
import { type ContactPreferences, emailTokens, sessions, users } from "./schema";
import { deleteUserSessions } from "./sessions";

export type UserRow = typeof users.$inferSelect;

const byEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

/** A live (not deleted) account by email, case-insensitively. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(byEmail(email), isNull(users.deletedAt)))
    .limit(1);
  return row ?? null;
}

export async function getUser(db: Db, userId: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return row ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === "23505") return true;
    if (e.cause === e) break;
  }
  return false;
}

export interface NewUser {
  name: string;
  email: string;
  phone: string | null;
  passwordHash: string;
  languages: string[];
  now: Date;
}

/** Creates an account; null when the email is already taken (even by a concurrent sign-up). */
export async function createUser(db: Db, input: NewUser): Promise<UserRow | null> {
  try {
    const [row] = await db
      .insert(users)
      .values({
        id: uuidv7(),
        name: input.name,
        email: input.email,
        phone: input.phone,
        passwordHash: input.passwordHash,
        languages: input.languages,
        createdAt: input.now,
      })
      .returning();
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

// ---- lockout ----

/** Counts one failed sign-in under a row lock; `justLocked` is true for the failure that locks. */
export async function recordFailedSignIn(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ justLocked: boolean; lockedUntil: Date | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ failedSignIns: users.failedSignIns, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!row) return { justLocked: false, lockedUntil: null };
    const next = afterFailedSignIn(row, now);
    await tx
      .update(users)
      .set({ failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil })
      .where(eq(users.id, userId));
    if (next.justLocked) {
      await recordAudit(tx, {
        actorId: null,
        action: "account.locked",
        targetType: "user",
        targetId: userId,
        details: { failedSignIns: next.failedSignIns },
      });
    }
    return { justLocked: next.justLocked, lockedUntil: next.lockedUntil };
  });
}

/** Forgets failed sign-ins and any lock (after a success, or an unlock/sign-in/reset link). */
export async function clearLockout(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: null })
    .where(
      and(
        eq(users.id, userId),
        or(gt(users.failedSignIns, 0), sql`${users.lockedUntil} is not null`),
      ),
    );
}

// ---- emailed tokens ----

/** Creates a single-use token for `purpose` and returns it (only its hash is stored). */
export async function issueToken(
  db: Db,
  user: { id: string; email: string },
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const token = newToken();
  await db.insert(emailTokens).values({
    id: hashToken(token),
    userId: user.id,
    purpose,
    email: user.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
  });
  // Housekeeping while we are here: this person's long-dead tokens go.
  await db
    .delete(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, user.id),
        lt(emailTokens.expiresAt, new Date(now.getTime() - TOKEN_RETENTION_MS)),
      ),
    );
  return token;
}

/**
 * Uses a token once: marks it used and returns its account, or null when it is unknown, used,
 * expired, for another purpose, or the account has since been deleted or changed its email.
 * One conditional UPDATE, so two concurrent uses cannot both succeed.
 */
export async function consumeToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<UserRow | null> {
  const [used] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  if (!used) return null;
  const user = await getUser(db, used.userId);
  if (!user?.email || user.email.toLowerCase() !== used.email.toLowerCase()) return null;
  return user;
}

/** Marks the address verified (an emailed link reached it); a no-op when already verified. */
export async function markEmailVerified(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

/**
 * Sets a new password after a reset: every session ends, outstanding sign-in, reset and unlock
 * links stop working, and any lock is lifted, in one transaction.
 */
export async function resetPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        failedSignIns: 0,
        lockedUntil: null,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})`,
      })
      .where(eq(users.id, userId));
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ id: sessions.id });
    await tx
      .update(emailTokens)
      .set({ expiresAt: now })
      .where(
        and(
          eq(emailTokens.userId, userId),
          inArray(emailTokens.purpose, ["sign_in", "reset_password", "unlock"]),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
        ),
      );
    await recordAudit(tx, {
      actorId: userId,
      action: "account.password_reset",
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded: ended.length },
    });
  });
}

// ---- profile ----

export interface ProfilePatch {
  name?: string;
  phone?: string | null;
  languages?: string[];
  contactPreferences?: ContactPreferences;
}

export async function updateProfile(
  db: Db,
  userId: string,
  patch: ProfilePatch,
): Promise<UserRow | null> {
  if (Object.keys(patch).length === 0) return getUser(db, userId);
  const [row] = await db
    .update(users)
    .set(patch)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .returning();
  return row ?? null;
}

// ---- data download ----

/** Group memberships (any status) with the group's name. */
export async function heldMemberships(db: Db, userId: string) {
  return db
    .select({
      groupId: memberships.groupId,
      groupName: groups.name,
      role: memberships.role,
      status: memberships.status,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export async function heldNetworkRoles(db: Db, userId: string) {
  return db
    .select({
      networkId: networkRoles.networkId,
      networkName: networks.name,
      role: networkRoles.role,
      createdAt: networkRoles.createdAt,
    })
    .from(networkRoles)
    .innerJoin(networks, eq(networks.id, networkRoles.networkId))
    .where(eq(networkRoles.userId, userId))
    .orderBy(asc(networkRoles.createdAt));
}

export async function heldTokens(db: Db, userId: string) {
  return db
    .select({
      purpose: emailTokens.purpose,
      createdAt: emailTokens.createdAt,
      expiresAt: emailTokens.expiresAt,
      usedAt: emailTokens.usedAt,
    })
    .from(emailTokens)
    .where(eq(emailTokens.userId, userId))
    .orderBy(asc(emailTokens.createdAt));
}

/** Audit entries the person made, and those about them (e.g. a role given to them). */
export async function auditInvolving(db: Db, userId: string) {
  return db
    .select()
    .from(auditLog)
    .where(
      or(
        eq(auditLog.actorId, userId),
        and(eq(auditLog.targetType, "user"), eq(auditLog.targetId, userId)),
      ),
    )
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
}

// ---- deletion ----

export type DeletionOutcome =
  | { ok: true }
  | { ok: false; lastAdminOfGroups: string[]; lastAdminOfNetworks: string[] };

function countBy(rows: { id: string }[]): { id: string; admins: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.id, (counts.get(row.id) ?? 0) + 1);
  return [...counts].map(([id, admins]) => ({ id, admins }));
}

/**
 * Erases a person: name becomes a pseudonym; email, phone, password, languages and preferences
 * go; sessions, tokens, memberships and network roles are removed. The row stays so history
 * that points at it keeps its shape. Refused when they are the last admin of a group or network;
 * the admin rows involved are locked so two admins cannot both leave at once.
 */
export async function deleteAccount(db: Db, userId: string, now: Date): Promise<DeletionOutcome> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const groupAdmins = await tx
      .select({ id: memberships.groupId })
      .from(memberships)
      .where(
        and(
          eq(memberships.role, "admin"),
          eq(memberships.status, "active"),
          sql`${memberships.groupId} in (select ${memberships.groupId} from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'admin' and ${memberships.status} = 'active')`,
        ),
      )
      // One lock order for everyone, so two departures cannot deadlock.
      .orderBy(asc(memberships.groupId), asc(memberships.userId))
      .for("update");
    const networkAdmins = await tx
      .select({ id: networkRoles.networkId })
      .from(networkRoles)
      .where(
        and(
          eq(networkRoles.role, "admin"),
          sql`${networkRoles.networkId} in (select ${networkRoles.networkId} from ${networkRoles} where ${networkRoles.userId} = ${userId} and ${networkRoles.role} = 'admin')`,
        ),
      )
      .orderBy(asc(networkRoles.networkId), asc(networkRoles.userId))
      .for("update");
    const lastAdminOfGroups = orphanedByDeparture(countBy(groupAdmins));
    const lastAdminOfNetworks = orphanedByDeparture(countBy(networkAdmins));
    if (lastAdminOfGroups.length || lastAdminOfNetworks.length) {
      return { ok: false, lastAdminOfGroups, lastAdminOfNetworks };
    }

    const removedMemberships = await tx
      .delete(memberships)
      .where(eq(memberships.userId, userId))
      .returning({ groupId: memberships.groupId });
    await tx.delete(networkRoles).where(eq(networkRoles.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(emailTokens).where(eq(emailTokens.userId, userId));
    await tx
      .update(users)
      .set({
        name: deletedName(randomBytes(3).toString("hex")),
        email: null,
        emailVerifiedAt: null,
        phone: null,
        passwordHash: null,
        languages: [],
        contactPreferences: DEFAULT_CONTACT_PREFERENCES,
        failedSignIns: 0,
        lockedUntil: null,
        deletedAt: now,
      })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: userId,
      action: "account.deleted",
      targetType: "user",
      targetId: userId,
      details: { groupsLeft: removedMemberships.map((m) => m.groupId) },
    });
    return { ok: true };
  });
}

/** Ends every session of a person (sign out everywhere), with an audit entry. */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await deleteUserSessions(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "account.signed_out_everywhere",
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}
