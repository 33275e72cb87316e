// Pure rules of public intake: the public place of a point, the hash that spots a returning
// contact, and the short code read over the phone. No I/O, no clock.
import { createHash, randomInt } from "node:crypto";
import { latLngToCell } from "h3-js";
import { Problem } from "../../server/problem";
import type { GroupArea } from "../groups/schema";
import { cellInArea, cellsOfChosenCell } from "../location/model";

/**
 * The public cells of an exact point (the point itself stays sensitive), or, without a point,
 * of an area chosen on the map (`chosen.cell`, H3 resolution 8 or 9), which must lie in the
 * group's area when it has one (else a 422 `geocoder_cell_outside_area`).
 */
export function cellsOf(
  point: { lat: number; lng: number } | null,
  chosen?: { cell?: string | undefined; area?: GroupArea | null | undefined },
): {
  h3r7: string | null;
  h3r8: string | null;
  h3r9: string | null;
} {
  if (!point && chosen?.cell) {
    if (!cellInArea(chosen.cell, chosen.area)) throw new Problem(422, "geocoder_cell_outside_area");
    return cellsOfChosenCell(chosen.cell);
  }
  if (!point) return { h3r7: null, h3r8: null, h3r9: null };
  return {
    h3r7: latLngToCell(point.lat, point.lng, 7),
    h3r8: latLngToCell(point.lat, point.lng, 8),
    h3r9: latLngToCell(point.lat, point.lng, 9),
  };
}

/**
 * SHA-256 of the digits of the phone number, else of the trimmed, lower-cased email: the same
 * person asking again is recognised without keeping (or, after redaction, still having) either.
 */
export function contactHash(contact: {
  email?: string | null;
  phone?: string | null;
}): string | null {
  const digits = contact.phone?.replace(/\D/g, "") ?? "";
  const email = contact.email?.trim().toLowerCase() ?? "";
  const key = digits || email;
  return key ? createHash("sha256").update(key).digest("hex") : null;
}

/** No 0/O, 1/I/L: a code that survives being read aloud and typed on a phone. */
export const SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const SHORT_CODE_LENGTH = 8;

export function newShortCode(): string {
  let code = "";
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) {
    code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  }
  return code;
}

/** How long a possible duplicate is looked for, and how similar descriptions must be. */
export const DUPLICATE_WINDOW_MS = 7 * 24 * 3600 * 1000;
export const DUPLICATE_SIMILARITY = 0.6;
