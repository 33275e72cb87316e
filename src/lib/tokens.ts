// Random secrets for links and sessions; only their SHA-256 is ever stored.
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: unguessable, safe in URLs and cookies. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A well-formed token: anything else is refused before touching the database. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** A URL safe to log: secret tokens in the path or query are replaced. */
export function redactUrl(url: string): string {
  return url.replace(/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, "[token]");
}
