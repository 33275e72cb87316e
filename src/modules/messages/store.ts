// The SQL of need threads: messages in order with their authors' names, new messages, and
// the people a message is announced to.
import { and, asc, eq, inArray } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { memberships } from "../groups/schema";
import { type MessageAuthorKind, needMessages } from "./schema";

export type MessageRow = typeof needMessages.$inferSelect;
export type ThreadMessage = MessageRow & { authorName: string | null };

/** The thread of a need, oldest first (ids are UUID v7: ties keep their writing order). */
export async function threadOf(db: Db, needId: string): Promise<ThreadMessage[]> {
  return db
    .select({
      id: needMessages.id,
      needId: needMessages.needId,
      authorKind: needMessages.authorKind,
      authorId: needMessages.authorId,
      body: needMessages.body,
      createdAt: needMessages.createdAt,
      authorName: users.name,
    })
    .from(needMessages)
    .leftJoin(users, eq(users.id, needMessages.authorId))
    .where(eq(needMessages.needId, needId))
    .orderBy(asc(needMessages.createdAt), asc(needMessages.id));
}

export async function addMessage(
  db: Db,
  message: { needId: string; authorKind: MessageAuthorKind; authorId: string | null; body: string },
  now: Date,
): Promise<ThreadMessage> {
  const [row] = await db
    .insert(needMessages)
    .values({ id: uuidv7(), ...message, createdAt: now })
    .returning();
  if (!row) throw new Error("message not written");
  let authorName: string | null = null;
  if (row.authorId) {
    const [author] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, row.authorId));
    authorName = author?.name ?? null;
  }
  return { ...row, authorName };
}

export interface Recipient {
  name: string;
  email: string | null;
  languages: string[];
}

export async function person(db: Db, userId: string): Promise<Recipient | null> {
  const [row] = await db
    .select({ name: users.name, email: users.email, languages: users.languages })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The group's active coordinators and admins. */
export async function coordinatorsOf(db: Db, groupId: string): Promise<Recipient[]> {
  return db
    .select({ name: users.name, email: users.email, languages: users.languages })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.groupId, groupId),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "admin"]),
      ),
    );
}

/** Erases the threads of needs whose personal data has passed retention. */
export async function deleteThreads(db: Db, needIds: string[]): Promise<number> {
  if (needIds.length === 0) return 0;
  const deleted = await db
    .delete(needMessages)
    .where(inArray(needMessages.needId, needIds))
    .returning({ id: needMessages.id });
  return deleted.length;
}
