import { sql } from "drizzle-orm";
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
import type { NeedStatus } from "./model";

export type ContactChannel = "email" | "sms" | "phone" | "none";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    redactedAt: timestamp("redacted_at", { withTimezone: true }),
  },
  (t) => [
    index("needs_board").on(t.groupId, t.status, t.urgency, t.createdAt),
    index("needs_h3_r8").on(t.h3r8),
    uniqueIndex("needs_status_token").on(t.statusTokenHash),
    uniqueIndex("needs_group_short_code").on(t.groupId, t.shortCode),
    index("needs_contact_hash").on(t.groupId, t.contactHash),
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
