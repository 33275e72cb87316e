// HTTP for possible duplicates (coordinators): the flagged needs side by side, merging one into
// another, dismissing the flag, and the needs merged into a kept one. parse (contract below) ->
// check (policy, in config) -> act (duplicates.ts) -> present (duplicates.ts).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { translate } from "../../lib/i18n";
import { definePolicies, inGroup } from "../../server/policy";
import { Problem } from "../../server/problem";
import { roleAtLeast } from "../../server/viewer";
import { recordAudit, recordReveals } from "../audit/store";
import { effectiveSettings } from "../groups/model";
import {
  DUPLICATE_REFUSAL_STATUS,
  type DuplicateRefusal,
  dismissDuplicate,
  flaggedPairs,
  mergeDuplicate,
  mergedInto,
  presentPairs,
} from "./duplicates";
import { announce } from "./live";
import { NEED_STATUSES } from "./model";
import { groupLoader, neverCache } from "./posting";

export const duplicatesPolicy = definePolicies("duplicates", {
  /** Seeing both needs' contact (logged) and deciding: the group's coordinators and up. */
  listDuplicates: inGroup("coordinator"),
  mergeDuplicate: inGroup("coordinator"),
  dismissDuplicate: inGroup("coordinator"),
  mergedNeeds: inGroup("coordinator"),
});
const p = duplicatesPolicy;

// ---- contract ----

const groupParams = z.strictObject({ groupId: z.uuid() });
const needParams = z.strictObject({ groupId: z.uuid(), needId: z.uuid() });
export const mergeRequest = z.strictObject({ into: z.uuid() });
export const dismissRequest = z.strictObject({}).nullish();

const sideSchema = z.object({
  id: z.string(),
  status: z.enum(NEED_STATUSES),
  category: z.string(),
  description: z.string(),
  urgency: z.string(),
  householdSize: z.number().nullable(),
  languages: z.array(z.string()),
  place: z.string().nullable(),
  createdAt: z.string(),
  shortCode: z.string(),
  contact: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    channel: z.string(),
  }),
  locationText: z.string().nullable(),
  sameContact: z.boolean(),
});
export const duplicatesResponse = z.object({
  pairs: z.array(z.object({ need: sideSchema, original: sideSchema.nullable() })),
});
export type DuplicatesView = z.infer<typeof duplicatesResponse>;
export type DuplicateSideView = z.infer<typeof sideSchema>;
export const reviewResponse = z.object({
  id: z.string(),
  status: z.enum(NEED_STATUSES),
  keptId: z.string().nullable(),
});
export type ReviewView = z.infer<typeof reviewResponse>;
export const mergedResponse = z.object({
  needs: z.array(
    z.object({
      id: z.string(),
      shortCode: z.string(),
      description: z.string(),
      createdAt: z.string(),
      mergedAt: z.string().nullable(),
    }),
  ),
});

/** The kept need's history note keeps at most this much of the merged need's text. */
const NOTE_TEXT_MAX = 500;

export const duplicateRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // Contact details travel here.
  neverCache(app);
  const loadGroup = groupLoader(db);

  /** The group's audit entry of a review of one need (merge or dismiss). */
  const auditNeed = (
    group: { id: string; networkId: string },
    actorId: string,
    needId: string,
    action: string,
    details: Record<string, unknown>,
  ) =>
    recordAudit(db, {
      networkId: group.networkId,
      groupId: group.id,
      actorId,
      action,
      targetType: "need",
      targetId: needId,
      details,
    });

  const refuse = (reason: DuplicateRefusal) =>
    new Problem(DUPLICATE_REFUSAL_STATUS[reason], reason);

  app.get(
    "/groups/:groupId/needs/duplicates",
    {
      config: { policy: p.listDuplicates },
      schema: {
        tags: ["exchange"],
        summary:
          "Possible duplicates not yet reviewed (coordinators): each flagged open need beside the need it may repeat, with contact details (each showing is logged)",
        params: groupParams,
        response: { 200: duplicatesResponse },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const pairs = await flaggedPairs(db, group.id);
      const reason = roleAtLeast(request.viewer.groupRoles.get(group.id), "coordinator")
        ? "coordinator"
        : "network_admin";
      const shown = presentPairs(pairs, request.viewer, reason);
      await recordReveals(db, shown.reveals);
      return shown.view;
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/duplicate/merge",
    {
      config: { policy: p.mergeDuplicate },
      schema: {
        tags: ["exchange"],
        summary:
          "Merge a flagged need into another open need of the group: it becomes a duplicate (history on both, its status link says so); audit-logged",
        params: needParams,
        body: mergeRequest,
        response: { 200: reviewResponse },
      },
    },
    async (request) => {
      const { groupId, needId } = request.params;
      const group = await loadGroup(groupId);
      const actorId = request.viewer.user?.id as string;
      const result = await mergeDuplicate(db, {
        groupId: group.id,
        needId,
        into: request.body.into,
        actorId,
        policy: effectiveSettings(group.mode, group.settings),
        note: (merged) =>
          translate(request.language, "duplicates.history.merged", {
            code: merged.shortCode,
            text:
              merged.description.length > NOTE_TEXT_MAX
                ? `${merged.description.slice(0, NOTE_TEXT_MAX)}…`
                : merged.description,
          }),
        now: app.clock(),
      });
      if (!result.ok) throw refuse(result.reason);
      await auditNeed(group, actorId, needId, "need.duplicate_merged", { into: result.kept.id });
      await announce(app.events, request.log, group.id, "need.changed", result.merged);
      return { id: needId, status: result.merged.status, keptId: result.kept.id };
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/duplicate/dismiss",
    {
      config: { policy: p.dismissDuplicate },
      schema: {
        tags: ["exchange"],
        summary:
          "Not a duplicate: keep both needs and take the flag off the list (who and when are kept); audit-logged",
        params: needParams,
        body: dismissRequest,
        response: { 200: reviewResponse },
      },
    },
    async (request) => {
      const { groupId, needId } = request.params;
      const group = await loadGroup(groupId);
      const actorId = request.viewer.user?.id as string;
      const result = await dismissDuplicate(db, {
        groupId: group.id,
        needId,
        actorId,
        now: app.clock(),
      });
      if (!result.ok) throw refuse(result.reason);
      await auditNeed(group, actorId, needId, "need.duplicate_dismissed", {
        duplicateOf: result.need.duplicateOf,
      });
      return { id: needId, status: result.need.status, keptId: null };
    },
  );

  app.get(
    "/groups/:groupId/needs/:needId/merged",
    {
      config: { policy: p.mergedNeeds },
      schema: {
        tags: ["exchange"],
        summary:
          "The needs merged into this one (coordinators), so their text and threads stay reachable from it; no contact details",
        params: needParams,
        response: { 200: mergedResponse },
      },
    },
    async (request) => {
      const { groupId, needId } = request.params;
      const group = await loadGroup(groupId);
      const merged = (await mergedInto(db, needId)).filter((n) => n.groupId === group.id);
      return {
        needs: merged.map((n) => ({
          id: n.id,
          shortCode: n.shortCode,
          description: n.description,
          createdAt: n.createdAt.toISOString(),
          mergedAt: n.duplicateReviewedAt ? n.duplicateReviewedAt.toISOString() : null,
        })),
      };
    },
  );
};
