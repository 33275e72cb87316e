// Rate limits with @fastify/rate-limit (in-memory, per instance): per IP through a route's
// `config.rateLimit`, per email or per account through `limitBy` (a preHandler, after the body
// is parsed). Exceeding either gives the translated 429 `too_many_requests` with Retry-After.
// MUTUO_RATE_LIMIT_SCALE multiplies every limit (tests and benchmarks raise it; default 1).
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { Problem } from "../server/problem";

export interface Limit {
  max: number;
  windowMs: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function rateLimitScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MUTUO_RATE_LIMIT_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`MUTUO_RATE_LIMIT_SCALE must be a positive number, got "${raw}"`);
  }
  return scale;
}

/** The scale this app runs with (from its configuration). */
export function configuredScale(app: FastifyInstance): number {
  return app.config.rateLimitScale;
}

function scaled(limit: Limit, scale: number): number {
  return Math.max(1, Math.round(limit.max * scale));
}

function tooMany(ttlMs: number): Problem {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new Problem(429, "too_many_requests", {}, undefined, { "retry-after": String(seconds) });
}

/** Registers the plugin in the calling (encapsulated) context; only routes that ask are limited. */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    cache: 20_000,
    errorResponseBuilder: (_request, context) => tooMany(context.ttl),
  });
}

/** A route's per-IP limit, for `config.rateLimit`. */
export function perIp(limit: Limit, scale: number) {
  return { max: scaled(limit, scale), timeWindow: limit.windowMs };
}

/**
 * A preHandler counting requests per key (an email, an account id); a null key is not counted.
 * `name` keeps separate budgets apart when they share a key.
 */
export function limitBy(
  app: FastifyInstance,
  name: string,
  limit: Limit,
  key: (request: FastifyRequest) => string | null | undefined,
  scale: number,
): preHandlerAsyncHookHandler {
  const check = app.createRateLimit({
    max: scaled(limit, scale),
    timeWindow: limit.windowMs,
    keyGenerator: (request) => `${name}:${key(request)}`,
  });
  return async (request) => {
    if (!key(request)) return;
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(result.ttl);
  };
}
