// The exchange record: what moved between a giver and a receiver when a need was fulfilled or
// an offer was used. The only SQL for exchange_records.
import { and, desc, eq, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { groups, memberships } from "../groups/schema";
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

/** One exchange as its giver or receiver sees it: the group's name, and the other person's
 * name only when both of them are active members of the group it happened in. */
export interface PersonExchangeRow {
  record: ExchangeRecordRow;
  groupName: string;
  otherName: string | null;
}

/** A person's exchanges, given and received, newest first, with what the record page needs. */
export async function exchangesOfPerson(
  db: Db,
  userId: string,
  limit = 100,
): Promise<PersonExchangeRow[]> {
  const otherId = sql`case when ${exchangeRecords.giverId} = ${userId} then ${exchangeRecords.receiverId} else ${exchangeRecords.giverId} end`;
  return db
    .select({
      record: exchangeRecords,
      groupName: groups.name,
      otherName: sql<string | null>`(
        select ${users.name} from ${users}
        join ${memberships} on ${memberships.userId} = ${users.id}
          and ${memberships.groupId} = ${exchangeRecords.groupId}
          and ${memberships.status} = 'active'
        where ${users.id} = ${otherId} and ${users.id} <> ${userId} and ${users.deletedAt} is null
          and exists (
            select 1 from ${memberships} mine where mine.group_id = ${exchangeRecords.groupId}
              and mine.user_id = ${userId} and mine.status = 'active'
          )
      )`,
    })
    .from(exchangeRecords)
    .innerJoin(groups, eq(groups.id, exchangeRecords.groupId))
    .where(or(eq(exchangeRecords.giverId, userId), eq(exchangeRecords.receiverId, userId)))
    .orderBy(desc(exchangeRecords.createdAt), desc(exchangeRecords.id))
    .limit(limit);
}

export interface ExchangeTotals {
  given: number;
  received: number;
  minutesGiven: number;
  minutesReceived: number;
  /** The groups the person gave in (where an invitation to ask makes sense). */
  gaveIn: { id: string; name: string }[];
}

/** Totals over all of a person's exchanges (not only the listed ones). */
export async function exchangeTotals(db: Db, userId: string): Promise<ExchangeTotals> {
  const gave = eq(exchangeRecords.giverId, userId);
  const got = eq(exchangeRecords.receiverId, userId);
  const [row] = await db
    .select({
      given: sql<number>`count(*) filter (where ${gave})::int`,
      received: sql<number>`count(*) filter (where ${got})::int`,
      minutesGiven: sql<number>`coalesce(sum(${exchangeRecords.minutes}) filter (where ${gave}), 0)::int`,
      minutesReceived: sql<number>`coalesce(sum(${exchangeRecords.minutes}) filter (where ${got}), 0)::int`,
    })
    .from(exchangeRecords)
    .where(or(gave, got));
  const gaveIn = await db
    .selectDistinct({ id: groups.id, name: groups.name })
    .from(exchangeRecords)
    .innerJoin(groups, eq(groups.id, exchangeRecords.groupId))
    .where(gave)
    .orderBy(groups.name);
  return {
    given: Number(row?.given ?? 0),
    received: Number(row?.received ?? 0),
    minutesGiven: Number(row?.minutesGiven ?? 0),
    minutesReceived: Number(row?.minutesReceived ?? 0),
    gaveIn,
  };
}
