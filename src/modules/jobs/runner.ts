// Runs due jobs: any number of runners (one per app instance) share the jobs table; each pass
// takes a batch under FOR UPDATE SKIP LOCKED with a lease, then runs the handlers outside that
// transaction. Handlers must be idempotent: a runner dying mid-job means another runs it again
// once the lease runs out.
import type { Database, Db } from "../../db/connect";
import { type Job, markDone, markFailed, takeDueJobs } from "./store";

export interface JobContext {
  db: Db;
  /** The time the job started, from the runner's clock. */
  now: Date;
  clock: () => Date;
  job: Pick<Job, "id" | "kind" | "attempts" | "maxAttempts" | "dedupeKey" | "runAt">;
}

/** Payloads come from the database: a handler checks its payload's shape itself. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  database: Database;
  clock: () => Date;
  handlers: JobHandlers;
  log: JobLog;
  /** Pause between passes when there was nothing (more) to do. */
  pollMs?: number;
  /** Jobs taken per pass. */
  batch?: number;
  /** How long a taken job is reserved for this runner. */
  leaseMs?: number;
  /** Delay before retry number `attempts` (1 after the first failure). */
  backoffMs?: (attempts: number) => number;
}

export interface JobRunner {
  /** One pass: take due jobs and run them. Resolves with how many were taken. */
  runDue(): Promise<number>;
  start(): void;
  /** Stops the loop and waits for the pass in progress. */
  stop(): Promise<void>;
}

/** 30 s, 1 min, 2 min … capped at one hour. */
export function defaultBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

const MAX_ERROR_LENGTH = 2000;

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, MAX_ERROR_LENGTH);
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { database, clock, handlers, log } = options;
  const db = database.db;
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 20;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;

  async function runOne(job: Job): Promise<void> {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    const started = clock();
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job.payload, { db, now: started, clock, job });
      await markDone(db, job, clock());
    } catch (err) {
      const attempts = job.attempts + 1;
      const error = errorText(err);
      const now = clock();
      const givingUp = attempts >= job.maxAttempts;
      const retryAt = givingUp ? null : new Date(now.getTime() + backoffMs(attempts));
      try {
        await markFailed(db, job.id, { attempts, error, now, retryAt });
      } catch (recordErr) {
        // The lease runs out and the job is taken again.
        log.error({ err: recordErr, jobId: job.id }, "could not record a job failure");
        return;
      }
      if (givingUp)
        log.error({ jobId: job.id, kind: job.kind, attempts, error }, "job failed; giving up");
      else log.warn({ jobId: job.id, kind: job.kind, attempts, error, retryAt }, "job failed");
    }
  }

  async function runDue(): Promise<number> {
    const now = clock();
    const taken = await takeDueJobs(db, now, new Date(now.getTime() + leaseMs), batch);
    await Promise.all(taken.map(runOne));
    return taken.length;
  }

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;

  function schedule(delay: number) {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      pass = (async () => {
        let next = pollMs;
        try {
          // A full batch means there may be more waiting: go again at once.
          if ((await runDue()) >= batch) next = 0;
        } catch (err) {
          log.error({ err }, "job pass failed");
        }
        pass = undefined;
        schedule(next);
      })();
    }, delay);
    timer.unref();
  }

  return {
    runDue,
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await pass;
    },
  };
}
