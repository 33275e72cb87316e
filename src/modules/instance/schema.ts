import { sql } from "drizzle-orm";
import { boolean, check, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";

// One row describing this installation; `singleton` makes a second row impossible.
export const instance = pgTable(
  "instance",
  {
    singleton: boolean("singleton").primaryKey().default(true),
    id: uuid("id").notNull(),
    installedAt: timestamp("installed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("instance_singleton", sql`${t.singleton}`)],
);
