// Until first-run setup is done, every write except setup itself is refused.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Problem } from "../../server/problem";
import { setupPolicy } from "./policy";
import { isSetUp } from "./store";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const setupGatePlugin = fp(async (app: FastifyInstance) => {
  let done = false; // once true it stays true: networks are never all deleted
  app.decorate("setupDone", async () => {
    if (!done) done = await isSetUp(app.database.db);
    return done;
  });
  app.addHook("onRequest", async (request) => {
    if (SAFE.has(request.method) || !request.url.startsWith("/api/")) return;
    if (request.routeOptions.config?.policy === setupPolicy.run) return;
    if (!(await app.setupDone())) throw new Problem(409, "setup_required");
  });
});

declare module "fastify" {
  interface FastifyInstance {
    setupDone: () => Promise<boolean>;
  }
}
