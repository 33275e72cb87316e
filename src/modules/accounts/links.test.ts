import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../audit/schema";
import { TOKEN_LIFETIME_MS } from "./model";
import {
  type AccountsTestApp,
  accountsTestApp,
  freshEmail,
  PAGES,
  PASSWORD,
  sessionCookie,
  tokenIn,
} from "./testkit";

let t: AccountsTestApp;

beforeAll(async () => {
  t = await accountsTestApp();
});

afterAll(async () => {
  await t.app.close();
});

const me = (cookie: string | undefined) => t.get("/api/v1/me", { cookie });
const askSignInLink = (email: string) => t.post("/api/v1/auth/sign-in-link", { email });
const consumeSignInLink = (token: string, cookie?: string) =>
  t.post("/api/v1/auth/sign-in-link/consume", { token }, { cookie });

describe("sign-in by emailed link", () => {
  it("signs in once with the link; a replay is refused", async () => {
    const { email } = await t.signUp();
    const asked = await askSignInLink(email.toUpperCase());
    expect(asked.statusCode).toBe(202);
    expect(asked.body).toBe("");
    const mail = await t.mailbox.next(email, PAGES.signIn);
    expect(mail.subject).toBe("Your link to sign in to Mutuo");
    expect(mail.text).toContain(`${t.app.config.publicUrl}/sign-in/link#token=`);
    expect(mail.text).toContain("20 minutes");

    const first = await consumeSignInLink(tokenIn(mail));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ email, emailVerified: true });
    const cookie = sessionCookie(first);
    expect((await me(cookie)).statusCode).toBe(200);

    const replay = await consumeSignInLink(tokenIn(mail));
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: "link_invalid", title: "This link does not work" });
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it("signs in only once when the same link is used several times at once", async () => {
    const { email } = await t.signUp();
    await askSignInLink(email);
    const token = tokenIn(await t.mailbox.next(email, PAGES.signIn));
    const results = await Promise.all(Array.from({ length: 4 }, () => consumeSignInLink(token)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400]);
  });

  it("refuses a link used after 20 minutes", async () => {
    const { email } = await t.signUp();
    await askSignInLink(email);
    const mail = await t.mailbox.next(email, PAGES.signIn);
    t.advance(TOKEN_LIFETIME_MS.sign_in + 1000);
    const res = await consumeSignInLink(tokenIn(mail));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("link_invalid");
  });

  it("answers 202 for an unknown address and sends nothing", async () => {
    const nobody = freshEmail("nobody");
    const { email } = await t.signUp();
    expect((await askSignInLink(nobody)).statusCode).toBe(202);
    await askSignInLink(email);
    // The known address's mail went out after the unknown one's request: nothing for that one.
    await t.mailbox.next(email, PAGES.signIn);
    expect(t.mailbox.pending(nobody)).toEqual([]);
  });

  it("refuses garbage, forged and wrong-purpose tokens alike", async () => {
    const { email } = await t.signUp();
    const verify = await t.mailbox.next(email, PAGES.verify);
    for (const token of ["garbage", "A".repeat(43), tokenIn(verify)]) {
      const res = await consumeSignInLink(token);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("link_invalid");
    }
    // The verification link is still good for its own purpose.
    expect((await t.post("/api/v1/auth/verify-email", { token: tokenIn(verify) })).statusCode).toBe(
      204,
    );
  });

  it("works for a locked account (the mailbox proves who it is) and lifts the lock", async () => {
    const { email } = await t.signUp();
    for (let i = 0; i < 5; i++)
      await t.post("/api/v1/auth/sign-in", { email, password: "wrong wrong" });
    await askSignInLink(email);
    const mail = await t.mailbox.next(email, PAGES.signIn);
    expect((await consumeSignInLink(tokenIn(mail))).statusCode).toBe(200);
    const res = await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it("GET on the consume address does nothing (links are used by POST only)", async () => {
    const res = await t.get("/api/v1/auth/sign-in-link/consume?token=x");
    expect(res.statusCode).toBe(405);
  });
});

