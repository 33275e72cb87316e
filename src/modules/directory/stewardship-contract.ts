// Request and response shapes for keeping listings true: corrections anyone may suggest, the
// listings a network admin or a steward group sees, edits and verification. Shared with the web.
import { z } from "zod";
import { ACCESS_CODES } from "./taxonomy";

export const SUGGESTION_TOPICS = [
  "hours",
  "phone",
  "address",
  "requirements",
  "closed",
  "other",
] as const;
export type SuggestionTopic = (typeof SUGGESTION_TOPICS)[number];
export const SUGGESTION_STATUSES = ["open", "accepted", "dismissed"] as const;
export type SuggestionStatusValue = (typeof SUGGESTION_STATUSES)[number];

/** Service statuses a steward may set (HSDS service.status values). */
export const LISTING_STATUSES = ["active", "temporarily closed", "inactive"] as const;

/** Units of "capacity today" a steward may report (HSDS 3.1 unit rows Mutuo creates). */
export const CAPACITY_UNITS = ["slots", "food_boxes"] as const;

export const STEWARDSHIP_LIMITS = {
  message: 2000,
  note: 1000,
  text: 4000,
  shortText: 300,
  hoursText: 500,
  phones: 10,
  closures: 20,
  perPage: 50,
} as const;

const optionalEmail = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.email().max(254).optional(),
);

export const suggestionRequest = z.strictObject({
  topic: z.enum(SUGGESTION_TOPICS),
  message: z.string().trim().min(1).max(STEWARDSHIP_LIMITS.message),
  /** So a reviewer can ask back; shown to reviewers only, never in the HSDS API. */
  email: optionalEmail,
  /** The honeypot: people leave it empty. */
  website: z.string().max(500).optional(),
  language: z.enum(["en", "es"]).optional(),
});
export type SuggestionRequest = z.infer<typeof suggestionRequest>;

export const suggestionCreated = z.object({ id: z.uuid(), status: z.enum(SUGGESTION_STATUSES) });

export const suggestionOut = z.object({
  id: z.uuid(),
  service_id: z.uuid(),
  service_name: z.string().nullable(),
  organization_name: z.string().nullable(),
  /** The group that keeps the listing true, for a link to edit it. */
  steward_group_id: z.uuid().nullable(),
  topic: z.enum(SUGGESTION_TOPICS),
  message: z.string(),
  email: z.string().nullable(),
  language: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
  review_note: z.string().nullable(),
  reviewed_at: z.string().nullable(),
  created_at: z.string(),
});
export type SuggestionOut = z.infer<typeof suggestionOut>;

export const suggestionsQuery = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const suggestionsResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  results: z.array(suggestionOut),
});
export type SuggestionsResponse = z.infer<typeof suggestionsResponse>;

export const reviewRequest = z.strictObject({
  status: z.enum(["accepted", "dismissed"]),
  note: z.string().trim().max(STEWARDSHIP_LIMITS.note).optional(),
});

export const suggestionParams = z.strictObject({ suggestionId: z.uuid() });
export const groupSuggestionParams = z.strictObject({
  groupId: z.uuid(),
  suggestionId: z.uuid(),
});
export const serviceIdParams = z.strictObject({ serviceId: z.uuid() });
export const groupParams = z.strictObject({ groupId: z.uuid() });
export const groupServiceParams = z.strictObject({ groupId: z.uuid(), serviceId: z.uuid() });
export const organizationParams = z.strictObject({ organizationId: z.uuid() });

