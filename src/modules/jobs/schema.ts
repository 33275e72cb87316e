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

// Background work (claim expiry, reminders, retention purge): one row per job, taken by any
// instance with FOR UPDATE SKIP LOCKED (docs/decisions/0013-jobs-and-events.md).
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull().default({}),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** A runner has taken the job until then; after it, another runner may take it again. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** Set when the job succeeded or was given up (then last_error says why). */
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** "expire claim X": scheduling again with the same key moves the one pending job. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index("jobs_due").on(t.runAt).where(sql`${t.doneAt} is null`),
  ],
);
