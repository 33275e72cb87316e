// HTTP for the exchange record: what I gave and received. Only the person themself reads it
// (decision 0016). parse (contract below) -> check (policy, in config) -> act (records.ts) ->
// present (below).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { definePolicies, signedIn } from "../../server/policy";
import { CATEGORY_IDS } from "./categories";
import {
  type ExchangeTotals,
  exchangesOfPerson,
  exchangeTotals,
  type PersonExchangeRow,
} from "./records";

export const recordsPolicy = definePolicies("records", {
  /** One's own record; nobody else's record is readable through the API. */
  readMyExchanges: signedIn,
});

// ---- contract ----

/** The most exchanges one answer lists (the totals count all of them). */
export const EXCHANGES_LIMIT = 100;

const exchangeView = z.object({
  id: z.string(),
  role: z.enum(["gave", "received"]),
  group: z.object({ id: z.string(), name: z.string() }),
  category: z.enum(CATEGORY_IDS),
  createdAt: z.string(),
  minutes: z.number().nullable(),
  goods: z.string().nullable(),
  amountCents: z.number().nullable(),
  currency: z.string().nullable(),
  /** The other person's first name when they are a member of that group; else null ("a neighbour"). */
  otherName: z.string().nullable(),
});
export const myExchangesResponse = z.object({
  totals: z.object({
    given: z.number(),
    received: z.number(),
    minutesGiven: z.number(),
    minutesReceived: z.number(),
  }),
  /** Set for people who have only given: the groups whose ask-for-help form to suggest. */
  inviteToAsk: z
    .object({ groups: z.array(z.object({ id: z.string(), name: z.string() })) })
    .nullable(),
  exchanges: z.array(exchangeView),
});
export type MyExchangesView = z.infer<typeof myExchangesResponse>;
export type ExchangeView = z.infer<typeof exchangeView>;

// ---- pure rules and the presenter ----

/** People who have given and never received get a gentle invitation to ask too. */
export function shouldInviteToAsk(totals: { given: number; received: number }): boolean {
  return totals.given > 0 && totals.received === 0;
}

/** The first word of a name: enough to recognise a neighbour, no more. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

export function presentMyExchanges(
  userId: string,
  rows: PersonExchangeRow[],
  totals: ExchangeTotals,
): MyExchangesView {
  return {
    totals: {
      given: totals.given,
      received: totals.received,
      minutesGiven: totals.minutesGiven,
      minutesReceived: totals.minutesReceived,
    },
    inviteToAsk:
      shouldInviteToAsk(totals) && totals.gaveIn.length > 0 ? { groups: totals.gaveIn } : null,
    exchanges: rows.map(({ record, groupName, otherName }) => ({
      id: record.id,
      role: record.giverId === userId ? "gave" : "received",
      group: { id: record.groupId, name: groupName },
      category: record.category,
      createdAt: record.createdAt.toISOString(),
      minutes: record.minutes,
      goods: record.goods,
      amountCents: record.amountCents,
      currency: record.currency,
      otherName: firstName(otherName),
    })),
  };
}

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    "/me/exchanges",
    {
      config: { policy: recordsPolicy.readMyExchanges },
      schema: {
        tags: ["exchange"],
        summary:
          "My exchange record: what I gave and received (group, category, date, what moved), totals, and for people who have only given, the groups to ask for help in. Never the other person's contact; their first name only if they are a member of that group",
        response: { 200: myExchangesResponse },
      },
    },
    async (request, reply) => {
      const userId = request.viewer.user?.id as string;
      const [rows, totals] = await Promise.all([
        exchangesOfPerson(db, userId, EXCHANGES_LIMIT),
        exchangeTotals(db, userId),
      ]);
      reply.header("cache-control", "no-store");
      return presentMyExchanges(userId, rows, totals);
    },
  );
};
