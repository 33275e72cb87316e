// State-changing requests must come from this site: a browser sends Origin (or at least Referer)
// with every cross-site POST, so a mismatch is refused. Requests with neither come from
// non-browser clients, which cannot carry a victim's cookies, and pass.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Problem } from "./problem";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export function isSameOrigin(request: FastifyRequest, allowed: string[]): boolean {
  const given = request.headers.origin ?? request.headers.referer;
  if (!given) return true;
  if (given === "null") return false; // sandboxed frames, file:// pages, some redirects
  const origin = originOf(given);
  if (!origin) return false;
  const own = originOf(`${request.protocol}://${request.host}`);
  return origin === own || allowed.includes(origin);
}

export const originCheckPlugin = fp(async (app: FastifyInstance, opts: { allowed: string[] }) => {
  app.addHook("onRequest", async (request) => {
    if (SAFE.has(request.method)) return;
    if (!isSameOrigin(request, opts.allowed)) throw new Problem(403, "cross_origin");
  });
});
