import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { needs } from "../exchange/schema";

export type MessageAuthorKind = "requester" | "volunteer" | "coordinator";

// The masked thread on a need: the requester, the volunteer holding the claim and the group's
// coordinators write here instead of to each other's email or phone.
export const needMessages = pgTable(
  "need_messages",
  {
    id: uuid("id").primaryKey(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    authorKind: text("author_kind").$type<MessageAuthorKind>().notNull(),
    /** Null for a requester without an account (they write through the status link). */
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("need_messages_need").on(t.needId, t.createdAt, t.id)],
);
