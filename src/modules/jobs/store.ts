// The jobs table's queries: scheduling, cancelling, taking due jobs and recording outcomes.
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { jobs } from "./schema";

export type Job = typeof jobs.$inferSelect;

export interface EnqueueInput {
  kind: string;
  payload?: unknown;
  runAt: Date;
  /** One pending job per key: scheduling again moves it (run_at, payload) unless it is done. */
  dedupeKey?: string | undefined;
  maxAttempts?: number;
}

/**
 * Schedules a job; accepts a transaction so the job exists exactly when the change that needs
 * it commits. With a dedupe key already used, the existing job is moved when still pending
 * and left alone when done. Returns the job's id.
 */
export async function enqueue(db: Db, input: EnqueueInput): Promise<string> {
  const values = {
    id: uuidv7(),
    kind: input.kind,
    payload: input.payload ?? {},
    runAt: input.runAt,
    dedupeKey: input.dedupeKey ?? null,
    maxAttempts: input.maxAttempts ?? 5,
  };
  if (!input.dedupeKey) {
    await db.insert(jobs).values(values);
    return values.id;
  }
  const moved = await db
    .insert(jobs)
    .values(values)
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      targetWhere: sql`${jobs.dedupeKey} is not null`,
      set: { runAt: input.runAt, payload: values.payload },
      setWhere: isNull(jobs.doneAt),
    })
    .returning({ id: jobs.id });
  if (moved[0]) return moved[0].id;
  // Conflict with a finished job: nothing changed.
  const [existing] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(eq(jobs.dedupeKey, input.dedupeKey));
  if (!existing) throw new Error(`job ${input.dedupeKey} vanished while scheduling`);
  return existing.id;
}

/** Removes the pending job with this key (a finished one stays as a record). True if one was. */
export async function cancel(db: Db, dedupeKey: string): Promise<boolean> {
  const removed = await db
    .delete(jobs)
    .where(and(eq(jobs.dedupeKey, dedupeKey), isNull(jobs.doneAt)))
    .returning({ id: jobs.id });
  return removed.length > 0;
}

/**
 * Takes up to `limit` due jobs for this runner until `lockedUntil`: other runners skip rows
 * being taken (SKIP LOCKED) and rows whose lease has not run out.
 */
export async function takeDueJobs(
  db: Db,
  now: Date,
  lockedUntil: Date,
  limit: number,
): Promise<Job[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          isNull(jobs.doneAt),
          lte(jobs.runAt, now),
          or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now)),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const taken = await tx
      .update(jobs)
      .set({ lockedUntil })
      .where(
        inArray(
          jobs.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    return taken.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  });
}

/**
 * Records success. If the job was rescheduled (same dedupe key) while it ran, it stays pending
 * for its new time instead.
 */
export async function markDone(db: Db, job: Job, now: Date): Promise<void> {
  const done = await db
    .update(jobs)
    .set({ doneAt: now, lockedUntil: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.runAt, job.runAt)))
    .returning({ id: jobs.id });
  if (done.length === 0)
    await db.update(jobs).set({ lockedUntil: null }).where(eq(jobs.id, job.id));
}

/** Records a failed attempt: retried at `retryAt`, or given up (done, with its error) when null. */
export async function markFailed(
  db: Db,
  id: string,
  input: { attempts: number; error: string; now: Date; retryAt: Date | null },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      attempts: input.attempts,
      lastError: input.error,
      lockedUntil: null,
      ...(input.retryAt ? { runAt: input.retryAt } : { doneAt: input.now }),
    })
    .where(eq(jobs.id, id));
}

export async function findJob(db: Db, id: string): Promise<Job | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}
