import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const healthResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    ok: z.boolean(),
    latencyMs: z.number().optional(),
  }),
});

const PING_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    {
      logLevel: "warn",
      schema: {
        summary: "Liveness and database status (503 when the database cannot be reached)",
        tags: ["health"],
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          app.database.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("database ping timed out")), PING_TIMEOUT_MS);
          }),
        ]);
        const latencyMs = Math.round((performance.now() - started) * 100) / 100;
        reply.header("cache-control", "no-store");
        return {
          status: "ok" as const,
          database: { kind: app.database.kind, ok: true, latencyMs },
        };
      } catch (err) {
        request.log.warn({ err }, "health check: database unreachable");
        return reply
          .code(503)
          .header("cache-control", "no-store")
          .send({
            status: "unavailable" as const,
            database: { kind: app.database.kind, ok: false },
          });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
