// Request and response shapes of the directory's own API (/api/v1/directory/...), shared by
// the server and the web client. The HSDS API (/hsds/...) has its shapes in hsds/api-contract.ts.
import { z } from "zod";
import { ACCESS_CODES, CATEGORY_CODES } from "./taxonomy";

export const SEARCH_LIMITS = {
  maxQuery: 200,
  defaultRadiusKm: 5,
  maxRadiusKm: 100,
  maxPerPage: 50,
  defaultPerPage: 20,
} as const;

/** A listing is stale when nobody has verified it for this many days. */
export const STALE_AFTER_DAYS = 180;

/** Repeatable query parameter: ?access=no_id&access=free (or one value). */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item));

export const searchQuery = z.strictObject({
  q: z.string().trim().max(SEARCH_LIMITS.maxQuery).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radius_km: z.coerce.number().positive().max(SEARCH_LIMITS.maxRadiusKm).optional(),
  /** "now", or an ISO date-time (with offset, or read in each location's time zone). */
  open_at: z.string().max(40).optional(),
  /** ISO 639-1 code of a language spoken (en, es, zh, ...). */
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  access: repeatable(z.enum(ACCESS_CODES)).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  per_page: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxPerPage).optional(),
  /** The visitor's language for texts (today's hours, badges); defaults to the request's. */
  lang: z.enum(["en", "es"]).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const hoursInterval = z.object({
  /** Local time, 24-hour "HH:MM". */
  opens: z.string(),
  closes: z.string(),
});

export const openState = z.enum(["open", "closed", "unknown"]);

export const searchResult = z.object({
  service_id: z.uuid(),
  service_at_location_id: z.uuid().nullable(),
  location_id: z.uuid().nullable(),
  name: z.string(),
  organization_name: z.string(),
  /** The description, shortened for a result list. */
  summary: z.string(),
  /** One line: "123 Main St, San Mateo". */
  address: z.string().nullable(),
  /** Public institutions' points (not people's): shown on the map. */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  distance_m: z.number().nullable(),
  /** Open or closed at the searched time (now unless open_at was given). */
  open: openState,
  /** Today's hours in the location's time zone (empty when closed today or unknown). */
  today: z.array(hoursInterval),
  time_zone: z.string().nullable(),
  categories: z.array(z.string()),
  access: z.array(z.string()),
  languages: z.array(z.string()),
  verified_at: z.string().nullable(),
  stale: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  /** The instant "open" was evaluated at (ISO). */
  at: z.string(),
  results: z.array(searchResult),
});
export type SearchResponse = z.infer<typeof searchResponse>;

export const serviceParams = z.strictObject({ serviceId: z.uuid() });

export const phoneOut = z.object({
  number: z.string(),
  extension: z.number().nullable(),
  type: z.string().nullable(),
  description: z.string().nullable(),
});

export const serviceLocationOut = z.object({
  location_id: z.uuid(),
  service_at_location_id: z.uuid().nullable(),
  name: z.string().nullable(),
  /** Address lines as printed on an envelope. */
  address: z.array(z.string()),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** A maps link for directions (configurable base; OpenStreetMap by default). */
  directions_url: z.string().nullable(),
  time_zone: z.string().nullable(),
  open: openState,
  today: z.array(hoursInterval),
  /** Regular weekly hours, Monday (1) to Sunday (7); plus other rules in words. */
  week: z.array(
    z.object({ weekday: z.number().int().min(1).max(7), hours: z.array(hoursInterval) }),
  ),
  /** Rules that are not weekly ("2nd and 4th Friday 9:00–12:00"), already in the visitor's language. */
  other_hours: z.array(z.string()),
  /** Closures coming up (holidays), local dates. */
  closures: z.array(z.object({ from: z.string(), to: z.string(), note: z.string().nullable() })),
  phones: z.array(phoneOut),
  languages: z.array(z.string()),
  accessibility: z.array(z.string()),
  transportation: z.string().nullable(),
});

export const serviceDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  alternate_name: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string(),
  organization: z.object({ id: z.uuid(), name: z.string(), website: z.string().nullable() }),
  url: z.string().nullable(),
  email: z.string().nullable(),
  application_process: z.string().nullable(),
  eligibility_description: z.string().nullable(),
  fees_description: z.string().nullable(),
  interpretation_services: z.string().nullable(),
  alert: z.string().nullable(),
  phones: z.array(phoneOut),
  languages: z.array(z.string()),
  required_documents: z.array(z.string()),
  categories: z.array(z.string()),
  access: z.array(z.string()),
  /** From HSDS 3.1 service_capacity: slots or stock left. */
  capacity: z.array(
    z.object({
      unit: z.string(),
      available: z.number(),
      maximum: z.number().nullable(),
      updated: z.string(),
    }),
  ),
  cost_options: z.array(
    z.object({
      option: z.string().nullable(),
      amount: z.number().nullable(),
      currency: z.string().nullable(),
    }),
  ),
  locations: z.array(serviceLocationOut),
  verified_at: z.string().nullable(),
  stale: z.boolean(),
  last_modified: z.string().nullable(),
  /** True when the viewer may edit it (a steward coordinator or a network admin). */
  can_edit: z.boolean(),
});
export type ServiceDetail = z.infer<typeof serviceDetail>;
