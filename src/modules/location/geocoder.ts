// The client of a Nominatim-compatible geocoder (MUTUO_GEOCODER_URL): one `GET /search` with a
// short timeout, bounded to a group's area when it has one. Its answer is checked like any
// other input; what it cannot understand is a failure, never passed on. The typed text is sent
// only to the geocoder and never logged.
import { z } from "zod";
import type { GeocoderConfig } from "../../config";
import type { Bounds } from "./model";

export const GEOCODER_LIMIT = 5;
/** A geocoder answer larger than this is not a list of five places. */
const MAX_ANSWER_BYTES = 512 * 1024;

export interface GeocodeHit {
  label: string;
  lat: number;
  lng: number;
}

/** Why a lookup failed: the geocoder did not answer in time, or answered something unusable. */
export class GeocoderError extends Error {
  constructor(
    readonly reason: "timeout" | "failed",
    readonly upstreamStatus?: number,
  ) {
    super(`geocoder ${reason}`);
  }
}

const coordinate = z.union([z.string(), z.number()]).transform((v) => Number(v));
const nominatimPlace = z.object({
  lat: coordinate,
  lon: coordinate,
  display_name: z.string().min(1).max(1000),
});

/** The `/search` address for a query (exported for tests). */
export function searchUrl(
  config: GeocoderConfig,
  query: { q: string; language: string; bounds: Bounds | null },
): URL {
  const url = new URL(`${config.url}/search`);
  url.searchParams.set("format", "jsonv2");
  url.searchParams.set("q", query.q);
  url.searchParams.set("limit", String(GEOCODER_LIMIT));
  url.searchParams.set("accept-language", query.language);
  if (config.email) url.searchParams.set("email", config.email);
  if (query.bounds) {
    const b = query.bounds;
    url.searchParams.set("viewbox", [b.west, b.north, b.east, b.south].join(","));
    url.searchParams.set("bounded", "1");
  }
  return url;
}

/** Turns the geocoder's JSON into places; anything but a list is a failure. */
export function parseAnswer(text: string): GeocodeHit[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GeocoderError("failed");
  }
  if (!Array.isArray(value)) throw new GeocoderError("failed");
  const hits: GeocodeHit[] = [];
  for (const item of value) {
    const parsed = nominatimPlace.safeParse(item);
    if (!parsed.success) continue;
    const { lat, lon, display_name } = parsed.data;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    hits.push({
      label: display_name.trim(),
      lat: Math.round(lat * 1e6) / 1e6,
      lng: Math.round(lon * 1e6) / 1e6,
    });
    if (hits.length === GEOCODER_LIMIT) break;
  }
  // A non-empty list of which nothing was a place: not a Nominatim answer.
  if (value.length > 0 && hits.length === 0) throw new GeocoderError("failed");
  return hits;
}

export async function geocode(
  config: GeocoderConfig,
  query: { q: string; language: string; bounds: Bounds | null },
): Promise<GeocodeHit[]> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(searchUrl(config, query), {
      signal,
      redirect: "follow",
      headers: {
        accept: "application/json",
        "user-agent": config.userAgent,
        "accept-language": query.language,
      },
    });
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_ANSWER_BYTES) {
      await response.body?.cancel();
      throw new GeocoderError("failed", response.status);
    }
    text = await response.text();
  } catch (err) {
    if (err instanceof GeocoderError) throw err;
    if (signal.aborted) throw new GeocoderError("timeout");
    throw new GeocoderError("failed");
  }
  if (!response.ok) throw new GeocoderError("failed", response.status);
  if (text.length > MAX_ANSWER_BYTES) throw new GeocoderError("failed", response.status);
  return parseAnswer(text);
}
