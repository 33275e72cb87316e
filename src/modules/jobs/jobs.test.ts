import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { type Database, openDatabase, queryRows } from "../../db/connect";
import { createJobRunner, type JobHandlers, type JobLog } from "./runner";
import { jobs } from "./schema";
import { cancel, enqueue, findJob } from "./store";

let database: TestDatabase;
let now: Date;
const clock = () => new Date(now);
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

interface LogLine {
  level: string;
  obj: object;
  msg: string | undefined;
}
function memoryLog(): JobLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj, msg });
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.db.delete(jobs);
  now = new Date("2030-01-01T12:00:00Z");
});

describe("jobs", () => {
  it("runs a due job once and records it as done", async () => {
    const seen: unknown[] = [];
    const handlers: JobHandlers = {
      hello: async (payload, ctx) => {
        seen.push(payload);
        expect(ctx.now).toEqual(now);
        // The handler gets the database.
        await ctx.db.execute(sql`select 1`);
      },
    };
    const runner = createJobRunner({ database, clock, handlers, log: memoryLog() });
    const id = await enqueue(database.db, { kind: "hello", payload: { n: 1 }, runAt: now });
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    advance(3_600_000);
    expect(await runner.runDue()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 0, lastError: null, lockedUntil: null });
    expect(job?.doneAt?.getTime()).toBe(now.getTime() - 3_600_000);
  });

  it("waits until the clock passes run_at", async () => {
    let runs = 0;
    const runner = createJobRunner({
      database,
      clock,
      handlers: { later: async () => void runs++ },
      log: memoryLog(),
    });
    await enqueue(database.db, { kind: "later", runAt: new Date(now.getTime() + 60_000) });
    expect(await runner.runDue()).toBe(0);
    advance(59_999);
    expect(await runner.runDue()).toBe(0);
    advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(runs).toBe(1);
  });

  it("retries a failing job with growing delays, then gives up and keeps the error", async () => {
    let calls = 0;
    const log = memoryLog();
    const runner = createJobRunner({
      database,
      clock,
      log,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      },
      backoffMs: (attempts) => 1000 * 2 ** (attempts - 1),
    });
    const id = await enqueue(database.db, { kind: "flaky", runAt: now, maxAttempts: 3 });
    const start = now.getTime();

    expect(await runner.runDue()).toBe(1);
    let job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 1, lastError: "Error: boom 1", doneAt: null });
    expect(job?.runAt.getTime()).toBe(start + 1000);

    advance(999);
    expect(await runner.runDue()).toBe(0);
    advance(1);
    expect(await runner.runDue()).toBe(1);
    job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 2, lastError: "Error: boom 2", doneAt: null });
    expect(job?.runAt.getTime()).toBe(start + 1000 + 2000);

    advance(2000);
    expect(await runner.runDue()).toBe(1);
    job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 3, lastError: "Error: boom 3" });
    expect(job?.doneAt?.getTime()).toBe(now.getTime());

    advance(24 * 3_600_000);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect(log.lines.filter((l) => l.level === "warn")).toHaveLength(2);
    const errors = log.lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.obj).toMatchObject({ jobId: id, kind: "flaky", attempts: 3 });
  });

  it("treats an unknown kind as a failure", async () => {
    const runner = createJobRunner({ database, clock, handlers: {}, log: memoryLog() });
    const id = await enqueue(database.db, { kind: "nobody", runAt: now, maxAttempts: 1 });
    await runner.runDue();
    expect((await findJob(database.db, id))?.lastError).toMatch(/no handler for job kind "nobody"/);
  });

  it("schedules a deduplicated job once, moves it while pending, and cancels it", async () => {
    const runs: unknown[] = [];
    const runner = createJobRunner({
      database,
      clock,
      handlers: { expire: async (p) => void runs.push(p) },
      log: memoryLog(),
    });
    const key = "expire claim 42";
    const first = await enqueue(database.db, {
      kind: "expire",
      payload: { v: 1 },
      runAt: new Date(now.getTime() + 10_000),
      dedupeKey: key,
    });
    const second = await enqueue(database.db, {
      kind: "expire",
      payload: { v: 2 },
      runAt: new Date(now.getTime() + 20_000),
      dedupeKey: key,
    });
    expect(second).toBe(first);
    expect(await database.db.select().from(jobs)).toHaveLength(1);

    advance(10_000);
    expect(await runner.runDue()).toBe(0); // moved to +20 s
    advance(10_000);
    expect(await runner.runDue()).toBe(1);
    expect(runs).toEqual([{ v: 2 }]);

    // Done: scheduling again with the key changes nothing.
    const third = await enqueue(database.db, { kind: "expire", runAt: now, dedupeKey: key });
    expect(third).toBe(first);
    expect(await runner.runDue()).toBe(0);
    expect(runs).toHaveLength(1);
    expect(await cancel(database.db, key)).toBe(false);

    // A pending job is cancelled (and its key can be used again).
    await enqueue(database.db, { kind: "expire", runAt: now, dedupeKey: "other" });
    expect(await cancel(database.db, "other")).toBe(true);
    expect(await runner.runDue()).toBe(0);
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(eq(jobs.dedupeKey, "other"));
    expect(row?.n).toBe(0);
  });

  it("enqueues inside a transaction: a rolled-back change leaves no job", async () => {
    await database.db
      .transaction(async (tx) => {
        await enqueue(tx, { kind: "x", runAt: now });
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await database.db.select().from(jobs)).toHaveLength(0);
  });

  it("a taken job is not taken again until its lease runs out", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    let runs = 0;
    const handlers: JobHandlers = {
      slow: async () => {
        runs++;
        await blocked;
      },
    };
    const a = createJobRunner({ database, clock, handlers, log: memoryLog(), leaseMs: 60_000 });
    const b = createJobRunner({ database, clock, handlers, log: memoryLog(), leaseMs: 60_000 });
    await enqueue(database.db, { kind: "slow", runAt: now });
    const pass = a.runDue();
    await expect.poll(() => runs).toBe(1);
    expect(await b.runDue()).toBe(0);
    release();
    expect(await pass).toBe(1);
  });

  it("start() runs jobs in the background and stop() waits for the pass", async () => {
    let runs = 0;
    const runner = createJobRunner({
      database,
      clock,
      handlers: {
        tick: async () => {
          await new Promise((r) => setTimeout(r, 50));
          runs++;
        },
      },
      log: memoryLog(),
      pollMs: 10,
    });
    await enqueue(database.db, { kind: "tick", runAt: now });
    runner.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await enqueue(database.db, { kind: "tick", runAt: now });
    // Stop, then the job in progress (if any) has finished and its outcome is recorded.
    await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    const pending = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from jobs where done_at is null and locked_until is not null`,
    );
    expect(pending[0]?.n).toBe(0);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "two runners on two pools run each of 50 jobs exactly once",
    async () => {
      if (!database.url) throw new Error("expected a server database");
      const pools: Database[] = [
        await openDatabase({ url: database.url, poolMax: 5 }),
        await openDatabase({ url: database.url, poolMax: 5 }),
      ];
      try {
        const counts = new Map<number, number>();
        const handlers: JobHandlers = {
          count: async (payload) => {
            const n = (payload as { n: number }).n;
            counts.set(n, (counts.get(n) ?? 0) + 1);
            await new Promise((r) => setTimeout(r, Math.random() * 5));
          },
        };
        for (let n = 0; n < 50; n++)
          await enqueue(database.db, { kind: "count", payload: { n }, runAt: now });
        const runners = pools.map((db) =>
          createJobRunner({ database: db, clock, handlers, log: memoryLog(), batch: 3 }),
        );
        const drain = async (runner: (typeof runners)[number]) => {
          let taken = 0;
          while ((await runner.runDue()) > 0) taken++;
          return taken;
        };
        const passes = await Promise.all(runners.map(drain));
        expect(passes.every((p) => p > 0)).toBe(true); // both did work
        expect(counts.size).toBe(50);
        expect([...counts.values()].every((c) => c === 1)).toBe(true);
        const left = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from jobs where done_at is null`,
        );
        expect(left[0]?.n).toBe(0);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
    },
  );
});
