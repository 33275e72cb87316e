import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app";
import { createPerson } from "../../test/people";
import { newToken } from "../lib/tokens";
import { users } from "../modules/accounts/schema";
import { SESSION_COOKIE } from "./auth";

let t: TestApp;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.app.close();
});

const mine = (cookie?: string, extra: Record<string, string> = {}) =>
  t.app.inject({
    method: "GET",
    url: "/api/v1/me/memberships",
    headers: { ...(cookie ? { cookie } : {}), ...extra },
  });

describe("sessions", () => {
  it("a real session cookie signs the person in", async () => {
    const person = await createPerson(t);
    expect((await mine(person.cookie)).statusCode).toBe(200);
  });

  it("a forged or malformed session cookie is treated as nobody, in the visitor's language", async () => {
    for (const value of [newToken(), "garbage", "x".repeat(5000), "'; drop table users; --"]) {
      const res = await mine(`${SESSION_COOKIE}=${encodeURIComponent(value)}`, {
        "accept-language": "es",
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "sign_in_required", title: "Inicie sesión" });
    }
  });

  it("ends after a week without use, but not while the person keeps using it", async () => {
    const person = await createPerson(t);
    try {
      for (let day = 0; day < 3; day++) {
        t.advance(5 * DAY);
        expect((await mine(person.cookie)).statusCode).toBe(200);
      }
      t.advance(8 * DAY);
      expect((await mine(person.cookie)).statusCode).toBe(401);
    } finally {
      t.advance(-23 * DAY);
    }
  });

  it("ends after 30 days however much it is used", async () => {
    const person = await createPerson(t);
    try {
      for (let day = 0; day < 5; day++) {
        t.advance(5 * DAY);
        expect((await mine(person.cookie)).statusCode).toBe(200);
      }
      t.advance(6 * DAY);
      expect((await mine(person.cookie)).statusCode).toBe(401);
    } finally {
      t.advance(-31 * DAY);
    }
  });

  it("stops working when the account is deleted", async () => {
    const person = await createPerson(t);
    await t.database.db.update(users).set({ deletedAt: t.now() }).where(eq(users.id, person.id));
    expect((await mine(person.cookie)).statusCode).toBe(401);
  });
});

describe("requests from other websites", () => {
  it("a cross-site POST is refused and changes nothing, even with a valid session", async () => {
    const person = await createPerson(t);
    const groups = (await t.app.inject({ method: "GET", url: "/api/v1/groups" })).json().groups;
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: { ...person.headers, origin: "https://evil.example", "accept-language": "es" },
      payload: { name: "Evil", mode: "mutual_aid", timeZone: "UTC" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: "cross_origin", title: "Solicitud rechazada" });
    const referer = await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: { ...person.headers, referer: "https://evil.example/page" },
      payload: {},
    });
    expect(referer.statusCode).toBe(403);
    const sandboxed = await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: { ...person.headers, origin: "null" },
      payload: {},
    });
    expect(sandboxed.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/groups" })).json().groups).toEqual(
      groups,
    );
  });

  it("the same request from this site goes through to the policy", async () => {
    const person = await createPerson(t);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: { ...person.headers, origin: "http://localhost:80", host: "localhost:80" },
      payload: { name: "Fine", mode: "mutual_aid", timeZone: "UTC" },
    });
    // Not cross-origin; refused only because this person is not a network admin.
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("forbidden");
  });
});
