// The error and not-found handlers: everything that goes wrong leaves as translated problem+json,
// without internals; an unknown method on a known path is a 405 with Allow.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from "fastify-type-provider-zod";
import FindMyWay, { type HTTPMethod } from "find-my-way";
import { Problem, sendProblem } from "./problem";
import { fieldProblems } from "./validation";

const METHODS: HTTPMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const DATABASE_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "3D000",
]);

export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.code && DATABASE_DOWN_CODES.has(e.code)) return true;
  if (
    typeof e.message === "string" &&
    /PGlite is closed|embedded database is closed|Connection terminated|pool after calling end/i.test(
      e.message,
    )
  )
    return true;
  return e.cause !== undefined && e.cause !== e && isDatabaseDown(e.cause);
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error) || error.validation)
    return new Problem(400, "validation_failed");
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new Problem(400, "malformed_json");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new Problem(415, "unsupported_media_type");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new Problem(413, "payload_too_large");
  }
  if (error.statusCode === 429) return new Problem(429, "too_many_requests");
  if (isDatabaseDown(error))
    return new Problem(503, "database_unavailable", {}, undefined, { "retry-after": "5" });
  if (
    !isResponseSerializationError(error) &&
    error.statusCode &&
    error.statusCode >= 400 &&
    error.statusCode < 500
  ) {
    return new Problem(error.statusCode, "bad_request");
  }
  return new Problem(500, "internal");
}

export interface NotFoundOptions {
  /** Answers GET/HEAD for client-side routes with the web app; returns false when it does not apply. */
  htmlFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

export function registerErrorHandling(app: FastifyInstance, options: NotFoundOptions = {}): void {
  // A shadow router of every registered route, to tell "no such path" (404) from "wrong method" (405).
  const known = FindMyWay();
  const seen = new Set<string>();
  app.addHook("onRoute", (route) => {
    for (const method of ([] as string[]).concat(route.method)) {
      const key = `${method} ${route.url}`;
      if (seen.has(key) || !METHODS.includes(method as HTTPMethod)) continue;
      seen.add(key);
      known.on(method as HTTPMethod, route.url, () => {});
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: error.code, status: problem.status }, "request refused");
    if (problem.code === "validation_failed" && error.validation) {
      const errors = fieldProblems(request.language, error.validationContext, error.validation);
      return sendProblem(request, reply, new Problem(400, "validation_failed", {}, errors));
    }
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.htmlFallback?.(request, reply)) return reply;
    const path = request.url.split("?")[0] ?? "/";
    const allowed = METHODS.filter((m) => m !== request.method && known.find(m, path) !== null);
    if (allowed.length > 0) {
      const allow = allowed.join(", ");
      return sendProblem(
        request,
        reply,
        new Problem(405, "method_not_allowed", { method: request.method, allow }, undefined, {
          allow,
        }),
      );
    }
    return sendProblem(request, reply, new Problem(404, "not_found"));
  });
}
