// RFC 9457 problem details: the one shape every error leaves the server in, translated.
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Language, translate } from "../lib/i18n";

export interface FieldProblem {
  /** JSON pointer into the request body (RFC 6901, as a URI fragment), for body fields. */
  pointer?: string;
  /** Query, path or header parameter name, for those. */
  parameter?: string;
  code: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Thrown by routes and plugins; the error handler turns it into problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly errors: FieldProblem[] | undefined = undefined,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export function problemBody(
  language: Language,
  request: FastifyRequest,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
  errors?: FieldProblem[],
): ProblemBody {
  const body: ProblemBody = {
    type: `/problems/${code}`,
    title: translate(language, `problem.${code}.title`, params),
    status,
    detail: translate(language, `problem.${code}.detail`, params),
    code,
    instance: request.url.split("?")[0],
    requestId: String(request.id),
  };
  if (errors?.length) body.errors = errors;
  return body;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  const body = problemBody(
    request.language,
    request,
    problem.status,
    problem.code,
    problem.params,
    problem.errors,
  );
  return reply.code(problem.status).type("application/problem+json; charset=utf-8").send(body);
}
