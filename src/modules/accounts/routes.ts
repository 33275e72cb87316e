// Accounts over HTTP: sign-up, sign-in (password or emailed link), email verification, password
// reset, unlock, sign-out; /me routes are in me-routes.ts. Parse (contract) → check (policy) →
// act (store/model) → present.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Language } from "../../lib/i18n";
import { hashPassword, verifyPassword } from "../../lib/password";
import { configuredScale, limitBy, perIp, registerRateLimits } from "../../lib/rate-limit";
import { isWellFormedToken } from "../../lib/tokens";
import { clearSessionCookie, signIn } from "../../server/auth";
import { Problem } from "../../server/problem";
import {
  emailOnlyRequest,
  meResponse,
  passwordResetCompleteRequest,
  signInRequest,
  signUpRequest,
  tokenRequest,
} from "./contract";
import { LIMITS } from "./limits";
import { accountMail, linkFor } from "./mail";
import { registerMeRoutes, viewerId } from "./me-routes";
import { isLocked, mailLanguage, type TokenPurpose } from "./model";
import { accountsPolicy as policy } from "./policy";
import { presentMe } from "./present";
import { deleteSession } from "./sessions";
import {
  clearLockout,
  consumeToken,
  createUser,
  endAllSessions,
  findUserByEmail,
  getUser,
  issueToken,
  markEmailVerified,
  recordFailedSignIn,
  resetPassword,
  type UserRow,
} from "./store";

const accepted = z.void().describe("Accepted: an email goes out if the address has an account");
const noContent = z.void().describe("Done");