describe("password reset", () => {
  it("sets the new password, signs out everywhere, and signs in anew", async () => {
    const { email, id, cookie: old } = await t.signUp();
    const other = sessionCookie(
      await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD }),
    );
    expect((await t.post("/api/v1/auth/password-reset", { email })).statusCode).toBe(202);
    const mail = await t.mailbox.next(email, PAGES.reset);
    expect(mail.subject).toBe("Choose a new password for Mutuo");

    const done = await t.post("/api/v1/auth/password-reset/complete", {
      token: tokenIn(mail),
      password: "a brand new password",
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email, emailVerified: true });
    const fresh = sessionCookie(done);
    expect((await me(old)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);

    const oldPassword = await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await t.post("/api/v1/auth/sign-in", {
      email,
      password: "a brand new password",
    });
    expect(newPassword.statusCode).toBe(200);

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "account.password_reset"), eq(auditLog.targetId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toEqual({ sessionsEnded: 2 });
  });

  it("a reset link works once and ends other outstanding links", async () => {
    const { email } = await t.signUp();
    await t.post("/api/v1/auth/password-reset", { email });
    const first = await t.mailbox.next(email, PAGES.reset);
    await askSignInLink(email);
    const signInMail = await t.mailbox.next(email, PAGES.signIn);
    const complete = (token: string) =>
      t.post("/api/v1/auth/password-reset/complete", { token, password: "another long password" });
    expect((await complete(tokenIn(first))).statusCode).toBe(200);
    expect((await complete(tokenIn(first))).statusCode).toBe(400);
    // A sign-in link sent before the reset no longer works.
    expect((await consumeSignInLink(tokenIn(signInMail))).statusCode).toBe(400);
  });

  it("refuses an expired reset link and keeps the old password", async () => {
    const { email } = await t.signUp();
    await t.post("/api/v1/auth/password-reset", { email });
    const mail = await t.mailbox.next(email, PAGES.reset);
    t.advance(TOKEN_LIFETIME_MS.reset_password + 1000);
    const res = await t.post("/api/v1/auth/password-reset/complete", {
      token: tokenIn(mail),
      password: "never applied password",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("link_invalid");
    expect((await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD })).statusCode).toBe(
      200,
    );
  });

  it("checks the new password's length", async () => {
    const res = await t.post("/api/v1/auth/password-reset/complete", {
      token: "A".repeat(43),
      password: "short",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ pointer: "#/password" })]);
  });

  it("answers 202 for an unknown address and sends nothing", async () => {
    const nobody = freshEmail("ghost");
    const res = await t.post("/api/v1/auth/password-reset", { email: nobody });
    expect(res.statusCode).toBe(202);
    const { email } = await t.signUp();
    await t.post("/api/v1/auth/password-reset", { email });
    await t.mailbox.next(email, PAGES.reset);
    expect(t.mailbox.pending(nobody)).toEqual([]);
  });
});

describe("email verification", () => {
  it("resends a verification link to a signed-in, unverified person", async () => {
    const { email, cookie } = await t.signUp();
    await t.mailbox.next(email, PAGES.verify);
    const res = await t.post("/api/v1/auth/verify-email/resend", undefined, { cookie });
    expect(res.statusCode).toBe(202);
    const mail = await t.mailbox.next(email, PAGES.verify);
    expect((await t.post("/api/v1/auth/verify-email", { token: tokenIn(mail) })).statusCode).toBe(
      204,
    );
    const again = await t.post("/api/v1/auth/verify-email/resend", undefined, { cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("email_already_verified");
  });

  it("resend needs a session", async () => {
    expect((await t.post("/api/v1/auth/verify-email/resend")).statusCode).toBe(401);
  });

  it("refuses an expired verification link", async () => {
    const { email } = await t.signUp();
    const mail = await t.mailbox.next(email, PAGES.verify);
    t.advance(TOKEN_LIFETIME_MS.verify_email + 1000);
    expect((await t.post("/api/v1/auth/verify-email", { token: tokenIn(mail) })).statusCode).toBe(
      400,
    );
  });
});
