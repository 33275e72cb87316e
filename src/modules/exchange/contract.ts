// Request and response shapes of the exchange API (also imported by the web client).
import { z } from "zod";
import { email, phone } from "../accounts/contract";
import { CATEGORY_IDS, URGENCIES } from "./categories";
import { NEED_STATUSES } from "./model";

const CHANNELS = ["email", "sms", "phone", "none"] as const;

/** A point, typed cross streets / address, or both; the point must have both coordinates. */
export const locationInput = z
  .strictObject({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    text: z.string().trim().min(1).max(300).optional(),
  })
  .superRefine((loc, ctx) => {
    if ((loc.lat === undefined) !== (loc.lng === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [loc.lat === undefined ? "lat" : "lng"],
        params: { i18n: "field.location_point_incomplete", code: "point_incomplete" },
      });
    } else if (loc.lat === undefined && loc.text === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [],
        params: { i18n: "field.location_empty", code: "location_empty" },
      });
    }
  });

export const contactInput = z
  .strictObject({
    name: z.string().trim().max(120).optional(),
    email: email.optional(),
    phone: phone.optional(),
    channel: z.enum(CHANNELS),
  })
  .superRefine((contact, ctx) => {
    if (contact.channel === "email" && !contact.email) {
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        params: { i18n: "field.contact_email_required", code: "email_required" },
      });
    }
    if ((contact.channel === "sms" || contact.channel === "phone") && !contact.phone) {
      ctx.addIssue({
        code: "custom",
        path: ["phone"],
        params: { i18n: "field.contact_phone_required", code: "phone_required" },
      });
    }
  });

export const postNeedRequest = z
  .strictObject({
    category: z.enum(CATEGORY_IDS),
    description: z.string().trim().min(1).max(2000),
    urgency: z.enum(URGENCIES).optional(),
    householdSize: z.number().int().min(1).max(30).optional(),
    languages: z
      .array(z.enum(["en", "es"]))
      .max(5)
      .optional(),
    windowStart: z.iso.datetime({ offset: true }).optional(),
    windowEnd: z.iso.datetime({ offset: true }).optional(),
    location: locationInput.optional(),
    contact: contactInput,
    sensitiveNotes: z.string().trim().max(2000).optional(),
    /** Honeypot: hidden from people, filled by bots. Must be empty or absent. */
    website: z.string().max(500).optional(),
  })
  .superRefine((body, ctx) => {
    if (
      body.windowStart &&
      body.windowEnd &&
      Date.parse(body.windowEnd) <= Date.parse(body.windowStart)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["windowEnd"],
        params: { i18n: "field.window_end_before_start", code: "window_order" },
      });
    }
  });
export type PostNeedRequest = z.infer<typeof postNeedRequest>;

/** A status link's token as it arrives from the page's #fragment. */
export const statusTokenRequest = z.strictObject({ token: z.string().min(1).max(100) });
export const cancelByRequesterRequest = z.strictObject({
  token: z.string().min(1).max(100),
  reason: z.string().trim().max(500).optional(),
});

export const needParams = z.strictObject({ groupId: z.uuid(), needId: z.uuid() });

/** The board's filters; `near` is "lat,lng" (the caller's own place, never echoed back). */
export const boardQuery = z
  .strictObject({
    category: z.enum(CATEGORY_IDS).optional(),
    urgency: z.enum(URGENCIES).optional(),
    language: z.enum(["en", "es"]).optional(),
    maxAgeHours: z.coerce.number().int().min(1).max(8760).optional(),
    near: z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/)
      .refine((v) => {
        const [lat, lng] = v.split(",").map(Number) as [number, number];
        return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
      })
      .optional(),
    radiusKm: z.coerce.number().min(0.1).max(100).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.radiusKm !== undefined && q.near === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["near"],
        params: { i18n: "field.board_near_required", code: "near_required" },
      });
    }
  });
export type BoardQuery = z.infer<typeof boardQuery>;

