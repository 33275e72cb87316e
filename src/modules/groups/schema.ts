import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";

export type GroupMode = "mutual_aid" | "resource_sharing" | "hybrid";
export type GroupRole = "member" | "volunteer" | "coordinator" | "admin" | "partner_staff";
export type NetworkRole = "admin" | "liaison";

/** A group's area: H3 cells (resolution 7-9) or a drawn polygon (GeoJSON, WGS 84). */
export type GroupArea =
  | { kind: "h3"; cells: string[] }
  | { kind: "polygon"; coordinates: [number, number][][] };

/** Overrides of the mode's default policy settings; see groups/model.ts for the defaults. */
export type GroupSettingsOverrides = Partial<{
  claimExpiryHours: number;
  maxOpenClaimsPerVolunteer: number;
  retentionDays: number;
  anonymityK: number;
  intakeRequiresTriage: boolean;
}>;

export const networks = pgTable("networks", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  defaultLanguage: text("default_language").notNull().default("en"),
  timeZone: text("time_zone").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const networkRoles = pgTable(
  "network_roles",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<NetworkRole>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId, t.role] })],
);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    mode: text("mode").$type<GroupMode>().notNull(),
    area: jsonb("area").$type<GroupArea | null>(),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    timeZone: text("time_zone").notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** open: anyone may ask to join; invite_only: only with an invitation link. */
    joining: text("joining").$type<"open" | "invite_only">().notNull().default("open"),
    autoApprove: boolean("auto_approve").notNull().default(false),
    settings: jsonb("settings").$type<GroupSettingsOverrides>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("groups_network_slug").on(t.networkId, t.slug)],
);

export const memberships = pgTable(
  "memberships",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<GroupRole>().notNull().default("member"),
    /** pending: asked to join, waiting for a coordinator. */
    status: text("status").$type<"active" | "pending">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("memberships_user").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(), // sha256(token), hex
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    role: text("role").$type<GroupRole>().notNull().default("member"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    maxUses: integer("max_uses").notNull().default(1),
    uses: integer("uses").notNull().default(0),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("invitations_group").on(t.groupId)],
);
