import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "./schema";
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

const countUsers = async () => {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n);
};

describe("sign-up", () => {
  it("creates the account, signs in, and the emailed link verifies the address", async () => {
    const email = freshEmail("ana");
    const res = await t.post("/api/v1/auth/sign-up", {
      name: "  Ana Pérez ",
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      phone: "+1 (555) 123-4567",
    });
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me).toMatchObject({
      name: "Ana Pérez",
      email,
      emailVerified: false,
      phone: "+1 (555) 123-4567",
      languages: ["en"],
    });
    expect(me).not.toHaveProperty("passwordHash");
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const mail = await t.mailbox.next(email, PAGES.verify);
    expect(mail.subject).toBe("Confirm your email address for Mutuo");
    expect(mail.text).toContain(`${t.app.config.publicUrl}/verify-email#token=`);
    expect(mail.html).toContain("<a href=");

    const verified = await t.post("/api/v1/auth/verify-email", { token: tokenIn(mail) });
    expect(verified.statusCode).toBe(204);
    const after = await t.get("/api/v1/me", { cookie });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ email, emailVerified: true });

    // The link worked once; a second use is refused.
    const again = await t.post("/api/v1/auth/verify-email", { token: tokenIn(mail) });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe("link_invalid");
  });

  it("writes the verification email in the person's language", async () => {
    const email = freshEmail("lucia");
    const res = await t.post("/api/v1/auth/sign-up", {
      name: "Lucía",
      email,
      password: PASSWORD,
      language: "es",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().languages).toEqual(["es"]);
    const mail = await t.mailbox.next(email, PAGES.verify);
    expect(mail.subject).toBe("Confirme su correo electrónico en Mutuo");
    expect(mail.text).toContain("Hola, Lucía:");
  });

  it("refuses a filled-in honeypot and creates nothing", async () => {
    const before = await countUsers();
    const email = freshEmail("bot");
    const res = await t.post(
      "/api/v1/auth/sign-up",
      { name: "Bot", email, password: PASSWORD, website: "http://spam.example" },
      { headers: { "accept-language": "es" } },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "spam_suspected", title: "Solicitud rechazada" });
    expect(sessionCookie(res)).toBeUndefined();
    expect(await countUsers()).toBe(before);
    expect(t.mailbox.pending(email)).toEqual([]);
  });

  it("accepts an empty honeypot", async () => {
    const res = await t.post("/api/v1/auth/sign-up", {
      name: "Real Person",
      email: freshEmail(),
      password: PASSWORD,
      website: "",
    });
    expect(res.statusCode).toBe(201);
  });

  it("answers a taken email (in any case) with a translated 409", async () => {
    const { email } = await t.signUp();
    const before = await countUsers();
    const res = await t.post(
      "/api/v1/auth/sign-up",
      { name: "Someone Else", email: email.toUpperCase(), password: PASSWORD },
      { headers: { "accept-language": "es-MX" } },
    );
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "email_taken",
      title: "Este correo ya está registrado",
    });
    expect(sessionCookie(res)).toBeUndefined();
    expect(await countUsers()).toBe(before);
  });

  it("lets exactly one of several simultaneous sign-ups with one email through", async () => {
    const email = freshEmail("race");
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.post("/api/v1/auth/sign-up", { name: `Racer ${i}`, email, password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it("lists each bad field (overlong, invalid email, short password, unknown) and creates nothing", async () => {
    const before = await countUsers();
    const res = await t.post("/api/v1/auth/sign-up", {
      name: "x".repeat(121),
      email: "not-an-email",
      password: "short",
      phone: "call me maybe",
      role: "admin",
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("validation_failed");
    const byPointer = Object.fromEntries(
      (body.errors as { pointer: string; code: string; detail: string }[]).map((e) => [
        e.pointer,
        e,
      ]),
    );
    expect(byPointer["#/name"]).toMatchObject({ code: "too_big" });
    expect(byPointer["#/email"]).toMatchObject({ code: "invalid_format" });
    expect(byPointer["#/password"]).toMatchObject({ code: "too_small" });
    expect(byPointer["#/phone"]).toMatchObject({ code: "invalid_phone" });
    expect(byPointer["#/phone"]?.detail).toContain("6 to 15 digits");
    expect(byPointer["#/role"]).toMatchObject({ code: "unrecognized_key" });
    expect(await countUsers()).toBe(before);
  });

  it("refuses an overlong email and password", async () => {
    const res = await t.post("/api/v1/auth/sign-up", {
      name: "Long",
      email: `${"a".repeat(250)}@example.org`,
      password: "p".repeat(201),
    });
    expect(res.statusCode).toBe(400);
    const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["#/email", "#/password"]));
  });

  it("stores an argon2id hash, never the password", async () => {
    const { id } = await t.signUp();
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it("refuses a cross-site sign-up", async () => {
    const res = await t.post(
      "/api/v1/auth/sign-up",
      { name: "Evil", email: freshEmail(), password: PASSWORD },
      { headers: { origin: "https://evil.example" } },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("cross_origin");
  });
});