/** Marking a need fulfilled, with an optional closing note. */
export const fulfilRequest = z.strictObject({ reason: z.string().trim().max(500).optional() });

// ---- responses ----

const status = z.enum(NEED_STATUSES);

export const postNeedResponse = z.object({
  id: z.string(),
  /** The private status page; its token is in the fragment and appears nowhere else. */
  statusUrl: z.string(),
  shortCode: z.string(),
  status,
});

const locationOut = z.object({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  text: z.string().nullable(),
});
const contactOut = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  channel: z.enum(CHANNELS),
});

export const claimResponse = z.object({
  claimId: z.string(),
  expiresAt: z.string(),
  remindAt: z.string(),
});

/** Where a need stands after a transition. */
export const transitionResponse = z.object({ id: z.string(), status });

/** The requester's own view, through the status link. */
export const needStatusResponse = z.object({
  id: z.string(),
  group: z.object({ id: z.string(), name: z.string() }),
  shortCode: z.string(),
  status,
  category: z.enum(CATEGORY_IDS),
  description: z.string(),
  urgency: z.enum(URGENCIES),
  householdSize: z.number().nullable(),
  languages: z.array(z.string()),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  createdAt: z.string(),
  /** A volunteer holds it now (who is not said). */
  claimed: z.boolean(),
  location: locationOut,
  contact: contactOut,
  history: z.array(z.object({ action: z.string(), toStatus: status, createdAt: z.string() })),
});
export type NeedStatusView = z.infer<typeof needStatusResponse>;

/** A need as group members see it; the sensitive parts only for those who may. */
export const needResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  status,
  category: z.enum(CATEGORY_IDS),
  description: z.string(),
  urgency: z.enum(URGENCIES),
  householdSize: z.number().nullable(),
  languages: z.array(z.string()),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  /** The public place: the H3 resolution-8 cell, never the point. */
  place: z.string().nullable(),
  createdAt: z.string(),
  ageMinutes: z.number(),
  duplicateOf: z.string().nullable(),
  claimed: z.boolean(),
  claimedByYou: z.boolean(),
  // Coordinators, admins, network admins; the volunteer holding the claim (location, contact).
  location: locationOut.optional(),
  contact: contactOut.optional(),
  sensitiveNotes: z.string().nullable().optional(),
  shortCode: z.string().optional(),
});
export type NeedView = z.infer<typeof needResponse>;

/** The board: public fields only, whoever looks (contact and place are on the need's own page). */
export const boardNeed = needResponse.omit({
  location: true,
  contact: true,
  sensitiveNotes: true,
  shortCode: true,
});
export type BoardNeedView = z.infer<typeof boardNeed>;
export const boardResponse = z.object({ needs: z.array(boardNeed) });

// ---- the shareable list and the CSV export ----

export const sharedQuery = z.strictObject({
  /** json (default) or text: ready to paste into a chat, in the request's language. */
  format: z.enum(["json", "text"]).optional(),
});

export const sharedNeedsResponse = z.object({
  group: z.object({ name: z.string() }),
  generatedAt: z.string(),
  /** H3 resolution-7 areas with at least the group's anonymityK waiting needs; cell null: place not given. */
  areas: z.array(
    z.object({
      cell: z.string().nullable(),
      count: z.number().int(),
      needs: z.array(
        z.object({
          category: z.enum(CATEGORY_IDS),
          urgency: z.enum(URGENCIES),
          waitingHours: z.number().int(),
        }),
      ),
    }),
  ),
  /** Areas left out because they have fewer than anonymityK waiting needs. */
  hiddenAreas: z.number().int(),
});
export type SharedNeedsView = z.infer<typeof sharedNeedsResponse>;

export const exportQuery = z.strictObject({
  /** Include contact, exact place and private notes. */
  personal: z.enum(["true", "false"]).optional(),
  /** open: needs not closed yet (default); all: every need the group still holds. */
  status: z.enum(["open", "all"]).optional(),
});
