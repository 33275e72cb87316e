import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";

// Administrative actions (role changes, settings, merges, exports): append-only.
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    networkId: uuid("network_id"),
    groupId: uuid("group_id"),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_group").on(t.groupId, t.createdAt),
    index("audit_log_network").on(t.networkId, t.createdAt),
  ],
);

// Every time someone's contact details or exact location were shown to another person.
export const revealLog = pgTable(
  "reveal_log",
  {
    id: uuid("id").primaryKey(),
    viewerId: uuid("viewer_id").references(() => users.id, { onDelete: "set null" }),
    subjectUserId: uuid("subject_user_id").references(() => users.id, { onDelete: "set null" }),
    /** What the field belongs to when it is not a user (e.g. "need"), and its id. */
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    field: text("field").notNull(),
    reason: text("reason").notNull(),
    groupId: uuid("group_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reveal_log_subject").on(t.subjectUserId, t.createdAt),
    index("reveal_log_viewer").on(t.viewerId, t.createdAt),
  ],
);
