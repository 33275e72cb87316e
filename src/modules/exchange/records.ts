// The exchange record: what moved between a giver and a receiver when a need was fulfilled or
// an offer was used. The only SQL for exchange_records.
import { and, desc, eq, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import type { CategoryId } from "./categories";
import { exchangeRecords } from "./schema";

export type ExchangeRecordRow = typeof exchangeRecords.$inferSelect;

/** What moved, as given by the person closing the exchange; every part optional. */
export interface Moved {
  minutes?: number | null;
  goods?: string | null;
  amountCents?: number | null;
  currency?: string | null;
}

export async function insertExchangeRecord(
  db: Db,
  record: {
    groupId: string;
    category: CategoryId;
    needId?: string | null;
    offerId?: string | null;
    giverId: string | null;
    receiverId: string | null;
    recordedBy: string | null;
    moved: Moved;
  },
  now: Date,
): Promise<ExchangeRecordRow> {
  const [row] = await db
    .insert(exchangeRecords)
    .values({
      id: uuidv7(),
      groupId: record.groupId,
      category: record.category,
      needId: record.needId ?? null,
      offerId: record.offerId ?? null,
      giverId: record.giverId,
      receiverId: record.receiverId,
      recordedBy: record.recordedBy,
      minutes: record.moved.minutes ?? null,
      goods: record.moved.goods ?? null,
      amountCents: record.moved.amountCents ?? null,
      currency: record.moved.currency ?? null,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error("exchange record not inserted");
  return row;
}

/** A person's exchanges, given and received, newest first. */
export async function recordsOfPerson(
  db: Db,
  userId: string,
  limit = 100,
): Promise<ExchangeRecordRow[]> {
  return db
    .select()
    .from(exchangeRecords)
    .where(or(eq(exchangeRecords.giverId, userId), eq(exchangeRecords.receiverId, userId)))
    .orderBy(desc(exchangeRecords.createdAt))
    .limit(limit);
}

/** How many exchanges a person gave and received (in one group, or everywhere). */
export async function recordCounts(
  db: Db,
  userId: string,
  groupId?: string,
): Promise<{ given: number; received: number }> {
  const [row] = await db
    .select({
      given: sql<number>`count(*) filter (where ${exchangeRecords.giverId} = ${userId})::int`,
      received: sql<number>`count(*) filter (where ${exchangeRecords.receiverId} = ${userId})::int`,
    })
    .from(exchangeRecords)
    .where(
      and(
        or(eq(exchangeRecords.giverId, userId), eq(exchangeRecords.receiverId, userId)),
        groupId ? eq(exchangeRecords.groupId, groupId) : undefined,
      ),
    );
  return { given: row?.given ?? 0, received: row?.received ?? 0 };
}
