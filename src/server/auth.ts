// Sessions: the cookie `mutuo_session` carries a random token; every API request gets
// `request.viewer` (the person and their roles, or anonymous).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { isWellFormedToken } from "../lib/tokens";
import { createSession, findSession, SESSION_ABSOLUTE_MS } from "../modules/accounts/sessions";
import { rolesOf } from "../modules/groups/store";
import { anonymousViewer, type Viewer } from "./viewer";

export const SESSION_COOKIE = "mutuo_session";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("viewer", null as unknown as Viewer);
  app.addHook("onRequest", async (request) => {
    request.viewer = anonymousViewer();
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!isWellFormedToken(token)) return;
    const session = await findSession(app.database.db, token, app.clock());
    if (!session) return;
    const roles = await rolesOf(app.database.db, session.userId);
    request.viewer = {
      user: {
        id: session.userId,
        name: session.name,
        email: session.email,
        emailVerified: session.emailVerified,
      },
      sessionId: session.sessionId,
      ...roles,
    };
  });
});

/** Starts a fresh session (a new id at every sign-in) and sets its cookie. */
export async function signIn(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const token = await createSession(
    app.database.db,
    userId,
    app.clock(),
    request.headers["user-agent"],
  );
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}
