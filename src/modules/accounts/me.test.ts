import { and, eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "../../../test/app";
import { hashToken } from "../../lib/tokens";
import { auditLog } from "../audit/schema";
import { recordAudit, recordReveals } from "../audit/store";
import { groups, memberships, networkRoles } from "../groups/schema";
import { emailTokens, sessions, users } from "./schema";
import {
  type AccountsTestApp,
  accountsTestApp,
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
const patchMe = (cookie: string, body: unknown) =>
  t.post("/api/v1/me", body, { cookie, method: "PATCH" });
const deleteMe = (cookie: string, body: unknown) =>
  t.post("/api/v1/me", body, { cookie, method: "DELETE" });

async function newGroup(name: string): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(groups).values({
    id,
    networkId: t.networkId,
    slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${id.slice(-6)}`,
    name,
    mode: "mutual_aid",
    timeZone: "America/Los_Angeles",
  });
  return id;
}

async function join(groupId: string, userId: string, role: "member" | "admin" = "member") {
  await t.database.db.insert(memberships).values({ groupId, userId, role, status: "active" });
}

describe("GET /me", () => {
  it("needs a session", async () => {
    const res = await me(undefined);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("sign_in_required");
  });

  it("shows exactly the person's own profile fields, never cached", async () => {
    const { cookie } = await t.signUp();
    const res = await me(cookie);
    expect(Object.keys(res.json()).sort()).toEqual(
      [
        "contactPreferences",
        "createdAt",
        "email",
        "emailVerified",
        "id",
        "languages",
        "name",
        "phone",
      ].sort(),
    );
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

describe("PATCH /me", () => {
  it("changes name, phone, languages and contact preferences", async () => {
    const { cookie } = await t.signUp();
    const res = await patchMe(cookie, {
      name: "María José",
      phone: "+52 55 1234 5678",
      languages: ["es", "en"],
      contactPreferences: {
        channels: ["sms", "email"],
        shareEmailWithMembers: false,
        sharePhoneWithMembers: true,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: "María José",
      phone: "+52 55 1234 5678",
      languages: ["es", "en"],
      contactPreferences: { channels: ["sms", "email"], sharePhoneWithMembers: true },
    });
    expect((await me(cookie)).json().name).toBe("María José");
  });

  it("refuses text messages without a phone, at the field that caused it", async () => {
    const { cookie } = await t.signUp();
    const prefs = { channels: ["sms"], shareEmailWithMembers: false, sharePhoneWithMembers: false };
    const res = await patchMe(cookie, { contactPreferences: prefs });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ pointer: "#/contactPreferences/channels", code: "phone_required" }),
    ]);

    await patchMe(cookie, { phone: "555 123 4567", contactPreferences: prefs });
    const removing = await patchMe(cookie, { phone: null });
    expect(removing.statusCode).toBe(400);
    expect(removing.json().errors).toEqual([expect.objectContaining({ pointer: "#/phone" })]);
  });

  it("refuses an email change, unknown fields, repeated languages and overlong names", async () => {
    const { cookie, email } = await t.signUp();
    const res = await patchMe(cookie, {
      email: "new@example.org",
      languages: ["en", "en"],
      name: "n".repeat(121),
    });
    expect(res.statusCode).toBe(400);
    const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["#/email", "#/languages", "#/name"]);
    expect((await me(cookie)).json().email).toBe(email);
  });

  it("needs a session, before looking at the body", async () => {
    const res = await t.post("/api/v1/me", { nonsense: true }, { method: "PATCH" });
    expect(res.statusCode).toBe(401);
  });
});

describe("GET /me/export", () => {
  it("downloads everything held about the person, without hashes or session ids", async () => {
    const { cookie, id, email } = await t.signUp({ name: "Export Me" });
    await t.post("/api/v1/auth/sign-in-link", { email });
    const link = await t.mailbox.next(email, PAGES.signIn);
    const groupId = await newGroup("Export Group");
    await join(groupId, id);
    await recordAudit(t.database.db, {
      groupId,
      actorId: id,
      action: "group.updated",
      targetType: "group",
      targetId: groupId,
    });
    await recordReveals(t.database.db, [
      {
        viewerId: t.adminId,
        subjectUserId: id,
        subjectType: "user",
        subjectId: id,
        field: "phone",
        reason: "coordinator",
        groupId,
      },
    ]);

    const res = await t.get("/api/v1/me/export", { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mutuo-my-data.json"');
    const data = res.json();
    expect(Object.keys(data).sort()).toEqual(
      [
        "auditEntries",
        "emailLinks",
        "exportedAt",
        "format",
        "memberships",
        "networkRoles",
        "profile",
        "reveals",
        "sessions",
      ].sort(),
    );
    expect(data.profile).toMatchObject({ id, email, name: "Export Me", hasPassword: true });
    expect(data.sessions).toEqual([expect.objectContaining({ current: true })]);
    expect(data.emailLinks.map((l: { purpose: string }) => l.purpose).sort()).toEqual([
      "sign_in",
      "verify_email",
    ]);
    expect(data.memberships).toEqual([
      expect.objectContaining({ groupId, groupName: "Export Group", role: "member" }),
    ]);
    expect(data.networkRoles).toEqual([]);
    expect(data.auditEntries).toEqual([
      expect.objectContaining({ action: "group.updated", byMe: true, groupId }),
    ]);
    expect(data.reveals).toEqual([
      expect.objectContaining({ direction: "about_me", viewerId: t.adminId, field: "phone" }),
    ]);

    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    const sessionIds = await t.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, id));
    const text = res.body;
    expect(text).not.toContain(row?.passwordHash ?? "no hash?");
    expect(text).not.toContain("argon2");
    expect(text).not.toContain(hashToken(tokenIn(link)));
    expect(text).not.toContain(tokenIn(link));
    for (const s of sessionIds) expect(text).not.toContain(s.id);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it("includes network roles", async () => {
    const cookie = sessionCookie(
      await t.post("/api/v1/auth/sign-in", { email: ADMIN.email, password: ADMIN.password }),
    );
    const data = (await t.get("/api/v1/me/export", { cookie })).json();
    expect(data.networkRoles).toEqual([
      expect.objectContaining({ networkId: t.networkId, role: "admin" }),
    ]);
    expect(data.auditEntries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "network.setup", byMe: true })]),
    );
  });

  it("needs a session", async () => {
    expect((await t.get("/api/v1/me/export")).statusCode).toBe(401);
  });
});

describe("DELETE /me", () => {
  it("erases personal data, keeps the row pseudonymised, and signs out", async () => {
    const { cookie, id, email } = await t.signUp({ name: "Leaving Person" });
    await patchMe(cookie, { phone: "555 987 6543" });
    const groupId = await newGroup("Left Group");
    await join(groupId, id);
    const laptop = sessionCookie(
      await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD }),
    );

    const res = await deleteMe(cookie, { password: PASSWORD });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers["set-cookie"])).toMatch(/mutuo_session=;/);

    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row).toBeDefined();
    expect(row?.name).toMatch(/^Deleted member [0-9a-f]{6}$/);
    expect(row).toMatchObject({
      email: null,
      phone: null,
      passwordHash: null,
      emailVerifiedAt: null,
      languages: [],
    });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const db = t.database.db;
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
    expect(await db.select().from(emailTokens).where(eq(emailTokens.userId, id))).toEqual([]);
    expect(await db.select().from(memberships).where(eq(memberships.userId, id))).toEqual([]);
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "account.deleted"), eq(auditLog.targetId, id)));
    expect(audited).toEqual([
      expect.objectContaining({ actorId: id, groupId: null, networkId: null }),
    ]);
    expect(JSON.stringify(audited)).not.toContain("Leaving Person");

    expect((await me(cookie)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(401);
    const again = await t.post("/api/v1/auth/sign-in", { email, password: PASSWORD });
    expect(again.statusCode).toBe(401);
    // The address is free again.
    expect((await t.signUp({ email })).id).not.toBe(id);
  });

  it("refuses a wrong password and changes nothing", async () => {
    const { cookie } = await t.signUp();
    const res = await deleteMe(cookie, { password: "this is not it" });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("password_incorrect");
    expect((await me(cookie)).statusCode).toBe(200);
    const missing = await deleteMe(cookie, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ pointer: "#/password" })]);
  });

  it("asks for the word DELETE when the account has no password", async () => {
    const { cookie, id } = await t.signUp();
    await t.database.db.update(users).set({ passwordHash: null }).where(eq(users.id, id));
    const refused = await deleteMe(cookie, { confirmation: "yes" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: "confirmation_required" });
    expect(refused.json().detail).toContain("DELETE");
    expect((await deleteMe(cookie, { confirmation: "DELETE" })).statusCode).toBe(204);
  });

  it("refuses the last admin of a group until someone else is admin", async () => {
    const owner = await t.signUp();
    const groupId = await newGroup("Only Admin Group");
    await join(groupId, owner.id, "admin");
    const res = await deleteMe(owner.cookie, { password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "last_admin", groupIds: [groupId], networkIds: [] });
    expect((await me(owner.cookie)).statusCode).toBe(200);

    const helper = await t.signUp();
    await join(groupId, helper.id, "admin");
    expect((await deleteMe(owner.cookie, { password: PASSWORD })).statusCode).toBe(204);
  });

  it("lets only one of a group's two admins leave when both delete at once", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    if (!a || !b) throw new Error("sign-up failed");
    const groupId = await newGroup("Two Admins Group");
    await join(groupId, a.id, "admin");
    await join(groupId, b.id, "admin");
    const results = await Promise.all([
      deleteMe(a.cookie, { password: PASSWORD }),
      deleteMe(b.cookie, { password: PASSWORD }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    const admins = await t.database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "admin")));
    expect(admins).toHaveLength(1);
  });

  it("refuses the network's last administrator", async () => {
    const cookie = sessionCookie(
      await t.post("/api/v1/auth/sign-in", { email: ADMIN.email, password: ADMIN.password }),
    ) as string;
    const res = await deleteMe(cookie, { password: ADMIN.password });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "last_admin", networkIds: [t.networkId] });
    const [admin] = await t.database.db
      .select()
      .from(networkRoles)
      .where(eq(networkRoles.userId, t.adminId));
    expect(admin?.role).toBe("admin");
  });

  it("needs a session", async () => {
    const res = await t.post("/api/v1/me", { password: "x" }, { method: "DELETE" });
    expect(res.statusCode).toBe(401);
  });
});

describe("API description", () => {
  it("documents every accounts route in the OpenAPI document", async () => {
    const doc = (await t.get("/api/openapi.json")).json();
    for (const path of [
      "/api/v1/auth/sign-up",
      "/api/v1/auth/sign-in",
      "/api/v1/auth/sign-in-link",
      "/api/v1/auth/sign-in-link/consume",
      "/api/v1/auth/verify-email",
      "/api/v1/auth/verify-email/resend",
      "/api/v1/auth/password-reset",
      "/api/v1/auth/password-reset/complete",
      "/api/v1/auth/unlock",
      "/api/v1/auth/sign-out",
      "/api/v1/auth/sign-out-everywhere",
      "/api/v1/me",
      "/api/v1/me/export",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
