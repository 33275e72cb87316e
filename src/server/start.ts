// Starts the server for real: open the database, migrate, listen, and stop cleanly on a signal
// (stop accepting, finish in-flight requests, close the database, exit 0).
import type { FastifyInstance } from "fastify";
import type { Config } from "../config";
import { openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { redactUrl } from "../lib/tokens";
import { flushSearchRefresh } from "../modules/directory/search-doc";
import { exchangeJobHandlers, scheduleRetention } from "../modules/exchange/jobs";
import { ensureInstance } from "../modules/instance/store";
import { jobHandlers } from "../modules/jobs/handlers";
import { createJobRunner } from "../modules/jobs/runner";
import { buildApp } from "./app";
import { defaultWebDir } from "./web";

const SHUTDOWN_GRACE_MS = 8000;

export async function startServer(config: Config): Promise<FastifyInstance> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.pgPoolMax,
  });
  const migrations = await migrate(database.db);
  await ensureInstance(database.db);
  // Search rows an import that stopped half-way left queued (search-doc.ts).
  await flushSearchRefresh(database.db);
  const app = await buildApp({
    config,
    database,
    webDir: config.webDir ?? defaultWebDir(),
    logger: {
      level: config.logLevel,
      redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      serializers: {
        // Links carry secret tokens (invitations); they must never reach the logs.
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
  });
  app.log.info(
    {
      database: database.kind,
      dataDir: database.kind === "pglite" ? config.dataDir : undefined,
      migrationsApplied: migrations.applied,
    },
    "database ready",
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    // If something hangs, leave anyway rather than be killed mid-write later.
    const force = setTimeout(() => {
      app.log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);

  // Background jobs: started once listening, stopped (waiting for the pass in progress) before
  // the database closes. onClose hooks run in reverse order, so this one runs before buildApp's.
  if (config.jobs) {
    const runner = createJobRunner({
      database,
      clock: app.clock,
      handlers: {
        ...jobHandlers,
        ...exchangeJobHandlers({
          mailer: app.mailer,
          publicUrl: config.publicUrl,
          events: app.events,
          log: app.log,
        }),
      },
      log: app.log.child({ component: "jobs" }),
    });
    app.addHook("onClose", async () => {
      await runner.stop();
    });
    await scheduleRetention(database.db, app.clock());
    await app.listen({ host: config.host, port: config.port });
    runner.start();
  } else {
    await app.listen({ host: config.host, port: config.port });
  }
  return app;
}
