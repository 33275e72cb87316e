// The directory's public API as the screens call it.
import type { SearchResponse, ServiceDetail } from "../../../modules/directory/contract";
import type { GeocodeResult } from "../../../modules/location/contract";
import { currentLanguage } from "../../i18n";
import { apiFetch, ProblemError, toProblem } from "../../lib/api";

const base = "/api/v1/directory";

export const directoryKeys = {
  search: (query: string) => ["directory", "search", query] as const,
  service: (id: string, lang: string) => ["directory", "service", id, lang] as const,
  text: (id: string, lang: string) => ["directory", "text", id, lang] as const,
};

export function searchDirectory(query: URLSearchParams, signal?: AbortSignal) {
  return apiFetch<SearchResponse>(`${base}/search?${query}`, { signal });
}

export function getService(serviceId: string, signal?: AbortSignal) {
  return apiFetch<ServiceDetail>(`${base}/services/${encodeURIComponent(serviceId)}`, { signal });
}

/** The SMS-sized text of a listing (text/plain; a problem when refused). */
export async function getServiceText(
  serviceId: string,
  lang: "en" | "es",
  signal?: AbortSignal,
): Promise<string> {
  const response = await fetch(
    `${base}/services/${encodeURIComponent(serviceId)}/text?lang=${lang}`,
    {
      signal,
      credentials: "same-origin",
      headers: { Accept: "text/plain, application/problem+json", "Accept-Language": lang },
    },
  );
  const body = await response.text();
  if (!response.ok) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    throw new ProblemError(toProblem(parsed, response.status, response.statusText));
  }
  return body;
}

export function geocode(q: string) {
  return apiFetch<GeocodeResult[]>("/api/v1/geocode", { method: "POST", json: { q } });
}

/** The interface language as the directory API names it. */
export function directoryLanguage(): "en" | "es" {
  return currentLanguage() === "es" ? "es" : "en";
}
