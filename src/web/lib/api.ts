import { currentLanguage } from "../i18n";

/** One field's problem inside an RFC 9457 response: `pointer` is a JSON Pointer (`/email`). */
export interface ProblemFieldError {
  pointer: string;
  code: string;
  detail: string;
}

/** An RFC 9457 problem details document, as the Mutuo server sends it (already translated). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors: ProblemFieldError[];
}

/** A request the server answered with an error status. */
export class ProblemError extends Error {
  override readonly name = "ProblemError";
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** The message for one field (`"/email"`), for showing next to its input. */
  fieldError(pointer: string): ProblemFieldError | undefined {
    return this.problem.errors.find((error) => error.pointer === pointer);
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
}

/** True when a request was cancelled on purpose (e.g. the component unmounted). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function toFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((error) => ({
    pointer: optionalString(error.pointer) ?? "",
    code: optionalString(error.code) ?? "invalid",
    detail: optionalString(error.detail) ?? "",
  }));
}

/** Reads any error body into a Problem, whatever the server (or a proxy in front of it) sent. */
export function toProblem(body: unknown, status: number, statusText = ""): Problem {
  const source = isRecord(body) ? body : {};
  return {
    type: optionalString(source.type) ?? "about:blank",
    title: optionalString(source.title) ?? (statusText || `HTTP ${status}`),
    status: typeof source.status === "number" ? source.status : status,
    detail: optionalString(source.detail),
    code: optionalString(source.code),
    instance: optionalString(source.instance),
    errors: toFieldErrors(source.errors),
  };
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);
}

export interface ApiRequestInit extends Omit<RequestInit, "body"> {
  /** Sent as a JSON body with `Content-Type: application/json`. */
  json?: unknown;
  body?: RequestInit["body"];
}

/**
 * Calls the Mutuo API in the current language. Resolves with the parsed JSON body
 * (`undefined` for an empty one); rejects with a ProblemError for an error status, or with
 * the fetch error itself when the server cannot be reached.
 */
export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { json, headers: extraHeaders, ...rest } = init;
  const headers = new Headers(extraHeaders);
  headers.set("Accept", "application/json");
  headers.set("Accept-Language", currentLanguage());
  let body = rest.body;
  if (json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(json);
  }

  const response = await fetch(path, { credentials: "same-origin", ...rest, headers, body });
  const contentType = response.headers.get("Content-Type");
  const text = await response.text();
  let parsed: unknown;
  let parseError: unknown;
  if (text !== "") {
    try {
      parsed = isJson(contentType) ? JSON.parse(text) : undefined;
    } catch (error) {
      parseError = error;
    }
  }

  if (!response.ok) throw new ProblemError(toProblem(parsed, response.status, response.statusText));
  if (text !== "" && (parseError !== undefined || !isJson(contentType))) {
    // e.g. an HTML page from a misconfigured proxy: not something a caller can use.
    throw new TypeError(`Expected JSON from ${path}, got ${contentType ?? "no content type"}`);
  }
  return parsed as T;
}
