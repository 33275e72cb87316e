// The signed-in person's own account: read, change, download everything, delete.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { translate } from "../../lib/i18n";
import { verifyPassword } from "../../lib/password";
import { limitBy, perIp } from "../../lib/rate-limit";
import { clearSessionCookie } from "../../server/auth";
import { Problem, problemBody } from "../../server/problem";
import { revealsAbout } from "../audit/store";
import {
  DELETE_CONFIRMATION,
  deleteMeRequest,
  exportResponse,
  lastAdminProblem,
  meResponse,
  updateMeRequest,
} from "./contract";
import { LIMITS } from "./limits";
import { channelsNeedingPhone } from "./model";
import { accountsPolicy as policy } from "./policy";
import { presentMe, presentMyData } from "./present";
import { listSessions } from "./sessions";
import {
  auditInvolving,
  deleteAccount,
  getUser,
  heldMemberships,
  heldNetworkRoles,
  heldTokens,
  type ProfilePatch,
  updateProfile,
} from "./store";

/** The signed-in person's id (the policy has already required a session). */
export function viewerId(request: FastifyRequest): string {
  const id = request.viewer.user?.id;
  if (!id) throw new Problem(401, "sign_in_required");
  return id;
}

/** Registers the /me routes; `scale` multiplies their rate limits (MUTUO_RATE_LIMIT_SCALE). */
export function registerMeRoutes(base: FastifyInstance, scale: number): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const byAccount = (request: FastifyRequest) => request.viewer.user?.id;

  async function currentUser(request: FastifyRequest) {
    const user = await getUser(db, viewerId(request));
    if (!user) throw new Problem(401, "sign_in_required");
    return user;
  }

  app.get(
    "/me",
    {
      config: { policy: policy.readMe },
      schema: {
        summary: "The signed-in person's own profile",
        tags: ["accounts"],
        response: { 200: meResponse },
      },
    },
    async (request) => presentMe(await currentUser(request)),
  );

  app.patch(
    "/me",
    {
      config: { policy: policy.updateMe },
      schema: {
        summary: "Change name, phone, languages or contact preferences (email cannot change)",
        tags: ["accounts"],
        body: updateMeRequest,
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const user = await currentUser(request);
      const body = request.body;
      const patch: ProfilePatch = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.phone !== undefined) patch.phone = body.phone || null;
      if (body.languages !== undefined) patch.languages = body.languages;
      if (body.contactPreferences !== undefined) patch.contactPreferences = body.contactPreferences;
      const phone = patch.phone !== undefined ? patch.phone : user.phone;
      const preferences = patch.contactPreferences ?? user.contactPreferences;
      if (channelsNeedingPhone(preferences, phone).length > 0) {
        const pointer = body.contactPreferences ? "#/contactPreferences/channels" : "#/phone";
        throw new Problem(400, "validation_failed", {}, [
          {
            pointer,
            code: "phone_required",
            detail: translate(request.language, "field.phone_needed"),
          },
        ]);
      }
      const updated = await updateProfile(db, user.id, patch);
      if (!updated) throw new Problem(401, "sign_in_required");
      return presentMe(updated);
    },
  );

  app.get(
    "/me/export",
    {
      config: {
        policy: policy.exportMe,
        rateLimit: {
          ...perIp(LIMITS.exportPerAccount, scale),
          keyGenerator: (r) => byAccount(r) ?? r.ip,
        },
      },
      schema: {
        summary: "Download everything Mutuo holds about the signed-in person (JSON)",
        tags: ["accounts"],
        response: { 200: exportResponse },
      },
    },
    async (request, reply) => {
      const user = await currentUser(request);
      const now = app.clock();
      const [sessions, tokens, memberships, networkRoles, audit, reveals] = await Promise.all([
        listSessions(db, user.id, now),
        heldTokens(db, user.id),
        heldMemberships(db, user.id),
        heldNetworkRoles(db, user.id),
        auditInvolving(db, user.id),
        revealsAbout(db, user.id),
      ]);
      reply.header("content-disposition", 'attachment; filename="mutuo-my-data.json"');
      return presentMyData(
        {
          user,
          currentSessionId: request.viewer.sessionId,
          sessions,
          tokens,
          memberships,
          networkRoles,
          audit,
          reveals,
        },
        now,
      );
    },
  );

  app.delete(
    "/me",
    {
      config: { policy: policy.deleteMe },
      preHandler: limitBy(app, "delete-account", LIMITS.deletePerAccount, byAccount, scale),
      schema: {
        summary:
          "Delete the account: personal data is erased, the row stays pseudonymised for history",
        tags: ["accounts"],
        body: deleteMeRequest,
        response: {
          204: z.void().describe("Deleted and signed out"),
          409: lastAdminProblem,
        },
      },
    },
    async (request, reply) => {
      const user = await currentUser(request);
      const { password, confirmation } = request.body;
      if (user.passwordHash) {
        if (!password) {
          throw new Problem(400, "validation_failed", {}, [
            {
              pointer: "#/password",
              code: "required",
              detail: translate(request.language, "field.required"),
            },
          ]);
        }
        if (!(await verifyPassword(user.passwordHash, password))) {
          throw new Problem(403, "password_incorrect");
        }
      } else if (confirmation?.trim().toUpperCase() !== DELETE_CONFIRMATION) {
        throw new Problem(400, "confirmation_required", { word: DELETE_CONFIRMATION });
      }
      const outcome = await deleteAccount(db, user.id, app.clock());
      if (!outcome.ok) {
        const body = problemBody(request.language, request, 409, "last_admin");
        return reply
          .code(409)
          .type("application/problem+json; charset=utf-8")
          .send({
            ...body,
            code: "last_admin" as const,
            groupIds: outcome.lastAdminOfGroups,
            networkIds: outcome.lastAdminOfNetworks,
          });
      }
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );
}
