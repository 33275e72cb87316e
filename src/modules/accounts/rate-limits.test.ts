import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountsTestApp, accountsTestApp, freshEmail, PASSWORD } from "./testkit";

let t: AccountsTestApp;

beforeAll(async () => {
  // The real limits, unscaled.
  t = await accountsTestApp({ rateLimitScale: "1" });
});

afterAll(async () => {
  await t.app.close();
});

let ipCounter = 0;
/** A fresh client address per use, so one test's budget never spills into another's. */
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function expectTooMany(res: Awaited<ReturnType<AccountsTestApp["post"]>>) {
  expect(res.statusCode).toBe(429);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.json()).toMatchObject({ code: "too_many_requests", status: 429 });
  expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
}

describe("rate limits", () => {
  it("sign-in: 10 a minute per IP, then a translated 429 with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      const res = await t.post(
        "/api/v1/auth/sign-in",
        { email: freshEmail(), password: "x" },
        { ip },
      );
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.post(
      "/api/v1/auth/sign-in",
      { email: freshEmail(), password: "x" },
      { ip, headers: { "accept-language": "es" } },
    );
    expectTooMany(blocked);
    expect(blocked.json().title).toBe("Demasiadas solicitudes");
    expect(Number(blocked.headers["retry-after"])).toBeLessThanOrEqual(60);
    // Another machine is not affected.
    const other = await t.post(
      "/api/v1/auth/sign-in",
      { email: freshEmail(), password: "x" },
      { ip: freshIp() },
    );
    expect(other.statusCode).toBe(401);
  });

  it("sign-in: 5 a minute per email, whatever the IP", async () => {
    const email = freshEmail("target");
    for (let i = 0; i < 5; i++) {
      const res = await t.post("/api/v1/auth/sign-in", { email, password: "x" }, { ip: freshIp() });
      expect(res.statusCode).toBe(401);
    }
    expectTooMany(
      await t.post(
        "/api/v1/auth/sign-in",
        { email: email.toUpperCase(), password: "x" },
        { ip: freshIp() },
      ),
    );
  });

  it("sign-up: 5 an hour per IP", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await t.signUp({ ip });
    const res = await t.post(
      "/api/v1/auth/sign-up",
      { name: "Sixth", email: freshEmail(), password: PASSWORD },
      { ip },
    );
    expectTooMany(res);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(3000);
  });

  it("password reset: 3 an hour per email and 5 an hour per IP", async () => {
    const email = freshEmail();
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.post("/api/v1/auth/password-reset", { email }, { ip: freshIp() })).statusCode,
      ).toBe(202);
    }
    expectTooMany(await t.post("/api/v1/auth/password-reset", { email }, { ip: freshIp() }));

    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.post("/api/v1/auth/password-reset", { email: freshEmail() }, { ip })).statusCode,
      ).toBe(202);
    }
    expectTooMany(await t.post("/api/v1/auth/password-reset", { email: freshEmail() }, { ip }));
  });

  it("sign-in link: 3 an hour per email and 5 an hour per IP", async () => {
    const email = freshEmail();
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.post("/api/v1/auth/sign-in-link", { email }, { ip: freshIp() })).statusCode,
      ).toBe(202);
    }
    expectTooMany(await t.post("/api/v1/auth/sign-in-link", { email }, { ip: freshIp() }));

    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.post("/api/v1/auth/sign-in-link", { email: freshEmail() }, { ip })).statusCode,
      ).toBe(202);
    }
    expectTooMany(await t.post("/api/v1/auth/sign-in-link", { email: freshEmail() }, { ip }));
  });

  it("verification resend: 5 an hour per account, from any IP", async () => {
    const { cookie } = await t.signUp({ ip: freshIp() });
    for (let i = 0; i < 5; i++) {
      const res = await t.post("/api/v1/auth/verify-email/resend", undefined, {
        cookie,
        ip: freshIp(),
      });
      expect(res.statusCode).toBe(202);
    }
    expectTooMany(
      await t.post("/api/v1/auth/verify-email/resend", undefined, { cookie, ip: freshIp() }),
    );
  });

  it("account deletion: 5 password attempts an hour per account", async () => {
    const { cookie } = await t.signUp({ ip: freshIp() });
    for (let i = 0; i < 5; i++) {
      const res = await t.post(
        "/api/v1/me",
        { password: `guess ${i}` },
        { cookie, method: "DELETE" },
      );
      expect(res.statusCode).toBe(403);
    }
    const res = await t.post("/api/v1/me", { password: PASSWORD }, { cookie, method: "DELETE" });
    expectTooMany(res);
    expect((await t.get("/api/v1/me", { cookie })).statusCode).toBe(200);
  });
});
