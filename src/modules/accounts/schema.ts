import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export interface ContactPreferences {
  /** Channels the person agrees to be reached on, in order of preference. */
  channels: ("email" | "sms" | "phone")[];
  /** Whether other members of their groups may see their email / phone (coordinators always can). */
  shareEmailWithMembers: boolean;
  sharePhoneWithMembers: boolean;
}

// A person with an account. Email is unique case-insensitively; a deleted account keeps its row
// (pseudonymised) so exchange history and statistics stay consistent.
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    phone: text("phone"),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    contactPreferences: jsonb("contact_preferences")
      .$type<ContactPreferences>()
      .notNull()
      .default({ channels: ["email"], shareEmailWithMembers: false, sharePhoneWithMembers: false }),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email_lower").on(sql`lower(${t.email})`)],
);

// Server-side sessions: the cookie holds a random token, the table only its SHA-256.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(), // sha256(token), hex
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

// Single-use emailed tokens: sign-in links, email verification, password reset, unlock.
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: text("id").primaryKey(), // sha256(token), hex
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose")
      .$type<"sign_in" | "verify_email" | "reset_password" | "unlock">()
      .notNull(),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("email_tokens_user").on(t.userId, t.purpose)],
);