export const stewardRequest = z.strictObject({ groupId: z.uuid().nullable() });
export const stewardResponse = z.object({
  organization_id: z.uuid(),
  steward_group: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

const flag = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

export const listingsQuery = z.strictObject({
  stale: flag.optional(),
  organization: z.uuid().optional(),
  /** One service, with everything its edit form needs. */
  service: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  per_page: z.coerce.number().int().min(1).max(STEWARDSHIP_LIMITS.perPage).optional(),
});
export type ListingsQuery = z.infer<typeof listingsQuery>;

const phoneIn = z.strictObject({
  number: z.string().trim().min(3).max(40),
  extension: z.number().int().min(0).max(999_999).nullable().optional(),
  type: z
    .enum(["voice", "text", "fax", "cell", "video", "pager", "textphone"])
    .nullable()
    .optional(),
  description: z.string().trim().max(STEWARDSHIP_LIMITS.shortText).nullable().optional(),
});

const localDate = z.iso.date();

export const closureIn = z
  .strictObject({
    from: localDate,
    to: localDate,
    note: z.string().trim().max(STEWARDSHIP_LIMITS.shortText).nullable().optional(),
  })
  .refine((c) => c.from <= c.to, { path: ["to"], params: { i18n: "field.closure_ends_before" } });

export const hoursIn = z.strictObject({
  /** The place these hours are for; null for the service's own hours (no place). */
  location_id: z.uuid().nullable(),
  text: z.string().trim().min(1).max(STEWARDSHIP_LIMITS.hoursText),
});

export const capacityIn = z
  .strictObject({
    unit: z.enum(CAPACITY_UNITS),
    available: z.number().int().min(0).max(1_000_000),
    maximum: z.number().int().min(0).max(1_000_000).nullable().optional(),
  })
  .refine((c) => c.maximum == null || c.available <= c.maximum, {
    path: ["available"],
    params: { i18n: "field.capacity_over_maximum" },
  });

const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const listingEdit = z.strictObject({
  /** The `updated_at` the editor read: an edit made on an older copy is refused (409). */
  updated_at: z.iso.datetime({ offset: true }),
  name: z.string().trim().min(1).max(STEWARDSHIP_LIMITS.shortText).optional(),
  description: text(STEWARDSHIP_LIMITS.text),
  status: z.enum(LISTING_STATUSES).optional(),
  alert: text(STEWARDSHIP_LIMITS.text),
  application_process: text(STEWARDSHIP_LIMITS.text),
  eligibility_description: text(STEWARDSHIP_LIMITS.text),
  fees_description: text(STEWARDSHIP_LIMITS.text),
  phones: z.array(phoneIn).max(STEWARDSHIP_LIMITS.phones).optional(),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(30)
    .optional(),
  access: z.array(z.enum(ACCESS_CODES)).optional(),
  hours: z.array(hoursIn).max(20).optional(),
  closures: z.array(closureIn).max(STEWARDSHIP_LIMITS.closures).optional(),
  /** Capacity today; null removes it. */
  capacity: capacityIn.nullable().optional(),
});
export type ListingEdit = z.infer<typeof listingEdit>;

export const listingPlace = z.object({
  location_id: z.uuid(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  /** The current hours as words a person can edit and send back. */
  hours_text: z.string(),
});

export const listingOut = z.object({
  service_id: z.uuid(),
  name: z.string(),
  status: z.string(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  steward_group: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  verified_at: z.string().nullable(),
  /** When it was first imported: the start of the stale clock for a never-verified listing. */
  created_at: z.string(),
  stale: z.boolean(),
  updated_at: z.string(),
  open_suggestions: z.number().int(),
});
export type ListingOut = z.infer<typeof listingOut>;

/** One listing with everything its edit form shows (when asked for with ?service=). */
export const listingDetail = listingOut.extend({
  description: z.string().nullable(),
  alert: z.string().nullable(),
  application_process: z.string().nullable(),
  eligibility_description: z.string().nullable(),
  fees_description: z.string().nullable(),
  phones: z.array(
    z.object({
      number: z.string(),
      extension: z.number().nullable(),
      type: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
  languages: z.array(z.string()),
  access: z.array(z.string()),
  places: z.array(listingPlace),
  /** The service's own hours (not tied to a place), as words. */
  service_hours_text: z.string(),
  closures: z.array(z.object({ from: z.string(), to: z.string(), note: z.string().nullable() })),
  capacity: z
    .object({
      unit: z.string(),
      available: z.number(),
      maximum: z.number().nullable(),
      updated: z.string(),
    })
    .nullable(),
});
export type ListingDetail = z.infer<typeof listingDetail>;

export const listingsResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  results: z.array(listingOut),
  /** Present when ?service= named one listing the caller may edit. */
  detail: listingDetail.nullable(),
});
export type ListingsResponse = z.infer<typeof listingsResponse>;

export const verifyResponse = z.object({
  service_id: z.uuid(),
  verified_at: z.string(),
  updated_at: z.string(),
  stale: z.boolean(),
});
