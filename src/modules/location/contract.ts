// Request and response shapes of the address lookup (also imported, as types, by the web client).
import { z } from "zod";

/**
 * What a person typed (an address or cross streets) and, optionally, the group they are asking,
 * whose area bounds the search. Sent in a POST body, never in a URL that logs and proxies keep.
 */
export const geocodeRequest = z.strictObject({
  q: z.string().trim().min(2).max(300),
  groupId: z.uuid().optional(),
});
export type GeocodeRequest = z.infer<typeof geocodeRequest>;

export const geocodeResult = z.object({
  /** The geocoder's name for the place, in the asker's language when it has one. */
  label: z.string(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type GeocodeResult = z.infer<typeof geocodeResult>;

/** Up to five choices, best first; empty when nothing matched. */
export const geocodeResponse = z.array(geocodeResult);
