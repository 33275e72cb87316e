// Request and response shapes of the exchange API (also imported by the web client).
import { z } from "zod";
import { email, phone } from "../accounts/contract";
import { isChoosableCell } from "../location/model";
import { CATEGORY_IDS, URGENCIES } from "./categories";
import { NEED_STATUSES } from "./model";

const CHANNELS = ["email", "sms", "phone", "none"] as const;

/** A point, typed cross streets / address, or both; the point must have both coordinates. */
const locationShape = {
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  text: z.string().trim().min(1).max(300).optional(),
};

function checkLocation(
  loc: {
    lat?: number | undefined;
    lng?: number | undefined;
    text?: string | undefined;
    cell?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if ((loc.lat === undefined) !== (loc.lng === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [loc.lat === undefined ? "lat" : "lng"],
      params: { i18n: "field.location_point_incomplete", code: "point_incomplete" },
    });
  } else if (loc.lat !== undefined && loc.cell !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["cell"],
      params: { i18n: "field.geocoder_cell_and_point", code: "cell_and_point" },
    });
  } else if (loc.lat === undefined && loc.text === undefined && loc.cell === undefined) {
    ctx.addIssue({
      code: "custom",
      path: [],
      params: { i18n: "field.location_empty", code: "location_empty" },
    });
  }
}

export const locationInput = z.strictObject(locationShape).superRefine(checkLocation);

/**
 * A need's place: as above, or an area chosen on the map instead of a point (an H3 cell of
 * resolution 8 or 9, kept as the public place; no exact point is stored).
 */
export const needLocationInput = z
  .strictObject({
    ...locationShape,
    cell: z
      .string()
      .trim()
      .max(20)
      .toLowerCase()
      .refine(isChoosableCell, {
        params: { i18n: "field.geocoder_cell_invalid", code: "cell_invalid" },
      })
      .optional(),
  })
  .superRefine(checkLocation);

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
    location: needLocationInput.optional(),
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

/** The most a requester adds to their need's description at once, and the whole it may grow to. */
export const DETAILS_MAX = 1000;
export const DESCRIPTION_WITH_DETAILS_MAX = 4000;

/**
 * Marking a need fulfilled, with an optional closing note and what moved (all optional): time
 * in minutes, goods in words, money as an amount in major units with its ISO 4217 currency.
 */
export const fulfilRequest = z
  .strictObject({
    reason: z.string().trim().max(500).optional(),
    minutes: z.number().int().min(1).max(100_000).optional(),
    goods: z.string().trim().min(1).max(500).optional(),
    amount: z
      .number()
      .positive()
      .max(10_000_000)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
        params: { i18n: "field.board_amount_cents", code: "amount_cents" },
      })
      .optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.amount !== undefined && body.currency === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["currency"],
        params: { i18n: "field.board_currency_required", code: "currency_required" },
      });
    }
    if (body.currency !== undefined && body.amount === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        params: { i18n: "field.board_amount_required", code: "amount_required" },
      });
    }
  });
export type FulfilRequest = z.infer<typeof fulfilRequest>;

/** The ways a coordinator (or, for unreachable, the volunteer holding it) closes a need. */
export const CLOSE_ACTIONS = ["cancel", "refer", "mark_unreachable"] as const;
export type CloseAction = (typeof CLOSE_ACTIONS)[number];
export const closeRequest = z.strictObject({
  action: z.enum(CLOSE_ACTIONS),
  reason: z.string().trim().min(1).max(500),
});

/** The requester adds to what they asked for, through the status link. */
export const addDetailsRequest = z.strictObject({
  token: z.string().min(1).max(100),
  details: z.string().trim().min(1).max(DETAILS_MAX),
});

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
  history: z.array(
    z.object({
      action: z.string(),
      toStatus: status,
      createdAt: z.string(),
      /** The step was the requester's own (posted, cancelled, confirmed). */
      byYou: z.boolean(),
    }),
  ),
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
  /** The need's history, oldest first; reasons only for those who may see the contact. */
  history: z
    .array(
      z.object({
        action: z.string(),
        toStatus: status,
        actorKind: z.string(),
        createdAt: z.string(),
        reason: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
export type NeedView = z.infer<typeof needResponse>;

/** The board: public fields only, whoever looks (contact and place are on the need's own page). */
export const boardNeed = needResponse.omit({
  location: true,
  contact: true,
  sensitiveNotes: true,
  shortCode: true,
  history: true,
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
