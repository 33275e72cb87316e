// Query parameters of the Open Referral HSDS 3.0 API under /hsds (schema/openapi.json), plus
// Mutuo's profile extensions (lat, lng, radius_m, open_at, language, access). Responses are the
// official HSDS objects, validated in tests against the official schemas (not Zod here).
import { z } from "zod";
import { SEARCH_LIMITS } from "../contract";
import { ACCESS_CODES } from "../taxonomy";

export const HSDS_VERSION = "3.0";
export const HSDS_OPENAPI_URL =
  "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

export const HSDS_PAGE = { defaultPerPage: 50, maxPerPage: 500 } as const;

/** "true"/"false" as HSDS sends booleans in a query string. */
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item));

const paging = {
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  per_page: z.coerce.number().int().min(1).max(HSDS_PAGE.maxPerPage).optional(),
  /** "ndjson" streams every result, one object a line, without pages. */
  format: z.enum(["json", "ndjson"]).optional(),
  search: z.string().trim().max(SEARCH_LIMITS.maxQuery).optional(),
};

/** Mutuo's profile extensions: near a point, open at a time, a language, access notes. */
const profile = {
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radius_m: z.coerce
    .number()
    .positive()
    .max(SEARCH_LIMITS.maxRadiusKm * 1000)
    .optional(),
  /** "now", an ISO date-time (with offset, or local to each place), or "HH:MM". */
  open_at: z.string().max(40).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  access: repeatable(z.enum(ACCESS_CODES)).optional(),
};

const serviceFilters = {
  ...paging,
  ...profile,
  taxonomy_term_id: z.uuid().optional(),
  taxonomy_id: z.uuid().optional(),
  organization_id: z.uuid().optional(),
  modified_after: z.iso.datetime({ offset: true, local: true }).or(z.iso.date()).optional(),
  full: flag.optional(),
};

export const servicesQuery = z.strictObject(serviceFilters);
export type ServicesQuery = z.infer<typeof servicesQuery>;

export const serviceAtLocationsQuery = z.strictObject(serviceFilters);

export const organizationsQuery = z.strictObject({ ...paging, full: flag.optional() });
export type OrganizationsQuery = z.infer<typeof organizationsQuery>;

export const taxonomiesQuery = z.strictObject(paging);

export const taxonomyTermsQuery = z.strictObject({
  ...paging,
  taxonomy_id: z.uuid().optional(),
  parent_id: z.uuid().optional(),
  top_only: flag.optional(),
});
export type TaxonomyTermsQuery = z.infer<typeof taxonomyTermsQuery>;

export const idParams = z.strictObject({ id: z.uuid() });

/** The profile, served at /hsds/profile: what Mutuo adds to HSDS 3.0 (docs/hsds-profile.md). */
export const MUTUO_PROFILE = {
  name: "Mutuo HSDS 3.0 profile",
  hsds_version: HSDS_VERSION,
  documentation: "docs/hsds-profile.md",
  parameters: {
    lat: "Latitude (WGS 84) of a point; with lng, only places within radius_m of it.",
    lng: "Longitude (WGS 84) of the point.",
    radius_m: `Radius in metres around lat/lng (default ${SEARCH_LIMITS.defaultRadiusKm * 1000}).`,
    open_at:
      "'now', an ISO 8601 date-time (with an offset: that instant; without: local time at each place), or HH:MM today at each place. Only places open then.",
    language: "ISO 639-1 code of a language spoken at the service or its place.",
    access: `Repeatable; every one must hold: ${ACCESS_CODES.join(", ")}.`,
  },
  fields: {
    "schedule.x_mutuo_closed":
      "true on a closure (holiday): closed during its dates and times whatever the regular hours say.",
  },
  taxonomies: ["urn:mutuo:taxonomy:categories", "urn:mutuo:taxonomy:access"],
} as const;
