// Offers: the only SQL for them (the retention purge is in exchange/retention.ts).
import { and, arrayContains, desc, eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { recordAudit } from "../audit/store";
import { insertExchangeRecord, type Moved } from "../exchange/records";
import { needs, offers } from "../exchange/schema";
import type { OffersQuery } from "./contract";

export type OfferRow = typeof offers.$inferSelect;
export type NewOffer = Omit<
  typeof offers.$inferInsert,
  "id" | "status" | "uses" | "createdAt" | "updatedAt" | "closedAt" | "redactedAt"
>;

export async function createOffer(db: Db, values: NewOffer, now: Date): Promise<OfferRow> {
  const [row] = await db
    .insert(offers)
    .values({ ...values, id: uuidv7(), status: "open", uses: 0, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error("offer insert returned nothing");
  return row;
}

export async function getOffer(db: Db, offerId: string): Promise<OfferRow | null> {
  const [row] = await db.select().from(offers).where(eq(offers.id, offerId)).limit(1);
  return row ?? null;
}

/** The offer behind a status link: one indexed lookup by the token's hash. */
export async function offerByStatusTokenHash(db: Db, tokenHash: string): Promise<OfferRow | null> {
  const [row] = await db
    .select()
    .from(offers)
    .where(eq(offers.statusTokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** The public columns only: the list never reads contact or exact place. */
const publicColumns = {
  id: offers.id,
  groupId: offers.groupId,
  status: offers.status,
  kind: offers.kind,
  category: offers.category,
  description: offers.description,
  availability: offers.availability,
  languages: offers.languages,
  h3r8: offers.h3r8,
  uses: offers.uses,
  createdAt: offers.createdAt,
  closedAt: offers.closedAt,
};
export type PublicOfferRow = Pick<OfferRow, keyof typeof publicColumns>;

/** A group's open offers with the filters, newest first. */
export async function openOffers(
  db: Db,
  groupId: string,
  filters: OffersQuery,
  limit: number,
): Promise<PublicOfferRow[]> {
  return db
    .select(publicColumns)
    .from(offers)
    .where(
      and(
        eq(offers.groupId, groupId),
        eq(offers.status, "open"),
        filters.category ? eq(offers.category, filters.category) : undefined,
        filters.kind ? eq(offers.kind, filters.kind) : undefined,
        filters.language ? arrayContains(offers.languages, [filters.language]) : undefined,
      ),
    )
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(limit);
}

export type CloseResult = { ok: true; offer: OfferRow } | { ok: false; reason: "closed" };

/** The offerer withdraws an open offer: one conditional update, so it cannot undo a use. */
export async function withdrawOffer(db: Db, offerId: string, now: Date): Promise<CloseResult> {
  const [row] = await db
    .update(offers)
    .set({ status: "withdrawn", closedAt: now, updatedAt: now })
    .where(and(eq(offers.id, offerId), eq(offers.status, "open")))
    .returning();
  return row ? { ok: true, offer: row } : { ok: false, reason: "closed" };
}

export type UseResult =
  | { ok: true; offer: OfferRow; recordId: string }
  | { ok: false; reason: "not_found" | "closed" | "need_not_found" };

/**
 * One use of an offer, in one transaction under the offer's row lock: the exchange record
 * (giver: the offerer; receiver: the need's requester when a need is named), `uses + 1`, a
 * "once" offer closed as used (an ongoing one stays open), and the audit-log entry. Of parallel
 * uses of a "once" offer exactly one wins; the others find it used.
 */
export async function useOffer(
  db: Db,
  input: {
    offerId: string;
    groupId: string;
    networkId: string;
    needId: string | null;
    recordedBy: string;
    moved: Moved;
  },
  now: Date,
): Promise<UseResult> {
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .select({ status: offers.status, kind: offers.kind, groupId: offers.groupId })
      .from(offers)
      .where(eq(offers.id, input.offerId))
      .for("update");
    if (!offer || offer.groupId !== input.groupId)
      return { ok: false, reason: "not_found" } as const;
    if (offer.status !== "open") return { ok: false, reason: "closed" } as const;
    let receiverId: string | null = null;
    if (input.needId) {
      const [need] = await tx
        .select({ requesterId: needs.requesterId })
        .from(needs)
        .where(and(eq(needs.id, input.needId), eq(needs.groupId, input.groupId)));
      if (!need) return { ok: false, reason: "need_not_found" } as const;
      receiverId = need.requesterId;
    }
    const closes = offer.kind === "once";
    const [updated] = await tx
      .update(offers)
      .set({
        uses: sql`${offers.uses} + 1`,
        updatedAt: now,
        ...(closes ? { status: "used" as const, closedAt: now } : {}),
      })
      .where(eq(offers.id, input.offerId))
      .returning();
    if (!updated) throw new Error("locked offer vanished");
    const record = await insertExchangeRecord(
      tx,
      {
        groupId: input.groupId,
        category: updated.category,
        needId: input.needId,
        offerId: updated.id,
        giverId: updated.offererId,
        receiverId,
        recordedBy: input.recordedBy,
        moved: input.moved,
      },
      now,
    );
    await recordAudit(tx, {
      networkId: input.networkId,
      groupId: input.groupId,
      actorId: input.recordedBy,
      action: "offer.used",
      targetType: "offer",
      targetId: updated.id,
      details: { needId: input.needId, uses: updated.uses, status: updated.status },
    });
    return { ok: true, offer: updated, recordId: record.id } as const;
  });
}
