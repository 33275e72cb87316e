import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { groups } from "../groups/schema";
import type { CategoryId, Urgency } from "./categories";
import { CLOSED_STATUSES, NEED_STATUSES, type NeedStatus } from "./model";

export type ContactChannel = "email" | "sms" | "phone" | "none";
export type NeedSource = "form" | "member" | "import";
export type OfferKind = "once" | "ongoing";
export type OfferStatus = "open" | "used" | "withdrawn";
export type MovedKind = "time" | "goods" | "money" | "other";

/** Urgency as a sort key (urgent first): the board's order and the indexes that serve it. */
export function urgencyRank(urgency: AnyColumn): SQL {
  return sql`case ${urgency} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
}

/** The statuses of a need still waiting or being helped: the rows the board's indexes hold. */
const OPEN_STATUS_LIST = sql.raw(
  NEED_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s))
    .map((s) => `'${s}'`)
    .join(", "),
);

// A request for help. Public columns (category, urgency, languages, time window, H3 cells) are
// columns, not text, so matching and maps can use them; sensitive ones are marked and are
// redacted when the group's retention period has passed.
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    status: text("status").$type<NeedStatus>().notNull(),
    category: text("category").$type<CategoryId>().notNull(),
    description: text("description").notNull(),
    urgency: text("urgency").$type<Urgency>().notNull().default("normal"),
    householdSize: integer("household_size"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    windowStart: timestamp("window_start", { withTimezone: true }),
    windowEnd: timestamp("window_end", { withTimezone: true }),
    // Public place: H3 cells only.
    h3r7: text("h3_r7"),
    h3r8: text("h3_r8"),
    h3r9: text("h3_r9"),
    // Sensitive: the exact point, typed address or cross streets, contact, private notes.
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    locationText: text("location_text"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    contactChannel: text("contact_channel").$type<ContactChannel>().notNull().default("none"),
    /** SHA-256 of the normalised email or phone, kept after redaction for duplicate checks. */
    contactHash: text("contact_hash"),
    sensitiveNotes: text("sensitive_notes"),
    requesterId: uuid("requester_id").references(() => users.id, { onDelete: "set null" }),
    /** The private status page: the link's token hash, and a short code to read over the phone. */
    statusTokenHash: text("status_token_hash").notNull(),
    shortCode: text("short_code").notNull(),
    duplicateOf: uuid("duplicate_of"),
    /** When a coordinator merged or dismissed the duplicate flag, and who. */
    duplicateReviewedAt: timestamp("duplicate_reviewed_at", { withTimezone: true }),
    duplicateReviewedBy: uuid("duplicate_reviewed_by").references(() => users.id, {
      onDelete: "set null",
    }),
    /** How the need arrived: the public form, a member's account, or a spreadsheet import. */
    source: text("source").$type<NeedSource>().notNull().default("form"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    redactedAt: timestamp("redacted_at", { withTimezone: true }),
  },
  (t) => [
    // The board (boardNeeds) and the shareable list walk these in their order (most urgent, then
    // longest waiting) and stop at their limit; only open needs are in them
    // (docs/decisions/0019-exchange-indexes.md).
    index("needs_open_queue")
      .on(t.groupId, sql`(${urgencyRank(t.urgency)})`, t.createdAt, t.id)
      .where(sql`${t.status} in (${OPEN_STATUS_LIST})`),
    index("needs_open_category")
      .on(t.groupId, t.category, sql`(${urgencyRank(t.urgency)})`, t.createdAt, t.id)
      .where(sql`${t.status} in (${OPEN_STATUS_LIST})`),
    // Intake's duplicate check: one cell's, or one contact's, last 7 days of the group.
    index("needs_group_cell_recent").on(t.groupId, t.h3r8, t.createdAt),
    index("needs_group_contact_recent").on(t.groupId, t.contactHash, t.createdAt),
    // The coordinators' queue of flagged duplicates, and the needs merged into one.
    index("needs_duplicates_unreviewed")
      .on(t.groupId, t.createdAt)
      .where(sql`${t.duplicateOf} is not null and ${t.duplicateReviewedAt} is null`),
    index("needs_duplicate_of").on(t.duplicateOf).where(sql`${t.duplicateOf} is not null`),
    uniqueIndex("needs_status_token").on(t.statusTokenHash),
    uniqueIndex("needs_group_short_code").on(t.groupId, t.shortCode),
  ],
);

// Append-only history of every transition of a need.
export const needEvents = pgTable(
  "need_events",
  {
    id: uuid("id").primaryKey(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    fromStatus: text("from_status").$type<NeedStatus>(),
    toStatus: text("to_status").$type<NeedStatus>().notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("need_events_need").on(t.needId, t.createdAt)],
);

// A volunteer's hold on a need. At most one active claim per need (partial unique index).
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => users.id),
    status: text("status").$type<"active" | "released" | "expired" | "completed">().notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    remindAt: timestamp("remind_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("claims_one_active_per_need").on(t.needId).where(sql`${t.status} = 'active'`),
    index("claims_volunteer_active").on(t.volunteerId).where(sql`${t.status} = 'active'`),
  ],
);

// Something a neighbour offers: public columns like a need's, sensitive contact and place.
// "once" offers are used up by one exchange; "ongoing" ones (a weekly ride, a spare room on
// Fridays) stay open until withdrawn.
export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    status: text("status").$type<OfferStatus>().notNull().default("open"),
    kind: text("kind").$type<OfferKind>().notNull().default("once"),
    category: text("category").$type<CategoryId>().notNull(),
    description: text("description").notNull(),
    /** When the offer is available, in the offerer's words ("weekday evenings"). */
    availability: text("availability"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    h3r7: text("h3_r7"),
    h3r8: text("h3_r8"),
    h3r9: text("h3_r9"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    locationText: text("location_text"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    contactChannel: text("contact_channel").$type<ContactChannel>().notNull().default("none"),
    contactHash: text("contact_hash"),
    offererId: uuid("offerer_id").references(() => users.id, { onDelete: "set null" }),
    statusTokenHash: text("status_token_hash").notNull(),
    shortCode: text("short_code").notNull(),
    source: text("source").$type<NeedSource>().notNull().default("form"),
    /** How many times an offer was used (an ongoing offer keeps counting). */
    uses: integer("uses").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    redactedAt: timestamp("redacted_at", { withTimezone: true }),
  },
  (t) => [
    index("offers_board").on(t.groupId, t.status, t.category, t.createdAt),
    uniqueIndex("offers_status_token").on(t.statusTokenHash),
    uniqueIndex("offers_group_short_code").on(t.groupId, t.shortCode),
  ],
);

// What moved in one exchange: a fulfilled need or a used offer, between a giver and a receiver
// (people with accounts, or null when the person has none). Statistics stay after retention.
export const exchangeRecords = pgTable(
  "exchange_records",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "set null" }),
    offerId: uuid("offer_id").references(() => offers.id, { onDelete: "set null" }),
    giverId: uuid("giver_id").references(() => users.id, { onDelete: "set null" }),
    receiverId: uuid("receiver_id").references(() => users.id, { onDelete: "set null" }),
    category: text("category").$type<CategoryId>().notNull(),
    /** Time given, in minutes; goods in words; money in minor units of a currency. */
    minutes: integer("minutes"),
    goods: text("goods"),
    amountCents: integer("amount_cents"),
    currency: text("currency"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("exchange_records_giver").on(t.giverId, t.createdAt),
    index("exchange_records_receiver").on(t.receiverId, t.createdAt),
    index("exchange_records_group").on(t.groupId, t.createdAt),
  ],
);
