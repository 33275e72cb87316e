import { currentLanguage } from "../i18n";

/**
 * One field's problem inside an RFC 9457 response: `pointer` is a JSON Pointer into the body,
 * usually as a URI fragment (`#/email`); `parameter` names a query or path parameter (`page`).
 */
export interface ProblemFieldError {
  pointer: string;
  parameter?: string;
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
  /** Members the server added for this kind of problem (e.g. `groupIds` of `last_admin`). */
  extensions?: Record<string, unknown>;
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

  /**
   * The message for one field, for showing next to its input. Accepts a field name (`email`,
   * `contactPreferences.channels`) or a pointer in either form (`/email`, `#/email`).
   */
  fieldError(field: string): ProblemFieldError | undefined {
    return findFieldError(this.problem.errors, field);
  }
}

/** The first error for `field` (a name like `email` or a pointer like `#/email`), if any. */
export function findFieldError(
  errors: readonly ProblemFieldError[],
  field: string,
): ProblemFieldError | undefined {
  const wanted = fieldPath(field);
  const paths = errors.map((error) => problemFieldPath(error));
  const exact = paths.indexOf(wanted);
  // An error inside a field (`#/languages/2`) belongs to the field (`languages`).
  const index =
    exact !== -1
      ? exact
      : paths.findIndex((path) => wanted !== "" && path.startsWith(`${wanted}/`));
  return index === -1 ? undefined : errors[index];
}

/** Normalises a field reference to slash-separated segments: `#/a/b`, `/a/b`, `a.b` → `a/b`. */
export function fieldPath(field: string): string {
  if (field.startsWith("#/") || field.startsWith("/")) {
    return field
      .replace(/^#?\//, "")
      .split("/")
      .map((segment) => {
        let decoded = segment;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          // keep it as it came
        }
        return decoded.replace(/~1/g, "/").replace(/~0/g, "~");
      })
      .join("/");
  }
  return field.split(".").join("/");
}

/** Where a field error points, as `fieldPath` writes it (`""` for the whole body). */
export function problemFieldPath(error: ProblemFieldError): string {
  if (error.pointer) {
    return fieldPath(/^#?\//.test(error.pointer) ? error.pointer : `/${error.pointer}`);
  }
  return error.parameter ? fieldPath(error.parameter) : "";
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
  return value.filter(isRecord).map((error) => {
    const fieldError: ProblemFieldError = {
      pointer: optionalString(error.pointer) ?? "",
      code: optionalString(error.code) ?? "invalid",
      detail: optionalString(error.detail) ?? "",
    };
    const parameter = optionalString(error.parameter);
    if (parameter !== undefined) fieldError.parameter = parameter;
    return fieldError;
  });
}

const STANDARD_MEMBERS = new Set([
  "type",
  "title",
  "status",
  "detail",
  "code",
  "instance",
  "errors",
]);

function extensionsOf(source: Record<string, unknown>): { extensions?: Record<string, unknown> } {
  const extra = Object.entries(source).filter(([key]) => !STANDARD_MEMBERS.has(key));
  return extra.length ? { extensions: Object.fromEntries(extra) } : {};
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
    ...extensionsOf(source),
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
