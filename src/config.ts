// Configuration comes from environment variables with safe defaults (documented in README.md).
import path from "node:path";
import { rateLimitScale } from "./lib/rate-limit";

export interface GeocoderConfig {
  /** Base address; lookups go to `<url>/search` (Nominatim's API). */
  url: string;
  userAgent: string;
  email: string | undefined;
  timeoutMs: number;
}

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  trustProxy: boolean;
  defaultLanguage: "en" | "es";
  webDir: string | undefined;
  pgPoolMax: number;
  /** The address people use to reach this server, for links in emails (no trailing slash). */
  publicUrl: string;
  /** Other origins allowed to send state-changing requests (besides the server's own). */
  allowedOrigins: string[];
  /** Map tiles: an XYZ URL template ({z}/{x}/{y}, optional {s}) and its attribution. */
  tileUrl: string;
  tileAttribution: string;
  /** Multiplies every rate limit (MUTUO_RATE_LIMIT_SCALE; tests and benchmarks raise it). */
  rateLimitScale: number;
  /** Run background jobs in this instance (MUTUO_JOBS=off leaves them to other instances). */
  jobs: boolean;
  /**
   * A Nominatim-compatible geocoder (MUTUO_GEOCODER_URL; off when undefined), the User-Agent and
   * contact email sent with each lookup (its usage policy asks for both), and how long to wait.
   */
  geocoder?: GeocoderConfig | undefined;
  /** The directory (MUTUO_DIRECTORY_*): see directoryConfig. */
  directory: DirectoryConfig;
}

export interface DirectoryConfig {
  /** IANA time zone for imported locations that name none (MUTUO_DIRECTORY_TIME_ZONE). */
  timeZone: string;
  /**
   * Folder of the official HSDS 3.0 JSON Schemas (`schema/*.json`, with openapi.json), read
   * from disk and never fetched (MUTUO_HSDS_SCHEMAS). Undefined: `mutuo validate` asks for it.
   */
  hsdsSchemas: string | undefined;
  /** Directions link template with {lat} and {lng} (MUTUO_DIRECTIONS_URL). */
  directionsUrl: string;
}

function timeZone(value: string | undefined, name: string): string {
  const zone = value?.trim() || "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new Error(`${name} must be an IANA time zone such as America/Los_Angeles, got "${zone}"`);
  }
  return zone;
}

function directoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  const directionsUrl =
    env.MUTUO_DIRECTIONS_URL ||
    "https://www.openstreetmap.org/directions?to={lat}%2C{lng}#map=17/{lat}/{lng}";
  if (!directionsUrl.includes("{lat}") || !directionsUrl.includes("{lng}")) {
    throw new Error("MUTUO_DIRECTIONS_URL must contain {lat} and {lng}");
  }
  return {
    timeZone: timeZone(env.MUTUO_DIRECTORY_TIME_ZONE, "MUTUO_DIRECTORY_TIME_ZONE"),
    hsdsSchemas: env.MUTUO_HSDS_SCHEMAS ? path.resolve(env.MUTUO_HSDS_SCHEMAS) : undefined,
    directionsUrl,
  };
}

/** The CSP source that allows a tile URL template's host ({s} subdomains become a wildcard). */
export function tileSource(template: string): string | null {
  try {
    const url = new URL(template.replace("{s}", "a").replace(/\{[^}]+\}/g, "0"));
    if (url.origin === "null") return null;
    const host = template.includes("{s}") ? url.host.replace(/^a\./, "*.") : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null; // a relative template: served by this server
  }
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

function bool(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "") return false;
  if (["1", "true", "yes"].includes(value.toLowerCase())) return true;
  if (["0", "false", "no"].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function onOff(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === "") return fallback;
  if (["on", "1", "true", "yes"].includes(value.toLowerCase())) return true;
  if (["off", "0", "false", "no"].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be on or off, got "${value}"`);
}

function geocoderConfig(env: NodeJS.ProcessEnv, publicUrl: string): GeocoderConfig | undefined {
  const raw = (env.MUTUO_GEOCODER_URL || "").trim();
  if (!raw || raw.toLowerCase() === "off") return undefined;
  if (!/^https?:\/\/[^/]+/.test(raw)) {
    throw new Error(`MUTUO_GEOCODER_URL must be an http(s) address, got "${raw}"`);
  }
  const timeoutMs = int(env.MUTUO_GEOCODER_TIMEOUT_MS, 5000, "MUTUO_GEOCODER_TIMEOUT_MS");
  if (timeoutMs < 1) throw new Error("MUTUO_GEOCODER_TIMEOUT_MS must be at least 1");
  return {
    url: raw.replace(/\/+$/, ""),
    userAgent: env.MUTUO_GEOCODER_USER_AGENT || `Mutuo (+${publicUrl})`,
    email: env.MUTUO_GEOCODER_EMAIL || undefined,
    timeoutMs,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const lang = env.MUTUO_DEFAULT_LANGUAGE ?? "en";
  if (lang !== "en" && lang !== "es") {
    throw new Error(`MUTUO_DEFAULT_LANGUAGE must be "en" or "es", got "${lang}"`);
  }
  const port = int(env.PORT, 3000, "PORT");
  const publicUrl = (env.MUTUO_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new Error(`MUTUO_PUBLIC_URL must be an http(s) address, got "${publicUrl}"`);
  }
  return {
    host: env.HOST || "0.0.0.0",
    port,
    publicUrl,
    allowedOrigins: [new URL(publicUrl).origin, ...(env.MUTUO_ALLOWED_ORIGINS || "").split(",")]
      .map((o) => o.trim())
      .filter(Boolean),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.MUTUO_DATA_DIR || "./data"),
    logLevel: env.LOG_LEVEL || "info",
    trustProxy: bool(env.TRUST_PROXY, "TRUST_PROXY"),
    defaultLanguage: lang,
    webDir: env.MUTUO_WEB_DIR ? path.resolve(env.MUTUO_WEB_DIR) : undefined,
    pgPoolMax: int(env.PG_POOL_MAX, 10, "PG_POOL_MAX"),
    rateLimitScale: rateLimitScale(env),
    jobs: onOff(env.MUTUO_JOBS, true, "MUTUO_JOBS"),
    tileUrl: env.MUTUO_TILE_URL || "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    tileAttribution: env.MUTUO_TILE_ATTRIBUTION || "© OpenStreetMap contributors",
    geocoder: geocoderConfig(env, publicUrl),
    directory: directoryConfig(env),
  };
}
