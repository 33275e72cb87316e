// Steps shared by the public postings of the exchange (needs and offers) and by the group-scoped
// routes that show personal data: no caching, the group or a 404, the honeypot, the posted place
// and contact, the private status link and the short code drawn again on a clash.
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/connect";
import { hashToken, isWellFormedToken, newToken } from "../../lib/tokens";
import { Problem } from "../../server/problem";
import type { GroupArea } from "../groups/schema";
import { getGroup } from "../groups/store";
import { cellsOf, contactHash, newShortCode } from "./intake";
import { isUniqueViolation } from "./store";

const SHORT_CODE_ATTEMPTS = 5;

/** Everything these routes answer may be personal: never cached by a browser or a proxy. */
export function neverCache(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });
}

/** The group by id, or a 404 `group_not_found`. */
export function groupLoader(db: Db) {
  return async (groupId: string) => {
    const group = await getGroup(db, groupId);
    if (!group) throw new Problem(404, "group_not_found");
    return group;
  };
}

/** The row behind a status link; a malformed, forged or unknown token is the same 404. */
export async function byStatusToken<T>(
  token: string,
  lookup: (tokenHash: string) => Promise<T | null>,
  invalid: string,
): Promise<T> {
  const row = isWellFormedToken(token) ? await lookup(hashToken(token)) : null;
  if (!row) throw new Problem(404, invalid);
  return row;
}

/** A filled honeypot field is a script, not a person. */
export function refuseSpam(body: { website?: string | undefined }): void {
  if (body.website?.trim()) throw new Problem(400, "spam_suspected");
}

type PostedLocation =
  | {
      lat?: number | undefined;
      lng?: number | undefined;
      cell?: string | undefined;
      text?: string | undefined;
    }
  | undefined;

/** The place of a posting: its public cells, the exact (sensitive) point and the words given. */
export function postedPlace(location: PostedLocation, area: GroupArea | null | undefined) {
  const point =
    location?.lat !== undefined && location.lng !== undefined
      ? { lat: location.lat, lng: location.lng }
      : null;
  return {
    ...cellsOf(point, { cell: location?.cell, area }),
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    locationText: location?.text ?? null,
  };
}

/** The contact columns of a posting, with the hash that spots a returning contact. */
export function postedContact<Channel extends string>(contact: {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  channel: Channel;
}) {
  return {
    contactName: contact.name || null,
    contactEmail: contact.email ?? null,
    contactPhone: contact.phone ?? null,
    contactChannel: contact.channel,
    contactHash: contactHash(contact),
  };
}

/**
 * Creates a posting with a new private status link (its token is in `url` only) and a short
 * code, drawn again when two postings of one group drew the same (`constraint`).
 */
export async function createWithStatusLink<T>(
  statusPage: string,
  constraint: string,
  create: (keys: { statusTokenHash: string; shortCode: string }) => Promise<T>,
): Promise<{ row: T; statusUrl: string }> {
  const token = newToken();
  const statusTokenHash = hashToken(token);
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await create({ statusTokenHash, shortCode: newShortCode() });
      return { row, statusUrl: `${statusPage}#${token}` };
    } catch (err) {
      if (attempt >= SHORT_CODE_ATTEMPTS || !isUniqueViolation(err, constraint)) throw err;
    }
  }
}
