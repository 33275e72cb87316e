// HTTP for networks, groups, memberships, invitations and the group audit log:
// parse (contract) -> check (policy, in config) -> act (store/model) -> present.
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { translate } from "../../lib/i18n";
import { hashToken, newToken } from "../../lib/tokens";
import { Problem } from "../../server/problem";
import { isNetworkAdmin } from "../../server/viewer";
import { groupAudit, recordReveals } from "../audit/store";
import * as c from "./contract";
import { areaProblem, canGrantRole, overridesFor, slugify } from "./model";
import { groupsPolicy as p } from "./policy";
import { presentGroupDetail, presentGroupSummary, presentMembers, presentNetwork } from "./present";
import type { GroupArea, GroupRole, GroupSettingsOverrides } from "./schema";
import * as store from "./store";

const DAY_MS = 24 * 3600 * 1000;

function userId(request: FastifyRequest): string {
  const id = request.viewer.user?.id;
  if (!id) throw new Problem(401, "sign_in_required");
  return id;
}

function checkArea(request: FastifyRequest, area: GroupArea | null | undefined): void {
  if (!area) return;
  const reason = areaProblem(area);
  if (reason) {
    throw new Problem(400, "validation_failed", {}, [
      { pointer: "#/area", code: reason, detail: translate(request.language, `field.${reason}`) },
    ]);
  }
}