interface AccountHelpers {
  /** Runs work after the answer is sent (emails): timing then says nothing about the account. */
  later(request: FastifyRequest, work: () => Promise<void>): void;
  /** Emails a fresh single-use link for `purpose`. */
  sendLink(user: UserRow, purpose: TokenPurpose, fallback: Language): Promise<void>;
  startSession(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void>;
}

function helpers(app: FastifyInstance): AccountHelpers {
  const inFlight = new Set<Promise<void>>();
  // Emails still being sent finish before the database closes.
  app.addHook("preClose", async () => {
    await Promise.allSettled([...inFlight]);
  });
  return {
    later(request, work) {
      const job: Promise<void> = work()
        .catch((err: unknown) => request.log.error({ err }, "account email failed"))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
    async sendLink(user, purpose, fallback) {
      if (!user.email) return;
      const token = await issueToken(
        app.database.db,
        { id: user.id, email: user.email },
        purpose,
        app.clock(),
      );
      const language = mailLanguage(user.languages, fallback);
      const link = linkFor(app.config.publicUrl, purpose, token);
      await app.mailer.send(
        accountMail(purpose, language, { email: user.email, name: user.name }, link),
      );
    },
    async startSession(request, reply, userId) {
      // A sign-in replaces the session this browser had, rather than leaving it behind.
      if (request.viewer.sessionId) await deleteSession(app.database.db, request.viewer.sessionId);
      await signIn(app, request, reply, userId);
    },
  };
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

function accountLocked(until: Date, now: Date): Problem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new Problem(423, "account_locked", { minutes: minutesUntil(until, now) }, undefined, {
    "retry-after": String(seconds),
  });
}

function wellFormed(token: string): string {
  if (!isWellFormedToken(token)) throw new Problem(400, "link_invalid");
  return token;
}

const byEmail = (request: FastifyRequest) =>
  (request.body as { email?: string } | undefined)?.email;
const byAccount = (request: FastifyRequest) => request.viewer.user?.id;

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const scale = configuredScale(app);
  const db = app.database.db;
  const { later, sendLink, startSession } = helpers(app);

  // Everything here is personal: never cached by a browser or a proxy.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  app.post(
    "/auth/sign-up",
    {
      config: { policy: policy.signUp, rateLimit: perIp(LIMITS.signUpPerIp, scale) },
      schema: {
        summary:
          "Create an account with email and password; signs in and emails a verification link",
        tags: ["accounts"],
        body: signUpRequest,
        response: { 201: meResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.website?.trim()) throw new Problem(400, "spam_suspected");
      const user = await createUser(db, {
        name: body.name,
        email: body.email,
        phone: body.phone || null,
        passwordHash: await hashPassword(body.password),
        languages: [body.language ?? request.language],
        now: app.clock(),
      });
      if (!user) throw new Problem(409, "email_taken");
      await startSession(request, reply, user.id);
      later(request, () => sendLink(user, "verify_email", request.language));
      return reply.code(201).send(presentMe(user));
    },
  );

  app.post(
    "/auth/sign-in",
    {
      config: { policy: policy.signIn, rateLimit: perIp(LIMITS.signInPerIp, scale) },
      preHandler: limitBy(app, "sign-in", LIMITS.signInPerEmail, byEmail, scale),
      schema: {
        summary: "Sign in with email and password",
        tags: ["accounts"],
        body: signInRequest,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const user = await findUserByEmail(db, request.body.email);
      if (user?.lockedUntil && isLocked(user, now)) throw accountLocked(user.lockedUntil, now);
      // Without an account (or a password) the same argon2 work is done: timing tells nothing.
      const ok = await verifyPassword(user?.passwordHash ?? null, request.body.password);
      if (!user || !ok) {
        if (user) {
          const failure = await recordFailedSignIn(db, user.id, now);
          if (failure.justLocked && failure.lockedUntil) {
            later(request, () => sendLink(user, "unlock", request.language));
            throw accountLocked(failure.lockedUntil, now);
          }
        }
        throw new Problem(401, "invalid_credentials");
      }
      if (user.failedSignIns > 0 || user.lockedUntil) await clearLockout(db, user.id);
      await startSession(request, reply, user.id);
      return presentMe(user);
    },
  );

  /** "Email me a link" forms: always 202, so nobody learns whether an account exists. */
  function emailLinkRoute(
    url: string,
    purpose: "sign_in" | "reset_password",
    rule: string,
    limitKey: string,
    summary: string,
  ) {
    app.post(
      url,
      {
        config: { policy: rule, rateLimit: perIp(LIMITS.mailPerIp, scale) },
        preHandler: limitBy(app, limitKey, LIMITS.mailPerEmail, byEmail, scale),
        schema: {
          summary,
          tags: ["accounts"],
          body: emailOnlyRequest,
          response: { 202: accepted },
        },
      },
      async (request, reply) => {
        const { email } = request.body;
        later(request, async () => {
          const user = await findUserByEmail(db, email);
          if (user) await sendLink(user, purpose, request.language);
        });
        return reply.code(202).send();
      },
    );
  }

  emailLinkRoute(
    "/auth/sign-in-link",
    "sign_in",
    policy.requestSignInLink,
    "sign-in-link",
    "Email a one-time sign-in link (always 202, whether or not the account exists)",
  );

  app.post(
    "/auth/sign-in-link/consume",
    {
      config: { policy: policy.consumeSignInLink, rateLimit: perIp(LIMITS.linkPerIp, scale) },
      schema: {
        summary: "Sign in with the token of an emailed link (works once, within 20 minutes)",
        tags: ["accounts"],
        body: tokenRequest,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const used = await consumeToken(db, wellFormed(request.body.token), "sign_in", now);
      if (!used) throw new Problem(400, "link_invalid");
      // The link reached the mailbox: the address is verified, and a lock has no purpose.
      await markEmailVerified(db, used.id, now);
      await clearLockout(db, used.id);
      await startSession(request, reply, used.id);
      const user = await getUser(db, used.id);
      if (!user) throw new Problem(400, "link_invalid");
      return presentMe(user);
    },
  );

  app.post(
    "/auth/verify-email",
    {
      config: { policy: policy.verifyEmail, rateLimit: perIp(LIMITS.linkPerIp, scale) },
      preHandler: limitBy(app, "verify", LIMITS.verifyPerAccount, byAccount, scale),
      schema: {
        summary: "Confirm the email address with the token of the emailed link",
        tags: ["accounts"],
        body: tokenRequest,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const used = await consumeToken(db, wellFormed(request.body.token), "verify_email", now);
      if (!used) throw new Problem(400, "link_invalid");
      await markEmailVerified(db, used.id, now);
      return reply.code(204).send();
    },
  );

  app.post(
    "/auth/verify-email/resend",
    {
      config: {
        policy: policy.resendVerification,
        rateLimit: {
          ...perIp(LIMITS.verifyPerAccount, scale),
          keyGenerator: (r) => byAccount(r) ?? r.ip,
        },
      },
      schema: {
        summary: "Email a new verification link to the signed-in person",
        tags: ["accounts"],
        response: { 202: z.void().describe("The email is on its way") },
      },
    },
    async (request, reply) => {
      const user = await getUser(db, viewerId(request));
      if (!user) throw new Problem(401, "sign_in_required");
      if (user.emailVerifiedAt || !user.email) throw new Problem(409, "email_already_verified");
      later(request, () => sendLink(user, "verify_email", request.language));
      return reply.code(202).send();
    },
  );

  emailLinkRoute(
    "/auth/password-reset",
    "reset_password",
    policy.requestPasswordReset,
    "password-reset",
    "Email a password reset link (always 202, whether or not the account exists)",
  );

  app.post(
    "/auth/password-reset/complete",
    {
      config: { policy: policy.completePasswordReset, rateLimit: perIp(LIMITS.linkPerIp, scale) },
      schema: {
        summary: "Set a new password with the emailed token: signs out everywhere, then signs in",
        tags: ["accounts"],
        body: passwordResetCompleteRequest,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const token = wellFormed(request.body.token);
      const passwordHash = await hashPassword(request.body.password);
      const now = app.clock();
      const used = await consumeToken(db, token, "reset_password", now);
      if (!used) throw new Problem(400, "link_invalid");
      await resetPassword(db, used.id, passwordHash, now);
      await signIn(app, request, reply, used.id);
      const user = await getUser(db, used.id);
      if (!user) throw new Problem(400, "link_invalid");
      return presentMe(user);
    },
  );

  app.post(
    "/auth/unlock",
    {
      config: { policy: policy.unlock, rateLimit: perIp(LIMITS.linkPerIp, scale) },
      schema: {
        summary: "Lift a sign-in lock with the token of the emailed unlock link",
        tags: ["accounts"],
        body: tokenRequest,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const used = await consumeToken(db, wellFormed(request.body.token), "unlock", now);
      if (!used) throw new Problem(400, "link_invalid");
      await clearLockout(db, used.id);
      await markEmailVerified(db, used.id, now);
      return reply.code(204).send();
    },
  );

  app.post(
    "/auth/sign-out",
    {
      config: { policy: policy.signOut },
      schema: {
        summary: "End this session",
        tags: ["accounts"],
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (request.viewer.sessionId) await deleteSession(db, request.viewer.sessionId);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    "/auth/sign-out-everywhere",
    {
      config: { policy: policy.signOutEverywhere },
      schema: {
        summary: "End every session of the signed-in person, on every device",
        tags: ["accounts"],
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await endAllSessions(db, viewerId(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  registerMeRoutes(app, scale);
};
