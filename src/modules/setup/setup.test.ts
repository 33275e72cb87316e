import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { isSetUp } from "./store";

let t: TestApp;

const valid = {
  networkName: "Red de Ayuda Mutua de San Mateo",
  defaultLanguage: "es",
  timeZone: "America/Los_Angeles",
  adminName: "Rosa Admin",
  adminEmail: "Rosa@Example.org",
  adminPassword: "a long enough password",
};

beforeAll(async () => {
  t = await createTestApp({ fresh: true });
});
afterAll(async () => {
  await t.app.close();
});

describe("first-run setup", () => {
  it("is required on an empty database, and every other write is refused until it is done", async () => {
    const status = await t.app.inject({ method: "GET", url: "/api/v1/setup" });
    expect(status.json()).toEqual({ required: true });
    const write = await t.app.inject({
      method: "POST",
      url: "/api/v1/groups/0190f1c2-0000-7000-8000-000000000000/join",
      headers: { "accept-language": "es" },
    });
    expect(write.statusCode).toBe(409);
    expect(write.json()).toMatchObject({
      code: "setup_required",
      title: "Falta la configuración inicial",
    });
    // Reads still work.
    expect((await t.app.inject({ method: "GET", url: "/api/v1/groups" })).statusCode).toBe(200);
  });

  it("refuses bad input field by field and creates nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: {
        ...valid,
        adminEmail: "not-an-email",
        adminPassword: "short",
        timeZone: "Nowhere/Land",
        defaultLanguage: "fr",
      },
    });
    expect(res.statusCode).toBe(400);
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual([
      "#/adminEmail",
      "#/adminPassword",
      "#/defaultLanguage",
      "#/timeZone",
    ]);
    expect(await isSetUp(t.database.db)).toBe(false);
  });

  it("creates the network and its administrator, signs them in, and happens only once", async () => {
    const [first, second] = await Promise.all([
      t.app.inject({ method: "POST", url: "/api/v1/setup", payload: valid }),
      t.app.inject({
        method: "POST",
        url: "/api/v1/setup",
        payload: { ...valid, networkName: "Another" },
      }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = first.statusCode === 201 ? first : second;
    const cookie = winner.cookies.find((c) => c.name === "mutuo_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    const networks = await t.app.inject({
      method: "GET",
      url: "/api/v1/networks",
      headers: { cookie: `mutuo_session=${cookie?.value}` },
    });
    expect(networks.json().networks).toEqual([
      expect.objectContaining({
        name: winner === first ? valid.networkName : "Another",
        defaultLanguage: "es",
        viewerRoles: ["admin"],
      }),
    ]);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({
      required: false,
    });
    const again = await t.app.inject({ method: "POST", url: "/api/v1/setup", payload: valid });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("setup_done");
  });
});
