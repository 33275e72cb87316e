// HTTP for offers: public offering (no account), the offerer's private status link, the group's
// list and one offer, and recording a use. parse (contract) -> check (policy, in config) -> act
// (store) -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { perIp, registerRateLimits } from "../../lib/rate-limit";
import { Problem } from "../../server/problem";
import { recordReveals } from "../audit/store";
import {
  byStatusToken,
  createWithStatusLink,
  groupLoader,
  neverCache,
  postedContact,
  postedPlace,
  refuseSpam,
} from "../exchange/posting";
import { LIMITS } from "../exchange/routes";
import * as c from "./contract";
import { offersPolicy as p } from "./policy";
import { presentOffer, presentOfferStatus, publicOfferView } from "./present";
import * as store from "./store";

/** The most offers one list answer holds. */
export const OFFERS_LIMIT = 200;

export const offerRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const scale = app.config.rateLimitScale;
  const db = app.database.db;

  neverCache(app);
  const loadGroup = groupLoader(db);

  /** The offer behind a status link; a malformed, forged or unknown token is the same 404. */
  const offerByToken = (token: string) =>
    byStatusToken(token, (hash) => store.offerByStatusTokenHash(db, hash), "offer_link_invalid");

  async function loadOffer(groupId: string, offerId: string) {
    const offer = await store.getOffer(db, offerId);
    if (!offer || offer.groupId !== groupId) throw new Problem(404, "offer_not_found");
    return offer;
  }

  app.post(
    "/groups/:groupId/offers",
    {
      config: { policy: p.postOffer, rateLimit: perIp(LIMITS.intakePerIp, scale) },
      schema: {
        tags: ["offers"],
        summary:
          "Offer help (no account needed; members post from their account). Answers the private status link, whose token appears only here",
        params: c.groupParams,
        body: c.postOfferRequest,
        response: { 201: c.postOfferResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      refuseSpam(body);
      const group = await loadGroup(request.params.groupId);
      const offererId = request.viewer.user?.id ?? null;
      const { row: offer, statusUrl } = await createWithStatusLink(
        `${app.config.publicUrl}/offer-status`,
        "offers_group_short_code",
        (keys) =>
          store.createOffer(
            db,
            {
              groupId: group.id,
              kind: body.kind ?? "once",
              category: body.category,
              description: body.description,
              availability: body.availability || null,
              languages: [...new Set(body.languages ?? [request.language])],
              ...postedPlace(body.location, group.area),
              ...postedContact(body.contact),
              offererId,
              source: offererId ? "member" : "form",
              ...keys,
            },
            app.clock(),
          ),
      );
      return reply.code(201).send({
        id: offer.id,
        statusUrl,
        shortCode: offer.shortCode,
        status: offer.status,
      });
    },
  );

  // The token travels in the body, never in a URL that proxies and logs keep.
  app.post(
    "/offers/status",
    {
      config: { policy: p.offerStatus, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["offers"],
        summary: "The offerer's own view of their offer, through the status link's token",
        body: c.offerTokenRequest,
        response: { 200: c.offerStatusResponse },
      },
    },
    async (request) => {
      const offer = await offerByToken(request.body.token);
      return presentOfferStatus(offer, await loadGroup(offer.groupId));
    },
  );

  app.post(
    "/offers/status/withdraw",
    {
      config: { policy: p.withdrawByOfferer, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["offers"],
        summary: "The offerer withdraws their open offer through the status link",
        body: c.offerTokenRequest,
        response: { 200: c.offerStatusResponse },
      },
    },
    async (request) => {
      const offer = await offerByToken(request.body.token);
      const result = await store.withdrawOffer(db, offer.id, app.clock());
      if (!result.ok) throw new Problem(409, "offer_closed");
      return presentOfferStatus(result.offer, await loadGroup(offer.groupId));
    },
  );

  app.get(
    "/groups/:groupId/offers",
    {
      config: { policy: p.listOffers },
      schema: {
        tags: ["offers"],
        summary:
          "The group's open offers (volunteers and up), newest first, filtered by category, kind and language; public fields only",
        params: c.groupParams,
        querystring: c.offersQuery,
        response: { 200: c.offersResponse },
      },
    },
    async (request) => {
      const rows = await store.openOffers(db, request.params.groupId, request.query, OFFERS_LIMIT);
      return { offers: rows.map(publicOfferView) };
    },
  );

  app.get(
    "/groups/:groupId/offers/:offerId",
    {
      config: { policy: p.readOffer },
      schema: {
        tags: ["offers"],
        summary:
          "One offer (volunteers and up): contact and exact place only for coordinators, each showing logged",
        params: c.offerParams,
        response: { 200: c.offerResponse },
      },
    },
    async (request) => {
      const { groupId, offerId } = request.params;
      const offer = await loadOffer(groupId, offerId);
      const shown = presentOffer(offer, request.viewer, await loadGroup(groupId));
      await recordReveals(db, shown.reveals);
      return shown.offer;
    },
  );

  app.post(
    "/groups/:groupId/offers/:offerId/use",
    {
      config: { policy: p.useOffer },
      schema: {
        tags: ["offers"],
        summary:
          "Record one use of an offer (coordinators), optionally for a need of the group, with what moved: a once offer closes, an ongoing one stays open",
        params: c.offerParams,
        body: c.useOfferRequest.nullish(),
        response: { 200: c.useOfferResponse },
      },
    },
    async (request) => {
      const { groupId, offerId } = request.params;
      const group = await loadGroup(groupId);
      const body = request.body ?? {};
      const result = await store.useOffer(
        db,
        {
          offerId,
          groupId,
          networkId: group.networkId,
          needId: body.needId ?? null,
          recordedBy: request.viewer.user?.id as string,
          moved: {
            minutes: body.minutes,
            goods: body.goods,
            amountCents: body.amount !== undefined ? Math.round(body.amount * 100) : undefined,
            currency: body.currency,
          },
        },
        app.clock(),
      );
      if (!result.ok) {
        throw result.reason === "closed"
          ? new Problem(409, "offer_closed")
          : result.reason === "need_not_found"
            ? new Problem(422, "offer_need_not_found")
            : new Problem(404, "offer_not_found");
      }
      return { offer: publicOfferView(result.offer), recordId: result.recordId };
    },
  );
};
