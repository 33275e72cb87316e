// The directory search's state lives in the address bar (shareable, the back button works):
// this file reads it from there, writes it back, and turns it into the API's query. Anything
// malformed in a hand-edited or old link is dropped rather than sent, so a link never fails.
import { SEARCH_LIMITS } from "../../../modules/directory/contract";
import {
  ACCESS_CODES,
  type AccessCode,
  CATEGORY_CODES,
  type CategoryCode,
} from "../../../modules/directory/taxonomy";

export const RADII_KM = [1, 3, 5, 10, 25] as const;
export const DEFAULT_RADIUS_KM = 5;

export type Near = "" | "me" | "place";
export type OpenFilter = "" | "now" | "at";

export interface SearchState {
  q: string;
  near: Near;
  lat?: number;
  lng?: number;
  /** The place's name as the visitor typed or chose it (shown back, never sent to search). */
  place: string;
  radiusKm: number;
  open: OpenFilter;
  /** Local date and time of "open at" (each location's own time zone). */
  day: string;
  time: string;
  language: string;
  category: CategoryCode | "";
  access: AccessCode[];
}

export const EMPTY_STATE: SearchState = {
  q: "",
  near: "",
  place: "",
  radiusKm: DEFAULT_RADIUS_KM,
  open: "",
  day: "",
  time: "",
  language: "",
  category: "",
  access: [],
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANGUAGE = /^[a-z]{2,3}$/;

function coordinate(raw: string | null, limit: number): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : undefined;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((value) => value === raw);
}

export function readSearchState(params: URLSearchParams): SearchState {
  const lat = coordinate(params.get("lat"), 90);
  const lng = coordinate(params.get("lng"), 180);
  const hasPoint = lat !== undefined && lng !== undefined;
  const near = hasPoint ? (oneOf(params.get("near"), ["me", "place"] as const) ?? "place") : "";
  const radius = Number(params.get("radius"));
  const day = params.get("day") ?? "";
  const time = params.get("time") ?? "";
  const atValid = DAY.test(day) && TIME.test(time);
  const requested = oneOf(params.get("open"), ["now", "at"] as const) ?? "";
  const open: OpenFilter = requested === "at" && !atValid ? "" : requested;
  const language = params.get("language") ?? "";
  const access = params
    .getAll("access")
    .filter((code): code is AccessCode => (ACCESS_CODES as readonly string[]).includes(code));
  return {
    q: (params.get("q") ?? "").slice(0, SEARCH_LIMITS.maxQuery),
    near,
    ...(hasPoint ? { lat, lng } : {}),
    place: near === "place" ? (params.get("place") ?? "").slice(0, 200) : "",
    radiusKm: (RADII_KM as readonly number[]).includes(radius) ? radius : DEFAULT_RADIUS_KM,
    open,
    day: open === "at" ? day : "",
    time: open === "at" ? time : "",
    language: LANGUAGE.test(language) ? language : "",
    category: oneOf(params.get("category"), CATEGORY_CODES) ?? "",
    access: [...new Set(access)],
  };
}

/** The address bar's query for a state: only what differs from "search everything". */
export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set("q", q);
  if (state.near && state.lat !== undefined && state.lng !== undefined) {
    params.set("near", state.near);
    params.set("lat", String(state.lat));
    params.set("lng", String(state.lng));
    if (state.near === "place" && state.place.trim()) params.set("place", state.place.trim());
    params.set("radius", String(state.radiusKm));
  }
  if (state.open === "now") params.set("open", "now");
  if (state.open === "at" && DAY.test(state.day) && TIME.test(state.time)) {
    params.set("open", "at");
    params.set("day", state.day);
    params.set("time", state.time);
  }
  if (state.language) params.set("language", state.language);
  if (state.category) params.set("category", state.category);
  for (const code of state.access) params.append("access", code);
  return params;
}

/** The query of `GET /api/v1/directory/search` for a state and a page of results. */
export function searchApiQuery(
  state: SearchState,
  page: number,
  lang: "en" | "es",
): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set("q", q);
  if (state.near && state.lat !== undefined && state.lng !== undefined) {
    params.set("lat", String(state.lat));
    params.set("lng", String(state.lng));
    params.set("radius_km", String(state.radiusKm));
  }
  // Without an offset the server reads the time in each location's own time zone.
  if (state.open === "now") params.set("open_at", "now");
  if (state.open === "at") params.set("open_at", `${state.day}T${state.time}`);
  if (state.language) params.set("language", state.language);
  if (state.category) params.set("category", state.category);
  for (const code of state.access) params.append("access", code);
  params.set("page", String(page));
  params.set("per_page", String(SEARCH_LIMITS.defaultPerPage));
  params.set("lang", lang);
  return params;
}

/** How many filters beyond the words and the place are chosen (shown on the filters' toggle). */
export function filterCount(state: SearchState): number {
  return (
    (state.open ? 1 : 0) + (state.language ? 1 : 0) + (state.category ? 1 : 0) + state.access.length
  );
}

/** Has the visitor asked for anything at all? (An empty search shows a prompt, not results.) */
export function hasCriteria(state: SearchState): boolean {
  return state.q.trim() !== "" || state.near !== "" || filterCount(state) > 0;
}

/** The next wider radius, for "nothing found nearby" (undefined at the widest). */
export function widerRadius(km: number): number | undefined {
  return RADII_KM.find((r) => r > km);
}