/** Coordinators hand out member and volunteer; admins and network admins any role. */
function assertMayGrant(
  request: FastifyRequest,
  group: { id: string; networkId: string },
  role: GroupRole,
): void {
  const granter = isNetworkAdmin(request.viewer, group.networkId)
    ? "network_admin"
    : request.viewer.groupRoles.get(group.id);
  if (!granter || !canGrantRole(granter, role)) throw new Problem(403, "role_not_grantable");
}

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  async function loadGroup(groupId: string) {
    const group = await store.getGroup(db, groupId);
    if (!group) throw new Problem(404, "group_not_found");
    return { ...group, memberCount: await store.memberCount(db, groupId) };
  }

  /** Applies one membership change and turns a refusal into its problem. */
  async function changeMembership(
    request: FastifyRequest,
    group: store.GroupRow,
    target: string,
    change: store.MembershipChange,
  ): Promise<void> {
    const result = await store.changeMembership(db, group, target, change, userId(request));
    if (result === "last_admin") throw new Problem(409, "last_admin");
    if (result === "not_found") {
      const pending = change.kind === "approve" || change.kind === "decline";
      throw new Problem(404, pending ? "join_request_not_found" : "member_not_found");
    }
  }

  app.get(
    "/networks",
    {
      config: { policy: p.listNetworks },
      schema: {
        tags: ["groups"],
        summary: "Networks on this installation",
        response: { 200: c.networkListResponse },
      },
    },
    async (request) => ({
      networks: (await store.listNetworks(db)).map((n) => presentNetwork(n, request.viewer)),
    }),
  );

  app.put(
    "/networks/:networkId/roles/:userId",
    {
      config: { policy: p.setNetworkRoles },
      schema: {
        tags: ["groups"],
        summary: "Set a person's network roles (administrator, liaison)",
        params: z.strictObject({ networkId: z.uuid(), userId: z.uuid() }),
        body: c.setNetworkRolesRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { networkId, userId: target } = request.params;
      const result = await store.setNetworkRoles(
        db,
        networkId,
        target,
        [...new Set(request.body.roles)],
        userId(request),
      );
      if (result === "last_admin") throw new Problem(409, "last_network_admin");
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/networks/:networkId/groups",
    {
      config: { policy: p.createGroup },
      schema: {
        tags: ["groups"],
        summary: "Create a group (network administrators); the creator becomes its admin",
        params: c.networkParams,
        body: c.createGroupRequest,
        response: { 201: c.groupDetail },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkArea(request, body.area);
      if (!(await store.networkExists(db, request.params.networkId))) {
        throw new Problem(404, "network_not_found");
      }
      const group = await store.createGroup(
        db,
        {
          networkId: request.params.networkId,
          slug: slugify(body.name),
          name: body.name,
          description: body.description ?? "",
          mode: body.mode,
          area: body.area ?? null,
          languages: body.languages ?? [],
          timeZone: body.timeZone,
          contactEmail: body.contactEmail ?? null,
          contactPhone: body.contactPhone ?? null,
          joining: body.joining ?? "open",
          autoApprove: body.autoApprove ?? false,
          settings: overridesFor(body.mode, body.settings ?? {}),
        },
        userId(request),
      );
      // The creator's new role is not in this request's viewer yet.
      request.viewer.groupRoles.set(group.id, "admin");
      return reply.code(201).send(presentGroupDetail({ ...group, memberCount: 1 }, request.viewer));
    },
  );

  app.get(
    "/groups",
    {
      config: { policy: p.list },
      schema: {
        tags: ["groups"],
        summary: "The group directory (search by name or description; mine=true for my groups)",
        querystring: c.groupListQuery,
        response: { 200: c.groupListResponse },
      },
    },
    async (request) => {
      const { networkId, search, mine } = request.query;
      if (mine === "true" && !request.viewer.user) return { groups: [] };
      const rows = await store.listGroups(db, {
        networkId,
        search: search || undefined,
        memberUserId: mine === "true" ? request.viewer.user?.id : undefined,
      });
      return { groups: rows.map((g) => presentGroupSummary(g, request.viewer)) };
    },
  );

  app.get(
    "/groups/:groupId",
    {
      config: { policy: p.read },
      schema: {
        tags: ["groups"],
        summary: "A group's page",
        params: c.groupParams,
        response: { 200: c.groupDetail },
      },
    },
    async (request) => presentGroupDetail(await loadGroup(request.params.groupId), request.viewer),
  );

  app.patch(
    "/groups/:groupId",
    {
      config: { policy: p.update },
      schema: {
        tags: ["groups"],
        summary: "Change a group's details, mode and policy settings (admins)",
        params: c.groupParams,
        body: c.updateGroupRequest,
        response: { 200: c.groupDetail },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const { settings, ...fields } = request.body;
      checkArea(request, fields.area);
      const mode = fields.mode ?? group.mode;
      const patch: Parameters<typeof store.updateGroup>[2] = { ...fields };
      if (settings !== undefined || fields.mode !== undefined) {
        // `settings` states the group's choices; anything not chosen follows the mode.
        const chosen: GroupSettingsOverrides = settings ?? group.settings;
        patch.settings = overridesFor(mode, chosen);
      }
      const changed = Object.keys(request.body);
      if (changed.length === 0) return presentGroupDetail(group, request.viewer);
      const updated = await store.updateGroup(db, group.id, patch, {
        actorId: userId(request),
        networkId: group.networkId,
        changed,
      });
      return presentGroupDetail({ ...updated, memberCount: group.memberCount }, request.viewer);
    },
  );

  app.post(
    "/groups/:groupId/join",
    {
      config: { policy: p.join },
      schema: {
        tags: ["groups"],
        summary:
          "Join an open group, or ask to (a coordinator approves unless the group auto-approves)",
        params: c.groupParams,
        response: { 200: c.joinResponse },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const me = userId(request);
      const existing = await store.getMembership(db, group.id, me);
      if (existing) return existing;
      if (group.joining === "invite_only") throw new Problem(403, "invitation_required");
      return store.requestToJoin(db, group, me);
    },
  );

  app.post(
    "/groups/:groupId/leave",
    {
      config: { policy: p.leave },
      schema: {
        tags: ["groups"],
        summary: "Leave a group",
        params: c.groupParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      await changeMembership(request, group, userId(request), { kind: "leave" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/groups/:groupId/members",
    {
      config: { policy: p.listMembers },
      schema: {
        tags: ["groups"],
        summary:
          "Members and their roles; contact details only where the viewer may see them (logged)",
        params: c.groupParams,
        response: { 200: c.memberListResponse },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const rows = await store.listMemberships(db, group.id, "active");
      const { members, reveals } = presentMembers(rows, request.viewer, group);
      await recordReveals(db, reveals);
      return { members };
    },
  );

  app.patch(
    "/groups/:groupId/members/:userId",
    {
      config: { policy: p.changeRole },
      schema: {
        tags: ["groups"],
        summary: "Change a member's role (admins); the last admin cannot be demoted",
        params: c.memberParams,
        body: c.changeRoleRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const role = request.body.role;
      const group = await loadGroup(request.params.groupId);
      assertMayGrant(request, group, role);
      await changeMembership(request, group, request.params.userId, { kind: "role", role });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/groups/:groupId/members/:userId",
    {
      config: { policy: p.removeMember },
      schema: {
        tags: ["groups"],
        summary: "Remove a member (admins); the last admin cannot be removed",
        params: c.memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      await changeMembership(request, group, request.params.userId, { kind: "remove" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/groups/:groupId/join-requests",
    {
      config: { policy: p.listJoinRequests },
      schema: {
        tags: ["groups"],
        summary: "People waiting to join (coordinators)",
        params: c.groupParams,
        response: { 200: c.joinRequestListResponse },
      },
    },
    async (request) => {
      const rows = await store.listMemberships(db, request.params.groupId, "pending");
      return {
        requests: rows.map((r) => ({
          userId: r.userId,
          name: r.name,
          requestedAt: r.joinedAt.toISOString(),
        })),
      };
    },
  );

  for (const decision of ["approve", "decline"] as const) {
    app.post(
      `/groups/:groupId/join-requests/:userId/${decision}`,
      {
        config: { policy: p.decideJoinRequest },
        schema: {
          tags: ["groups"],
          summary: `${decision === "approve" ? "Approve" : "Decline"} a request to join (coordinators)`,
          params: c.memberParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const group = await loadGroup(request.params.groupId);
        await changeMembership(request, group, request.params.userId, { kind: decision });
        return reply.code(204).send(null);
      },
    );
  }

  app.post(
    "/groups/:groupId/invitations",
    {
      config: { policy: p.createInvitation },
      schema: {
        tags: ["groups"],
        summary:
          "Create an invitation link (coordinators: members and volunteers; admins: any role)",
        params: c.groupParams,
        body: c.createInvitationRequest,
        response: { 201: c.invitationCreated },
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      assertMayGrant(request, group, request.body.role);
      const token = newToken();
      const expiresAt = new Date(app.clock().getTime() + request.body.expiresInDays * DAY_MS);
      const row = await store.createInvitation(db, group, {
        tokenHash: hashToken(token),
        role: request.body.role,
        maxUses: request.body.maxUses,
        expiresAt,
        createdBy: userId(request),
      });
      return reply.code(201).send({
        id: row.id,
        token,
        // The token travels in the fragment, which browsers never send to the server or logs.
        url: `${app.config.publicUrl}/join#${token}`,
        role: row.role,
        maxUses: row.maxUses,
        expiresAt: row.expiresAt.toISOString(),
      });
    },
  );

  app.get(
    "/groups/:groupId/invitations",
    {
      config: { policy: p.listInvitations },
      schema: {
        tags: ["groups"],
        summary: "Invitations still usable (coordinators)",
        params: c.groupParams,
        response: { 200: c.invitationListResponse },
      },
    },
    async (request) => {
      const rows = await store.listInvitations(db, request.params.groupId, app.clock());
      return {
        invitations: rows.map((r) => ({
          id: r.id,
          role: r.role,
          maxUses: r.maxUses,
          uses: r.uses,
          createdByName: r.createdByName,
          createdAt: r.createdAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    "/groups/:groupId/invitations/:invitationId",
    {
      config: { policy: p.revokeInvitation },
      schema: {
        tags: ["groups"],
        summary: "Revoke an invitation",
        params: c.invitationParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      const revoked = await store.revokeInvitation(
        db,
        group,
        request.params.invitationId,
        userId(request),
        app.clock(),
      );
      if (!revoked) throw new Problem(404, "invitation_invalid");
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/invitations/:token",
    {
      config: { policy: p.previewInvitation },
      schema: {
        tags: ["groups"],
        summary: "What an invitation link leads to",
        params: c.tokenParams,
        response: { 200: c.invitationPreview },
      },
    },
    async (request) => {
      const found = await store.findUsableInvitation(
        db,
        hashToken(request.params.token),
        app.clock(),
      );
      if (!found) throw new Problem(404, "invitation_invalid");
      return {
        group: {
          id: found.group.id,
          name: found.group.name,
          slug: found.group.slug,
          description: found.group.description,
        },
        role: found.invitation.role,
        expiresAt: found.invitation.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    "/invitations/:token/accept",
    {
      config: { policy: p.acceptInvitation },
      schema: {
        tags: ["groups"],
        summary: "Accept an invitation: join the group with the invitation's role",
        params: c.tokenParams,
        response: { 200: c.joinResponse.extend({ groupId: z.uuid() }) },
      },
    },
    async (request) => {
      const result = await store.acceptInvitation(
        db,
        hashToken(request.params.token),
        userId(request),
        app.clock(),
      );
      if (!result) throw new Problem(404, "invitation_invalid");
      return { status: "active" as const, role: result.role, groupId: result.group.id };
    },
  );

  app.get(
    "/groups/:groupId/audit",
    {
      config: { policy: p.readAudit },
      schema: {
        tags: ["groups"],
        summary: "The group's audit log of administrative actions (admins)",
        params: c.groupParams,
        querystring: c.auditListQuery,
        response: { 200: c.auditListResponse },
      },
    },
    async (request) => {
      const { before, limit } = request.query;
      const rows = await groupAudit(db, request.params.groupId, limit + 1, before);
      const page = rows.slice(0, limit);
      return {
        entries: page.map((r) => ({
          id: r.id,
          action: r.action,
          actorName: r.actorName,
          targetType: r.targetType,
          targetId: r.targetId,
          targetName: r.targetName,
          details: r.details,
          createdAt: r.createdAt.toISOString(),
        })),
        nextBefore: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.get(
    "/me/memberships",
    {
      config: { policy: p.myMemberships },
      schema: {
        tags: ["groups"],
        summary: "My groups and network roles",
        response: { 200: c.myMembershipsResponse },
      },
    },
    async (request) => {
      const me = userId(request);
      const networkRoles = [...request.viewer.networkRoles].flatMap(([networkId, roles]) =>
        [...roles].map((role) => ({ networkId, role })),
      );
      return { memberships: await store.membershipsOf(db, me), networkRoles };
    },
  );
};
