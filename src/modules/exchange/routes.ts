// HTTP for needs: public intake (no account), the requester's private status link, and the
// group's view of one need. parse (contract) -> check (policy, in config) -> act (store/model)
// -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { HOUR, MINUTE, perIp, registerRateLimits } from "../../lib/rate-limit";
import type { LiveEvent } from "../../server/events";
import { Problem } from "../../server/problem";
import { sendServerSentEvents } from "../../server/sse";
import type { Viewer } from "../../server/viewer";
import { recordAudit, recordReveals } from "../audit/store";
import { effectiveSettings } from "../groups/model";
import * as c from "./contract";
import { DUPLICATE_SIMILARITY, DUPLICATE_WINDOW_MS } from "./intake";
import { announce, boardChannel } from "./live";
import { CLOSED_STATUSES, NEED_STATUSES, type NeedAction, queueStatuses } from "./model";
import { coordinates, exchangePolicy as p } from "./policy";
import {
  byStatusToken,
  createWithStatusLink,
  groupLoader,
  neverCache,
  postedContact,
  postedPlace,
  refuseSpam,
} from "./posting";
import {
  needsCsv,
  presentHistory,
  presentNeed,
  presentNeedStatus,
  presentSharedNeeds,
  publicNeedView,
  sharedNeedsText,
} from "./present";
import type { Moved } from "./records";
import * as store from "./store";

export const LIMITS = {
  /** Public intake per IP: a household or a shared phone, not a script. */
  intakePerIp: { max: 10, windowMs: HOUR },
  /** Status-link lookups per IP (tokens are unguessable; this keeps scanners cheap). */
  statusPerIp: { max: 60, windowMs: MINUTE },
};

/** The most needs one board answer holds. */
export const BOARD_LIMIT = 200;
/** The radius of `near` when none is given. */
const DEFAULT_RADIUS_KM = 5;

