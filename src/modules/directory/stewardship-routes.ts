// HTTP for keeping listings true: anyone suggests a correction; network admins see every
// listing, assign steward groups, edit, verify and review; a steward group's coordinators do the
// same for their own organization's listings only.
// parse (contract) -> check (policy, in config; stewardship here) -> act (stewardship.ts) -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { HOUR, perIp, registerRateLimits } from "../../lib/rate-limit";
import { Problem } from "../../server/problem";
import { refuseSpam } from "../exchange/posting";
import * as store from "./stewardship";
import * as c from "./stewardship-contract";
import {
  editListing,
  StaleEditError,
  serviceAtLocationId,
  verifyListing,
} from "./stewardship-edit";
import { readHours } from "./stewardship-hours";
import { stewardshipPolicy as p } from "./stewardship-policy";
import { presentSuggestion } from "./stewardship-present";

export const LIMITS = {
  /** Public corrections per IP: a person with a few things to say, not a script. */
  suggestPerIp: { max: 10, windowMs: HOUR },
};

const DEFAULT_PER_PAGE = 20;

export const stewardshipRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const db = app.database.db;
  const scale = app.config.rateLimitScale;

  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  /** The listing, and (for a group's route) proof that the group stewards it. */
  async function listingFor(serviceId: string, groupId: string | null) {
    const scope = await store.serviceScope(db, serviceId);
    if (!scope) throw new Problem(404, "listing_unknown");
    if (groupId && scope.stewardGroupId !== groupId) {
      throw new Problem(403, "listing_not_stewarded");
    }
    return scope;
  }

  async function suggestionFor(suggestionId: string, groupId: string | null) {
    const scope = await store.suggestionScope(db, suggestionId);
    // Another group's suggestion is "not found": its content is not this group's business.
    if (!scope || (groupId && scope.stewardGroupId !== groupId)) {
      throw new Problem(404, "suggestion_not_found");
    }
    return scope;
  }

  function userId(request: { viewer: { user: { id: string } | null } }): string {
    const user = request.viewer.user;
    if (!user) throw new Problem(401, "sign_in_required");
    return user.id;
  }

  app.post(
    "/directory/services/:serviceId/suggestions",
    {
      config: { policy: p.suggest, rateLimit: perIp(LIMITS.suggestPerIp, scale) },
      schema: {
        tags: ["directory"],
        summary: "Suggest a correction to a listing (anyone; reviewed by its stewards)",
        params: c.serviceIdParams,
        body: c.suggestionRequest,
        response: { 201: c.suggestionCreated },
      },
    },
    async (request, reply) => {
      refuseSpam(request.body);
      await listingFor(request.params.serviceId, null);
      const created = await store.createSuggestion(db, {
        serviceId: request.params.serviceId,
        topic: request.body.topic,
        message: request.body.message,
        email: request.body.email ?? null,
        language: request.body.language ?? request.language,
        suggestedBy: request.viewer.user?.id ?? null,
        now: app.clock(),
      });
      return reply.code(201).send(created);
    },
  );

  // ---- listings: the network-wide view and a steward group's own ----

  async function listings(query: c.ListingsQuery, groupId: string | null) {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_PER_PAGE;
    const now = app.clock();
    const found = await store.listListings(db, {
      ...(groupId ? { groupId } : {}),
      ...(query.stale !== undefined ? { stale: query.stale } : {}),
      ...(query.organization ? { organizationId: query.organization } : {}),
      ...(query.service ? { serviceId: query.service } : {}),
      ...(query.q ? { q: query.q } : {}),
      page,
      perPage,
      now,
    });
    const one = query.service ? found.rows[0] : undefined;
    return {
      total: found.total,
      page,
      per_page: perPage,
      results: found.rows.map((r) => store.presentListingRow(r, now)),
      detail: one ? await store.listingDetail(db, one, now) : null,
    };
  }

  app.get(
    "/directory/listings",
    {
      config: { policy: p.listAll },
      schema: {
        tags: ["directory"],
        summary: "Every listing with its steward and stale flag (network admins)",
        querystring: c.listingsQuery,
        response: { 200: c.listingsResponse },
      },
    },
    async (request) => listings(request.query, null),
  );

  app.get(
    "/groups/:groupId/directory/listings",
    {
      config: { policy: p.listOwn },
      schema: {
        tags: ["directory"],
        summary: "The listings this group stewards, with stale flags",
        params: c.groupParams,
        querystring: c.listingsQuery,
        response: { 200: c.listingsResponse },
      },
    },
    async (request) => listings(request.query, request.params.groupId),
  );

  // ---- edit ----

  async function edit(
    serviceId: string,
    body: c.ListingEdit,
    groupId: string | null,
    actorId: string,
  ) {
    await listingFor(serviceId, groupId);
    const hours = [];
    for (const h of body.hours ?? []) {
      if (h.location_id && !(await serviceAtLocationId(db, serviceId, h.location_id))) {
        throw new Problem(400, "listing_place_unknown");
      }
      const read = readHours(h.text);
      if (!read.ok) throw new Problem(400, "hours_not_understood", { text: read.text });
      hours.push({ locationId: h.location_id, rules: read.rules });
    }
    const now = app.clock();
    try {
      await editListing(db, body, { serviceId, userId: actorId, groupId, now, hours });
    } catch (err) {
      if (err instanceof StaleEditError) throw new Problem(409, "listing_changed");
      throw err;
    }
    const { detail } = await listings({ service: serviceId }, null);
    if (!detail) throw new Problem(404, "listing_unknown");
    return detail;
  }

  app.patch(
    "/directory/services/:serviceId",
    {
      config: { policy: p.editAny },
      schema: {
        tags: ["directory"],
        summary: "Edit a listing (network admins); counts as verifying it",
        params: c.serviceIdParams,
        body: c.listingEdit,
        response: { 200: c.listingDetail },
      },
    },
    async (request) => edit(request.params.serviceId, request.body, null, userId(request)),
  );

  app.patch(
    "/groups/:groupId/directory/services/:serviceId",
    {
      config: { policy: p.editOwn },
      schema: {
        tags: ["directory"],
        summary: "Edit one of this group's listings; counts as verifying it",
        params: c.groupServiceParams,
        body: c.listingEdit,
        response: { 200: c.listingDetail },
      },
    },
    async (request) =>
      edit(request.params.serviceId, request.body, request.params.groupId, userId(request)),
  );

  // ---- verify ("still correct") ----

  async function verify(serviceId: string, groupId: string | null, actorId: string) {
    await listingFor(serviceId, groupId);
    const done = await verifyListing(db, {
      serviceId,
      userId: actorId,
      groupId,
      now: app.clock(),
    });
    return {
      service_id: serviceId,
      verified_at: done.verifiedAt.toISOString(),
      updated_at: done.updatedAt.toISOString(),
      stale: false,
    };
  }

  app.post(
    "/directory/services/:serviceId/verify",
    {
      config: { policy: p.verifyAny },
      schema: {
        tags: ["directory"],
        summary: "Confirm a listing is still correct (network admins)",
        params: c.serviceIdParams,
        response: { 200: c.verifyResponse },
      },
    },
    async (request) => verify(request.params.serviceId, null, userId(request)),
  );

  app.post(
    "/groups/:groupId/directory/services/:serviceId/verify",
    {
      config: { policy: p.verifyOwn },
      schema: {
        tags: ["directory"],
        summary: "Confirm one of this group's listings is still correct",
        params: c.groupServiceParams,
        response: { 200: c.verifyResponse },
      },
    },
    async (request) => verify(request.params.serviceId, request.params.groupId, userId(request)),
  );

  // ---- stewards ----

  app.put(
    "/directory/organizations/:organizationId/steward",
    {
      config: { policy: p.assignSteward },
      schema: {
        tags: ["directory"],
        summary: "Choose the group that keeps an organization's listings true (or none)",
        params: c.organizationParams,
        body: c.stewardRequest,
        response: { 200: c.stewardResponse },
      },
    },
    async (request) => {
      const { organizationId } = request.params;
      const { groupId } = request.body;
      if (!(await store.organizationExists(db, organizationId))) {
        throw new Problem(404, "organization_not_found");
      }
      const name = groupId ? await store.groupName(db, groupId) : null;
      if (groupId && name === null) throw new Problem(400, "steward_group_not_found");
      await store.setSteward(db, {
        organizationId,
        groupId,
        userId: userId(request),
        now: app.clock(),
      });
      return {
        organization_id: organizationId,
        steward_group: groupId && name !== null ? { id: groupId, name } : null,
      };
    },
  );

  // ---- suggestions: the review queues ----

  async function suggestions(
    query: { status?: c.SuggestionStatusValue; page?: number },
    groupId: string | null,
  ) {
    const page = query.page ?? 1;
    const found = await store.listSuggestions(db, {
      ...(groupId ? { groupId } : {}),
      ...(query.status ? { status: query.status } : {}),
      page,
      perPage: DEFAULT_PER_PAGE,
    });
    return {
      total: found.total,
      page,
      per_page: DEFAULT_PER_PAGE,
      results: found.rows.map(presentSuggestion),
    };
  }

  app.get(
    "/directory/suggestions",
    {
      config: { policy: p.reviewAll },
      schema: {
        tags: ["directory"],
        summary: "Suggested corrections, open ones first (network admins)",
        querystring: c.suggestionsQuery,
        response: { 200: c.suggestionsResponse },
      },
    },
    async (request) => suggestions(request.query, null),
  );

  app.get(
    "/groups/:groupId/directory/suggestions",
    {
      config: { policy: p.reviewOwn },
      schema: {
        tags: ["directory"],
        summary: "Suggested corrections to this group's listings, open ones first",
        params: c.groupParams,
        querystring: c.suggestionsQuery,
        response: { 200: c.suggestionsResponse },
      },
    },
    async (request) => suggestions(request.query, request.params.groupId),
  );

  async function review(
    suggestionId: string,
    body: { status: "accepted" | "dismissed"; note?: string | undefined },
    groupId: string | null,
    actorId: string,
  ) {
    await suggestionFor(suggestionId, groupId);
    const row = await store.reviewSuggestion(db, {
      id: suggestionId,
      status: body.status,
      note: body.note || null,
      reviewerId: actorId,
      groupId,
      now: app.clock(),
    });
    if (!row) throw new Problem(409, "suggestion_already_reviewed");
    return presentSuggestion(row);
  }

  app.post(
    "/directory/suggestions/:suggestionId",
    {
      config: { policy: p.reviewAll },
      schema: {
        tags: ["directory"],
        summary: "Accept or dismiss a suggested correction (network admins)",
        params: c.suggestionParams,
        body: c.reviewRequest,
        response: { 200: c.suggestionOut },
      },
    },
    async (request) => review(request.params.suggestionId, request.body, null, userId(request)),
  );

  app.post(
    "/groups/:groupId/directory/suggestions/:suggestionId",
    {
      config: { policy: p.reviewOwn },
      schema: {
        tags: ["directory"],
        summary: "Accept or dismiss a suggested correction to one of this group's listings",
        params: c.groupSuggestionParams,
        body: c.reviewRequest,
        response: { 200: c.suggestionOut },
      },
    },
    async (request) =>
      review(request.params.suggestionId, request.body, request.params.groupId, userId(request)),
  );
};
