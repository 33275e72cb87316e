// Request and response shapes of the offers API (also imported by the web client). The place
// and contact parts are the same as a need's, and so are categories and languages.
import { z } from "zod";
import { CATEGORY_IDS } from "../exchange/categories";
import { contactInput, needLocationInput, needStatusResponse } from "../exchange/contract";

export const OFFER_KINDS = ["once", "ongoing"] as const;
export const OFFER_STATUSES = ["open", "used", "withdrawn"] as const;
const LANGUAGES = ["en", "es"] as const;

export const postOfferRequest = z.strictObject({
  category: z.enum(CATEGORY_IDS),
  description: z.string().trim().min(1).max(2000),
  /** once: used up by one exchange; ongoing: stays open until withdrawn. */
  kind: z.enum(OFFER_KINDS).optional(),
  /** When, in the offerer's words ("weekday evenings"). */
  availability: z.string().trim().max(300).optional(),
  languages: z.array(z.enum(LANGUAGES)).max(5).optional(),
  /** A point, an area chosen on the map (H3 cell), and/or words: as when asking for help. */
  location: needLocationInput.optional(),
  contact: contactInput,
  /** Honeypot: hidden from people, filled by bots. Must be empty or absent. */
  website: z.string().max(500).optional(),
});
export type PostOfferRequest = z.infer<typeof postOfferRequest>;

export const offerParams = z.strictObject({ groupId: z.uuid(), offerId: z.uuid() });
export const groupParams = offerParams.pick({ groupId: true });

/** A status link's token as it arrives from the page's #fragment. */
export const offerTokenRequest = z.strictObject({ token: z.string().min(1).max(100) });

/** The offers list's filters. */
export const offersQuery = z.strictObject({
  category: z.enum(CATEGORY_IDS).optional(),
  kind: z.enum(OFFER_KINDS).optional(),
  language: z.enum(LANGUAGES).optional(),
});
export type OffersQuery = z.infer<typeof offersQuery>;

/** A coordinator records one use of an offer, optionally for a need of the same group. */
export const useOfferRequest = z
  .strictObject({
    needId: z.uuid().optional(),
    minutes: z.number().int().min(1).max(100_000).optional(),
    goods: z.string().trim().min(1).max(300).optional(),
    /** Money in major units of `currency` (12.5 is twelve and a half), as when a need is fulfilled. */
    amount: z
      .number()
      .positive()
      .max(10_000_000)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
        params: { i18n: "field.offer_amount_cents", code: "amount_cents" },
      })
      .optional(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => /^[A-Z]{3}$/.test(v), {
        params: { i18n: "field.offer_currency", code: "currency" },
      })
      .optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.amount === undefined) !== (body.currency === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [body.amount === undefined ? "amount" : "currency"],
        params: { i18n: "field.offer_amount_currency", code: "amount_currency" },
      });
    }
  });
export type UseOfferRequest = z.infer<typeof useOfferRequest>;

// ---- responses ----

const status = z.enum(OFFER_STATUSES);
const kind = z.enum(OFFER_KINDS);
const locationOut = needStatusResponse.shape.location;
const contactOut = needStatusResponse.shape.contact;

export const postOfferResponse = z.object({
  id: z.string(),
  /** The offerer's private page; its token is in the fragment and appears nowhere else. */
  statusUrl: z.string(),
  shortCode: z.string(),
  status,
});

/** An offer as the group's volunteers see it: no contact, no exact place. */
export const publicOffer = z.object({
  id: z.string(),
  groupId: z.string(),
  status,
  kind,
  category: z.enum(CATEGORY_IDS),
  description: z.string(),
  availability: z.string().nullable(),
  languages: z.array(z.string()),
  /** The public place: the H3 resolution-8 cell, never the point. */
  place: z.string().nullable(),
  uses: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type PublicOfferView = z.infer<typeof publicOffer>;
export const offersResponse = z.object({ offers: z.array(publicOffer) });

/** One offer; contact and exact place only for coordinators (each showing logged) and the offerer. */
export const offerResponse = publicOffer.extend({
  location: locationOut.optional(),
  contact: contactOut.optional(),
  shortCode: z.string().optional(),
});
export type OfferView = z.infer<typeof offerResponse>;

/** The offerer's own view, through the status link. */
export const offerStatusResponse = publicOffer.omit({ groupId: true }).extend({
  group: z.object({ id: z.string(), name: z.string() }),
  shortCode: z.string(),
  location: locationOut,
  contact: contactOut,
});
export type OfferStatusView = z.infer<typeof offerStatusResponse>;

export const useOfferResponse = z.object({
  offer: publicOffer,
  recordId: z.string(),
});
