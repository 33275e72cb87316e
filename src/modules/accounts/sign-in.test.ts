import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "../../../test/app";
import { auditLog } from "../audit/schema";
import { LOCKOUT_MS } from "./model";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./sessions";
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

const signIn = (email: string, password: string, headers?: Record<string, string>) =>
  t.post("/api/v1/auth/sign-in", { email, password }, { headers: headers ?? {} });

const me = (cookie: string | undefined) => t.get("/api/v1/me", { cookie });

describe("sign-in with a password", () => {
  it("signs in with the right password and gives a working session", async () => {
    const res = await signIn(ADMIN.email.toUpperCase(), ADMIN.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: ADMIN.email, name: ADMIN.name });
    const cookie = sessionCookie(res);
    expect((await me(cookie)).json().id).toBe(t.adminId);
  });

  it("gives a new session id at every sign-in, and replaces the browser's old one", async () => {
    const { email, cookie: first } = await t.signUp();
    const second = sessionCookie(await signIn(email, PASSWORD));
    const third = sessionCookie(
      await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD }, { cookie: second }),
    );
    expect(new Set([first, second, third]).size).toBe(3);
    expect((await me(first)).statusCode).toBe(200);
    // Signing in again from the browser that held `second` ended that session.
    expect((await me(second)).statusCode).toBe(401);
    expect((await me(third)).statusCode).toBe(200);
  });

  it("answers a wrong password and an unknown account exactly alike", async () => {
    const { email } = await t.signUp();
    const wrong = await signIn(email, "not the password at all");
    const unknown = await signIn(freshEmail("nobody"), "not the password at all");
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(sessionCookie(res)).toBeUndefined();
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({
      code: "invalid_credentials",
      title: "Wrong email or password",
    });
  });

  it("refuses a cross-site sign-in (Origin of another site)", async () => {
    const res = await signIn(ADMIN.email, ADMIN.password, { origin: "https://evil.example" });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("cross_origin");
    expect(sessionCookie(res)).toBeUndefined();
  });

  it("refuses a cross-site sign-in announced only by Referer", async () => {
    const res = await signIn(ADMIN.email, ADMIN.password, {
      referer: "https://evil.example/page",
    });
    expect(res.statusCode).toBe(403);
  });

  it("answers an invalid email with a field error at #/email", async () => {
    const res = await signIn("nope", "x");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ pointer: "#/email", code: "invalid_format" }),
    ]);
  });
});

describe("lockout", () => {
  it("locks after 5 wrong passwords, emails one unlock link, and the link unlocks", async () => {
    const { email, id } = await t.signUp({ language: "es" });
    for (let i = 1; i <= 4; i++) {
      expect((await signIn(email, `wrong password ${i}`)).statusCode).toBe(401);
    }
    const fifth = await signIn(email, "wrong password 5");
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: "account_locked" });
    expect(fifth.json().detail).toContain("15");
    expect(Number(fifth.headers["retry-after"])).toBeGreaterThan(800);

    // Even the right password is refused while locked, and no second email goes out.
    const right = await signIn(email, PASSWORD, { "accept-language": "es" });
    expect(right.statusCode).toBe(423);
    expect(right.json().title).toBe("Cuenta bloqueada por un tiempo");
    const mail = await t.mailbox.next(email, PAGES.unlock);
    expect(mail.subject).toBe("Su cuenta de Mutuo fue bloqueada");
    expect(t.mailbox.pending(email, PAGES.unlock)).toEqual([]);

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "account.locked"), eq(auditLog.targetId, id)));
    expect(audited).toHaveLength(1);

    const unlocked = await t.post("/api/v1/auth/unlock", { token: tokenIn(mail) });
    expect(unlocked.statusCode).toBe(204);
    expect((await signIn(email, PASSWORD)).statusCode).toBe(200);
    // Used once only.
    expect((await t.post("/api/v1/auth/unlock", { token: tokenIn(mail) })).statusCode).toBe(400);
  });

  it("lifts the lock by itself after 15 minutes, and a success resets the count", async () => {
    const { email } = await t.signUp();
    for (let i = 0; i < 5; i++) await signIn(email, "wrong wrong wrong");
    expect((await signIn(email, PASSWORD)).statusCode).toBe(423);
    t.advance(LOCKOUT_MS + 1000);
    expect((await signIn(email, PASSWORD)).statusCode).toBe(200);
    // The count starts again from zero: four more failures do not lock.
    for (let i = 0; i < 4; i++) expect((await signIn(email, "wrong again")).statusCode).toBe(401);
    expect((await signIn(email, PASSWORD)).statusCode).toBe(200);
  });

  it("does not count failures that are not consecutive", async () => {
    const { email } = await t.signUp();
    for (let i = 0; i < 3; i++) await signIn(email, "wrong");
    expect((await signIn(email, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signIn(email, "wrong")).statusCode).toBe(401);
  });
});

describe("sessions", () => {
  it("treats a forged or garbage session cookie as anonymous", async () => {
    const forged = `mutuo_session=${"A".repeat(43)}`;
    for (const cookie of [
      forged,
      "mutuo_session=garbage;;",
      "mutuo_session=%00%ff",
      "mutuo_session=",
    ]) {
      const res = await me(cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("sign_in_required");
    }
  });

  it("ends a session unused for 7 days", async () => {
    const { cookie } = await t.signUp();
    t.advance(SESSION_IDLE_MS - 60_000);
    expect((await me(cookie)).statusCode).toBe(200); // used: the idle clock restarts
    t.advance(SESSION_IDLE_MS - 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.advance(SESSION_IDLE_MS + 60_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("ends any session 30 days after sign-in, however much it is used", async () => {
    const { cookie } = await t.signUp();
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 6 * 24 * 3600_000; ) {
      t.advance(6 * 24 * 3600_000);
      elapsed += 6 * 24 * 3600_000;
      expect((await me(cookie)).statusCode).toBe(200);
    }
    t.advance(7 * 24 * 3600_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("sign-out ends this session only", async () => {
    const { email, cookie: phone } = await t.signUp();
    const laptop = sessionCookie(await signIn(email, PASSWORD));
    const res = await t.post("/api/v1/auth/sign-out", undefined, { cookie: phone });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers["set-cookie"])).toMatch(/mutuo_session=;/);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(200);
  });

  it("sign-out without a session is harmless", async () => {
    expect((await t.post("/api/v1/auth/sign-out")).statusCode).toBe(204);
  });

  it("sign-out everywhere ends every session of the person, and is audited", async () => {
    const { email, id, cookie: phone } = await t.signUp();
    const laptop = sessionCookie(await signIn(email, PASSWORD));
    const other = await t.signUp();
    const res = await t.post("/api/v1/auth/sign-out-everywhere", undefined, { cookie: laptop });
    expect(res.statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(other.cookie)).statusCode).toBe(200);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "account.signed_out_everywhere"), eq(auditLog.actorId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toEqual({ sessionsEnded: 2 });
  });

  it("sign-out everywhere needs a session", async () => {
    const res = await t.post("/api/v1/auth/sign-out-everywhere");
    expect(res.statusCode).toBe(401);
  });
});