export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const scale = app.config.rateLimitScale;
  const db = app.database.db;

  neverCache(app);
  const loadGroup = groupLoader(db);

  /** The need behind a status link; a malformed, forged or unknown token is the same 404. */
  const needByToken = (token: string) =>
    byStatusToken(token, (hash) => store.needByStatusTokenHash(db, hash), "status_link_invalid");

  async function statusView(need: store.NeedRow) {
    const group = await loadGroup(need.groupId);
    const [history, claim] = await Promise.all([
      store.needHistory(db, need.id),
      store.activeClaimOf(db, need.id),
    ]);
    return presentNeedStatus(need, group, history, claim !== null);
  }

  app.post(
    "/groups/:groupId/needs",
    {
      config: { policy: p.postNeed, rateLimit: perIp(LIMITS.intakePerIp, scale) },
      schema: {
        tags: ["exchange"],
        summary:
          "Ask for help (no account needed). Answers the private status link, whose token appears only here",
        params: c.needParams.pick({ groupId: true }),
        body: c.postNeedRequest,
        response: { 201: c.postNeedResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      refuseSpam(body);
      const group = await loadGroup(request.params.groupId);
      const now = app.clock();
      const place = postedPlace(body.location, group.area);
      const contact = postedContact(body.contact);
      const duplicateOf = await store.findPossibleDuplicate(
        db,
        {
          groupId: group.id,
          contactHash: contact.contactHash,
          description: body.description,
          h3r8: place.h3r8,
        },
        new Date(now.getTime() - DUPLICATE_WINDOW_MS),
        DUPLICATE_SIMILARITY,
      );
      const requesterId = request.viewer.user?.id ?? null;
      const { row: need, statusUrl } = await createWithStatusLink(
        `${app.config.publicUrl}/status`,
        "needs_group_short_code",
        (keys) =>
          store.createNeed(
            db,
            {
              groupId: group.id,
              category: body.category,
              description: body.description,
              urgency: body.urgency ?? "normal",
              householdSize: body.householdSize ?? null,
              languages: [...new Set(body.languages ?? [request.language])],
              windowStart: body.windowStart ? new Date(body.windowStart) : null,
              windowEnd: body.windowEnd ? new Date(body.windowEnd) : null,
              ...place,
              ...contact,
              sensitiveNotes: body.sensitiveNotes || null,
              requesterId,
              ...keys,
              duplicateOf,
              source: requesterId ? "member" : "form",
            },
            now,
            requesterId ? { kind: "requester", id: requesterId } : { kind: "anonymous", id: null },
          ),
      );
      await announce(app.events, request.log, group.id, "need.created", need);
      return reply.code(201).send({
        id: need.id,
        statusUrl,
        shortCode: need.shortCode,
        status: need.status,
      });
    },
  );

  // The token travels in the body, never in a URL that proxies and logs keep.
  app.post(
    "/needs/status",
    {
      config: { policy: p.needStatus, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["exchange"],
        summary: "The requester's own view of their need, through the status link's token",
        body: c.statusTokenRequest,
        response: { 200: c.needStatusResponse },
      },
    },
    async (request) => statusView(await needByToken(request.body.token)),
  );

  app.post(
    "/needs/status/cancel",
    {
      config: { policy: p.cancelByRequester, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["exchange"],
        summary: "The requester cancels their need through the status link",
        body: c.cancelByRequesterRequest,
        response: { 200: c.needStatusResponse },
      },
    },
    async (request) => {
      const need = await needByToken(request.body.token);
      const group = await loadGroup(need.groupId);
      const settings = effectiveSettings(group.mode, group.settings);
      const result = await store.cancelByRequester(
        db,
        need.id,
        request.body.reason || null,
        settings,
        app.clock(),
      );
      if (!result.ok) {
        throw result.reason === "closed"
          ? new Problem(409, "need_closed")
          : new Problem(404, "status_link_invalid");
      }
      await announce(app.events, request.log, group.id, "need.changed", result.need);
      return statusView(result.need);
    },
  );

  app.post(
    "/needs/status/details",
    {
      config: { policy: p.addDetailsByRequester, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["exchange"],
        summary:
          "The requester adds to their need's description through the status link (seen by the group's volunteers, like the description)",
        body: c.addDetailsRequest,
        response: { 200: c.needStatusResponse },
      },
    },
    async (request) => {
      const need = await needByToken(request.body.token);
      const result = await store.addDetails(
        db,
        need.id,
        request.body.details,
        c.DESCRIPTION_WITH_DETAILS_MAX,
        app.clock(),
      );
      if (!result.ok) {
        throw result.reason === "closed"
          ? new Problem(409, "need_closed")
          : result.reason === "too_long"
            ? new Problem(422, "board_details_too_long")
            : new Problem(404, "status_link_invalid");
      }
      await announce(app.events, request.log, need.groupId, "need.changed", result.need);
      return statusView(result.need);
    },
  );

  app.post(
    "/needs/status/confirm",
    {
      config: { policy: p.confirmByRequester, rateLimit: perIp(LIMITS.statusPerIp, scale) },
      schema: {
        tags: ["exchange"],
        summary:
          "The requester confirms they were helped: fulfils a need a volunteer holds, or records the confirmation of one a volunteer marked fulfilled",
        body: c.statusTokenRequest,
        response: { 200: c.needStatusResponse },
      },
    },
    async (request) => {
      const need = await needByToken(request.body.token);
      const now = app.clock();
      if (need.status === "claimed" || need.status === "in_progress") {
        const group = await loadGroup(need.groupId);
        const settings = effectiveSettings(group.mode, group.settings);
        const result = await store.applyNeedTransition(
          db,
          need.id,
          "fulfil",
          { kind: "requester", id: need.requesterId },
          settings,
          now,
        );
        // Anything but a fulfilled need now (it moved between the look and the lock): refused.
        if (!result.ok) throw new Problem(409, "board_confirm_not_allowed");
        await announce(app.events, request.log, need.groupId, "need.changed", {
          id: need.id,
          status: result.to,
        });
      } else {
        const result = await store.recordConfirmation(db, need.id, now);
        if (!result.ok) throw new Problem(409, "board_confirm_not_allowed");
      }
      return statusView(await needByToken(request.body.token));
    },
  );

  app.get(
    "/groups/:groupId/needs/shared",
    {
      config: { policy: p.sharedNeeds },
      schema: {
        tags: ["exchange"],
        summary:
          "The needs waiting for help, to share outside the group: category, urgency and hours waiting by H3 r7 area; areas with fewer than the group's anonymityK needs only counted (format=text: plain text in the request's language)",
        params: c.needParams.pick({ groupId: true }),
        querystring: c.sharedQuery,
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      const settings = effectiveSettings(group.mode, group.settings);
      const rows = await store.sharedNeeds(db, group.id, queueStatuses(settings));
      const view = presentSharedNeeds(group, rows, settings.anonymityK, app.clock());
      if (request.query.format === "text") {
        return reply
          .type("text/plain; charset=utf-8")
          .send(sharedNeedsText(view, request.language, group.timeZone));
      }
      return view;
    },
  );

  app.get(
    "/groups/:groupId/needs/export.csv",
    {
      config: { policy: p.exportNeeds },
      schema: {
        tags: ["exchange"],
        summary:
          "The group's needs as CSV (coordinators): open ones or all; contact, exact place and private notes only with personal=true. Every export is in the group's audit log",
        params: c.needParams.pick({ groupId: true }),
        querystring: c.exportQuery,
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      const personal = request.query.personal === "true";
      const status = request.query.status ?? "open";
      const now = app.clock();
      const rows = await store.exportNeeds(
        db,
        group.id,
        status === "open" ? NEED_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s)) : null,
      );
      const csv = needsCsv(rows, personal, now);
      // The one record of an export, personal or not: no reveal-log row per need and field
      // (an export of hundreds of needs would bury the reveal log); this entry says who took
      // which rows, with or without contact details, and when.
      await recordAudit(db, {
        networkId: group.networkId,
        groupId: group.id,
        actorId: request.viewer.user?.id ?? null,
        action: "needs.exported",
        targetType: "group",
        targetId: group.id,
        details: { personal, status, rows: rows.length },
      });
      const date = new Intl.DateTimeFormat("en-CA", { timeZone: group.timeZone }).format(now);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="needs-${group.slug}-${date}.csv"`)
        .send(csv);
    },
  );

  app.get(
    "/groups/:groupId/needs/:needId",
    {
      config: { policy: p.readNeed },
      schema: {
        tags: ["exchange"],
        summary:
          "One need, for the group's members: contact and exact place only for coordinators and the volunteer holding the claim (each showing is logged)",
        params: c.needParams,
        response: { 200: c.needResponse },
      },
    },
    async (request) => {
      const { groupId, needId } = request.params;
      const need = await store.getNeed(db, needId);
      if (!need || need.groupId !== groupId) throw new Problem(404, "need_not_found");
      const group = await loadGroup(groupId);
      const [claim, history] = await Promise.all([
        store.activeClaimOf(db, need.id),
        store.needHistory(db, need.id),
      ]);
      const shown = presentNeed(need, request.viewer, group, claim, app.clock());
      await recordReveals(db, shown.reveals);
      // Closing and release reasons may name the person: only for those who see the contact.
      return { ...shown.need, history: presentHistory(history, shown.need.contact !== undefined) };
    },
  );

  app.get(
    "/groups/:groupId/needs",
    {
      config: { policy: p.readBoard },
      schema: {
        tags: ["exchange"],
        summary:
          "The board: needs waiting for a volunteer (coordinators: every open need), most urgent and longest waiting first; public fields only",
        params: c.needParams.pick({ groupId: true }),
        querystring: c.boardQuery,
        response: { 200: c.boardResponse },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const settings = effectiveSettings(group.mode, group.settings);
      const q = request.query;
      const now = app.clock();
      const statuses = coordinates(request.viewer, group)
        ? NEED_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s))
        : queueStatuses(settings);
      const [lat, lng] = q.near ? (q.near.split(",").map(Number) as [number, number]) : [];
      const rows = await store.boardNeeds(
        db,
        group.id,
        {
          statuses,
          category: q.category,
          urgency: q.urgency,
          language: q.language,
          createdSince: q.maxAgeHours
            ? new Date(now.getTime() - q.maxAgeHours * 3600 * 1000)
            : undefined,
          near:
            lat !== undefined && lng !== undefined
              ? { lat, lng, radiusKm: q.radiusKm ?? DEFAULT_RADIUS_KM }
              : undefined,
        },
        BOARD_LIMIT,
      );
      return {
        needs: rows.map((r) =>
          publicNeedView(
            r.need,
            request.viewer,
            r.claimerId ? { volunteerId: r.claimerId } : null,
            now,
          ),
        ),
      };
    },
  );

  // ---- claims and the need's other transitions ----

  /** The need of this group (404 otherwise), its group and the group's effective settings. */
  async function loadNeed(groupId: string, needId: string) {
    const need = await store.getNeed(db, needId);
    if (!need || need.groupId !== groupId) throw new Problem(404, "need_not_found");
    const group = await loadGroup(groupId);
    return { need, group, settings: effectiveSettings(group.mode, group.settings) };
  }

  const CLAIM_REFUSALS = {
    not_found: [404, "need_not_found"],
    already_claimed: [409, "already_claimed"],
    not_claimable: [409, "need_not_claimable"],
    triage_required: [409, "triage_required"],
    claim_limit: [409, "claim_limit"],
  } as const;

  const TRANSITION_REFUSALS = {
    not_found: [404, "need_not_found"],
    not_claimer: [403, "not_claimer"],
    not_allowed_for_actor: [403, "not_claimer"],
    not_allowed_from_status: [409, "transition_not_allowed"],
    triage_required: [409, "triage_required"],
  } as const;

  const transitionRoute = {
    tags: ["exchange"],
    params: c.needParams,
    response: { 200: c.transitionResponse },
  };

  app.post(
    "/groups/:groupId/needs/:needId/claim",
    {
      config: { policy: p.claimNeed },
      schema: {
        tags: ["exchange"],
        summary:
          "Claim a need (volunteers): one active claim per need, within the group's cap; expires after the group's claim-expiry hours",
        params: c.needParams,
        response: { 200: c.claimResponse },
      },
    },
    async (request) => {
      const { groupId, needId } = request.params;
      const group = await loadGroup(groupId);
      const settings = effectiveSettings(group.mode, group.settings);
      const userId = request.viewer.user?.id as string;
      // The store checks the need's group under its row lock: no separate read of the need.
      const result = await store.claimNeed(db, needId, userId, settings, app.clock(), {
        groupId,
      });
      if (!result.ok) {
        const [status, code] = CLAIM_REFUSALS[result.reason];
        throw new Problem(status, code);
      }
      await announce(app.events, request.log, groupId, "need.claimed", {
        id: needId,
        status: "claimed",
      });
      return {
        claimId: result.claimId,
        expiresAt: result.expiresAt.toISOString(),
        remindAt: result.remindAt.toISOString(),
      };
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/release",
    {
      config: { policy: p.releaseClaim },
      schema: {
        ...transitionRoute,
        summary:
          "Give a claimed need back to the queue (the volunteer holding it, or a coordinator)",
      },
    },
    async (request) => {
      const { need, group, settings } = await loadNeed(
        request.params.groupId,
        request.params.needId,
      );
      const userId = request.viewer.user?.id as string;
      const claim = await store.activeClaimOf(db, need.id);
      if (!claim) throw new Problem(409, "not_claimed");
      const kind =
        claim.volunteerId === userId
          ? "claimer"
          : coordinates(request.viewer, group)
            ? "coordinator"
            : null;
      if (!kind) throw new Problem(403, "not_claimer");
      const result = await store.endClaim(
        db,
        claim.id,
        "release",
        { kind, id: userId },
        settings,
        app.clock(),
      );
      // The claim ended between the look and the release (expired, or released by another).
      if (!result.ok) throw new Problem(409, "not_claimed");
      await announce(app.events, request.log, need.groupId, "need.released", {
        id: need.id,
        status: result.to,
      });
      return { id: need.id, status: result.to };
    },
  );

  /** start, fulfil and triage: the model decides, the store writes the history row. */
  async function act(
    request: {
      params: { groupId: string; needId: string };
      viewer: Viewer;
    },
    action: Exclude<NeedAction, "claim" | "release" | "expire">,
    allowed: readonly ("claimer" | "coordinator")[],
    extra: { reason?: string | null; moved?: Moved } = {},
  ) {
    const { need, group, settings } = await loadNeed(request.params.groupId, request.params.needId);
    const userId = request.viewer.user?.id as string;
    const claim = await store.activeClaimOf(db, need.id);
    const kind =
      allowed.includes("claimer") && claim?.volunteerId === userId
        ? "claimer"
        : allowed.includes("coordinator") && coordinates(request.viewer, group)
          ? "coordinator"
          : allowed.includes("claimer")
            ? "claimer" // the store refuses, under the need's lock, one who does not hold it
            : null;
    if (!kind) throw new Problem(403, "forbidden");
    const result = await store.applyNeedTransition(
      db,
      need.id,
      action,
      { kind, id: userId },
      settings,
      app.clock(),
      extra,
    );
    if (!result.ok) {
      const [status, code] = TRANSITION_REFUSALS[result.reason];
      throw new Problem(status, code);
    }
    await announce(app.events, app.log, need.groupId, "need.changed", {
      id: need.id,
      status: result.to,
    });
    return { id: need.id, status: result.to };
  }

  app.post(
    "/groups/:groupId/needs/:needId/start",
    {
      config: { policy: p.startNeed },
      schema: {
        ...transitionRoute,
        summary: "Mark a claimed need in progress (the volunteer holding it)",
      },
    },
    async (request) => act(request, "start", ["claimer"]),
  );

  app.post(
    "/groups/:groupId/needs/:needId/fulfil",
    {
      config: { policy: p.fulfilNeed },
      schema: {
        ...transitionRoute,
        summary:
          "Mark a need fulfilled, with an optional closing note (the volunteer holding it, or a coordinator)",
        body: c.fulfilRequest.nullish(),
      },
    },
    async (request) => {
      const body = request.body ?? {};
      return act(request, "fulfil", ["claimer", "coordinator"], {
        reason: body.reason || null,
        moved: {
          minutes: body.minutes ?? null,
          goods: body.goods ?? null,
          amountCents: body.amount !== undefined ? Math.round(body.amount * 100) : null,
          currency: body.currency ?? null,
        },
      });
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/close",
    {
      config: { policy: p.closeNeed },
      schema: {
        ...transitionRoute,
        summary:
          "Close an open need with a reason: cancel or refer (coordinators), or mark unreachable (coordinators, or the volunteer holding it)",
        body: c.closeRequest,
      },
    },
    async (request) => {
      const { action, reason } = request.body;
      const { group } = await loadNeed(request.params.groupId, request.params.needId);
      // Only coordinators cancel or refer; the model refuses a claimer doing so (403), and the
      // store refuses a volunteer who does not hold the claim.
      if (action !== "mark_unreachable" && !coordinates(request.viewer, group)) {
        throw new Problem(403, "board_close_coordinators_only");
      }
      return act(
        request,
        action,
        action === "mark_unreachable" ? ["claimer", "coordinator"] : ["coordinator"],
        { reason },
      );
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/triage",
    {
      config: { policy: p.triageNeed },
      schema: {
        ...transitionRoute,
        summary: "Triage a new need so volunteers see it (coordinators; dispatch-mode groups)",
      },
    },
    async (request) => act(request, "triage", ["coordinator"]),
  );

  app.get(
    "/groups/:groupId/needs/events",
    {
      config: { policy: p.readBoard },
      schema: {
        tags: ["exchange"],
        summary:
          "Live board changes as Server-Sent Events (need.created, need.claimed, need.released, need.changed: ids and status only)",
        params: c.needParams.pick({ groupId: true }),
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      const settings = effectiveSettings(group.mode, group.settings);
      const seesAll = coordinates(request.viewer, group);
      // In a triaging group, volunteers do not learn of needs before a coordinator triages them.
      const hidden = (event: LiveEvent) =>
        !seesAll && settings.intakeRequiresTriage && event.status === "new";
      await sendServerSentEvents(request, reply, boardChannel(group.id), (event) => !hidden(event));
    },
  );
};
