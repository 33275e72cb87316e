import { apiFetch } from "./api";

/** `GET /api/v1/meta`: what this Mutuo server is running. */
export interface ServerMeta {
  name: string;
  version: string;
  languages: string[];
  database: "pglite" | "postgres" | (string & {});
  instanceId: string;
  installedAt: string;
  /** Map tiles for the app's maps (older servers may not say). */
  map?: { tileUrl: string; attribution: string };
}

function isServerMeta(value: unknown): value is ServerMeta {
  if (typeof value !== "object" || value === null) return false;
  const meta = value as Record<string, unknown>;
  return typeof meta.version === "string" && typeof meta.database === "string";
}

export async function fetchServerMeta(signal?: AbortSignal): Promise<ServerMeta> {
  const body = await apiFetch<unknown>("/api/v1/meta", { signal });
  if (!isServerMeta(body)) throw new TypeError("Unexpected answer from /api/v1/meta");
  return body;
}
