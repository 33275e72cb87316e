// Looking up typed addresses with a configurable Nominatim-compatible geocoder, and choosing an
// area (an H3 cell) instead of an exact point when asking for help. The geocoder here is a real
// local HTTP server answering in Nominatim's JSON; the database is the real test database.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { cellToChildren, cellToParent, getResolution, latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, createTestApp, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { networkAdmin } from "../../../test/people";
import { loadConfig } from "../../config";
import { hashPassword } from "../../lib/password";
import { buildApp } from "../../server/app";
import { needs } from "../exchange/schema";
import { ensureInstance } from "../instance/store";
import { createFirstNetwork } from "../setup/store";
import { areaBounds, cellInArea, cellsOfChosenCell, isChoosableCell } from "./model";

// Mexico City's Zócalo, and its resolution-7 cell as a group's area.
const ZOCALO = { lat: 19.4326, lng: -99.1332 };
const AREA_R7 = latLngToCell(ZOCALO.lat, ZOCALO.lng, 7);
const FAR_R8 = latLngToCell(40.4168, -3.7038, 8); // Madrid

type Behaviour = "ok" | "slow" | "html" | "object" | "junk-items" | "error" | "empty" | "hang-up";
let behaviour: Behaviour = "ok";
const seen: { url: URL; headers: IncomingMessage["headers"] }[] = [];
let geocoderServer: Server;
let geocoderUrl: string;

function answer(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  seen.push({ url, headers: req.headers });
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname !== "/search") return json(404, { error: "not found" });
  switch (behaviour) {
    case "slow":
      setTimeout(() => json(200, []), 2000).unref();
      return;
    case "html":
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Rate limited</body></html>");
      return;
    case "object":
      return json(200, { error: "Unable to geocode" });
    case "junk-items":
      return json(200, [{ foo: 1 }, { lat: "north", lon: "west", display_name: "x" }]);
    case "error":
      return json(503, { error: "overloaded" });
    case "empty":
      return json(200, []);
    case "hang-up":
      req.socket.destroy();
      return;
    default:
      return json(200, [
        {
          place_id: 1,
          lat: "19.4326077",
          lon: "-99.133208",
          display_name: "Zócalo, Centro, Cuauhtémoc, Ciudad de México, México",
          category: "place",
          type: "square",
          importance: 0.6,
        },
        {
          place_id: 2,
          lat: "19.4270245",
          lon: "-99.1676652",
          display_name: "Calle 5 de Mayo y Bolívar, Centro, Ciudad de México",
        },
        { place_id: 3, lat: "999", lon: "0", display_name: "Nowhere" },
      ]);
  }
}

let on: TestApp;
let off: TestApp;
let groupWithArea: string;
let groupWithout: string;
let ip = 0;

function lookup(t: TestApp, payload: unknown, headers: Record<string, string> = {}, from?: string) {
  ip += 1;
  return t.app.inject({
    method: "POST",
    url: "/api/v1/geocode",
    payload: payload as Record<string, unknown>,
    headers,
    remoteAddress: from ?? `10.9.${Math.floor(ip / 250)}.${ip % 250}`,
  });
}

beforeAll(async () => {
  geocoderServer = createServer(answer);
  geocoderServer.listen(0, "127.0.0.1");
  await once(geocoderServer, "listening");
  geocoderUrl = `http://127.0.0.1:${(geocoderServer.address() as AddressInfo).port}`;
  on = await createTestApp({
    env: {
      MUTUO_GEOCODER_URL: `${geocoderUrl}/`,
      MUTUO_GEOCODER_USER_AGENT: "Mutuo test (ops@example.org)",
      MUTUO_GEOCODER_EMAIL: "ops@example.org",
      MUTUO_GEOCODER_TIMEOUT_MS: "300",
    },
  });
  off = await createTestApp();
  const admin = await networkAdmin(on);
  const create = async (name: string, area: unknown) => {
    const res = await on.app.inject({
      method: "POST",
      url: `/api/v1/networks/${on.networkId}/groups`,
      headers: admin.headers,
      payload: { name, mode: "mutual_aid", timeZone: "UTC", ...(area ? { area } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  groupWithArea = await create("Centro", { kind: "h3", cells: [AREA_R7] });
  groupWithout = await create("Anywhere", null);
});

afterAll(async () => {
  await on?.app.close();
  await off?.app.close();
  geocoderServer?.close();
});

describe("the instance says whether addresses can be looked up", () => {
  it("is off by default and on with MUTUO_GEOCODER_URL", async () => {
    expect((await off.app.inject({ url: "/api/v1/meta" })).json().geocoder).toBe(false);
    expect((await on.app.inject({ url: "/api/v1/meta" })).json().geocoder).toBe(true);
  });

  it("refuses a geocoder address that is not http(s)", () => {
    expect(() => loadConfig({ MUTUO_GEOCODER_URL: "ftp://example.org" })).toThrow(
      /MUTUO_GEOCODER_URL/,
    );
    expect(loadConfig({ MUTUO_GEOCODER_URL: "off" }).geocoder).toBeUndefined();
    expect(loadConfig({ MUTUO_GEOCODER_URL: "https://n.example.org/" }).geocoder).toMatchObject({
      url: "https://n.example.org",
      timeoutMs: 5000,
    });
  });
});

describe("POST /api/v1/geocode", () => {
  it("answers a translated 501 when no geocoder is configured", async () => {
    const res = await lookup(off, { q: "Main St and 5th Ave" }, { "accept-language": "es" });
    expect(res.statusCode).toBe(501);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "geocoder_off",
      title: "Aquí no se pueden buscar direcciones",
    });
  });

  it("looks up the typed text bounded to the group's area, in the asker's language", async () => {
    behaviour = "ok";
    seen.length = 0;
    const res = await lookup(
      on,
      { q: "  Zócalo y 5 de Mayo ", groupId: groupWithArea },
      { "accept-language": "es-MX,es;q=0.9" },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json()).toEqual([
      {
        label: "Zócalo, Centro, Cuauhtémoc, Ciudad de México, México",
        lat: 19.432608,
        lng: -99.133208,
      },
      {
        label: "Calle 5 de Mayo y Bolívar, Centro, Ciudad de México",
        lat: 19.427025,
        lng: -99.167665,
      },
    ]);
    expect(seen).toHaveLength(1);
    const { url, headers } = seen[0] as (typeof seen)[number];
    expect(url.pathname).toBe("/search");
    expect(url.searchParams.get("format")).toBe("jsonv2");
    expect(url.searchParams.get("q")).toBe("Zócalo y 5 de Mayo");
    expect(url.searchParams.get("limit")).toBe("5");
    expect(url.searchParams.get("accept-language")).toBe("es");
    expect(url.searchParams.get("email")).toBe("ops@example.org");
    expect(url.searchParams.get("bounded")).toBe("1");
    const [west, north, east, south] = (url.searchParams.get("viewbox") ?? "")
      .split(",")
      .map(Number);
    expect(west).toBeLessThan(ZOCALO.lng);
    expect(east).toBeGreaterThan(ZOCALO.lng);
    expect(south).toBeLessThan(ZOCALO.lat);
    expect(north).toBeGreaterThan(ZOCALO.lat);
    expect(headers["user-agent"]).toBe("Mutuo test (ops@example.org)");
  });

  it("searches everywhere for a group without an area, and answers [] when nothing matches", async () => {
    behaviour = "empty";
    seen.length = 0;
    const res = await lookup(on, { q: "Calle Falsa 123", groupId: groupWithout });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
    expect(seen[0]?.url.searchParams.has("viewbox")).toBe(false);
    expect(seen[0]?.url.searchParams.get("accept-language")).toBe("en");
  });

  it("refuses bad input with a translated 400 and an unknown group with 404, asking nobody", async () => {
    seen.length = 0;
    for (const payload of [
      {},
      { q: "" },
      { q: "x" },
      { q: "a".repeat(301) },
      { q: "ok", extra: 1 },
    ]) {
      const res = await lookup(on, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().title).toBeTruthy();
    }
    const unknown = await lookup(on, {
      q: "Main St",
      groupId: "0190f1c2-0000-7000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("group_not_found");
    expect(seen).toHaveLength(0);
  });

  it("answers a translated 504 when the geocoder is too slow", async () => {
    behaviour = "slow";
    const started = Date.now();
    const res = await lookup(on, { q: "Slow street 1" }, { "accept-language": "es" });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ code: "geocoder_timeout" });
    expect(res.json().title).toContain("tardó demasiado");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each([
    ["an HTML page", "html"],
    ["an object instead of a list", "object"],
    ["a list of things that are not places", "junk-items"],
    ["a server error", "error"],
  ] as const)("answers a translated 502 when the geocoder sends %s", async (_name, b) => {
    behaviour = b;
    const res = await lookup(on, { q: "Garbage street 2" });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({
      code: "geocoder_failed",
      title: "The address search is not working",
    });
  });

  it("answers 502 when the geocoder hangs up", async () => {
    behaviour = "hang-up";
    const res = await lookup(on, { q: "Unreachable 3" });
    expect(res.statusCode).toBe(502);
    expect(res.json().code).toBe("geocoder_failed");
  });

  it("limits lookups per address with a translated 429", async () => {
    behaviour = "empty";
    const from = "10.99.0.1";
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push((await lookup(on, { q: `Street ${i}` }, {}, from)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 200)).toBe(true);
    expect(codes[20]).toBe(429);
    expect((await lookup(on, { q: "Street again" })).statusCode).toBe(200);
  });
});

describe("the typed address never reaches the logs", () => {
  it("keeps the query out of request and error logs, on success and on failure", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await createTestDatabase();
    await ensureInstance(database.db);
    await createFirstNetwork(database.db, {
      networkName: "Logs",
      defaultLanguage: "en",
      timeZone: "UTC",
      adminName: ADMIN.name,
      adminEmail: ADMIN.email,
      passwordHash: await hashPassword(ADMIN.password),
    });
    const app = await buildApp({
      config: loadConfig({
        MUTUO_DATA_DIR: "/nonexistent",
        MUTUO_GEOCODER_URL: geocoderUrl,
        MUTUO_GEOCODER_TIMEOUT_MS: "300",
      }),
      database,
      logger: { level: "trace", stream },
    });
    try {
      const secret = "Calle Secreta 742 depto 3";
      for (const b of ["ok", "html", "slow"] as const) {
        behaviour = b;
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/geocode",
          payload: { q: secret },
        });
        expect([200, 502, 504]).toContain(res.statusCode);
      }
      const log = lines.join("");
      expect(log).toContain("/api/v1/geocode");
      expect(log).toContain("geocoder lookup failed");
      expect(log).not.toContain("Secreta");
      expect(log).not.toContain(encodeURIComponent("Secreta"));
    } finally {
      await app.close();
    }
  });
});

describe("choosing an area instead of an exact point when asking for help", () => {
  const ask = (groupId: string, location: unknown, headers: Record<string, string> = {}) => {
    ip += 1;
    return on.app.inject({
      method: "POST",
      url: `/api/v1/groups/${groupId}/needs`,
      headers,
      remoteAddress: `10.8.${Math.floor(ip / 250)}.${ip % 250}`,
      payload: {
        category: "groceries",
        description: "Food for two",
        contact: { channel: "none" },
        location,
      },
    });
  };
  const stored = async (id: string) =>
    (await on.database.db.select().from(needs).where(eq(needs.id, id)))[0];

  it("stores a resolution-8 cell as the public place, with no exact point", async () => {
    const cell = latLngToCell(ZOCALO.lat, ZOCALO.lng, 8);
    const res = await ask(groupWithArea, { cell: cell.toUpperCase(), text: "Zócalo, by the flag" });
    expect(res.statusCode).toBe(201);
    const need = await stored(res.json().id);
    expect(need).toMatchObject({
      h3r7: AREA_R7,
      h3r8: cell,
      h3r9: null,
      lat: null,
      lng: null,
      locationText: "Zócalo, by the flag",
    });
  });

  it("stores a resolution-9 cell with its parents", async () => {
    const cell = latLngToCell(ZOCALO.lat, ZOCALO.lng, 9);
    const res = await ask(groupWithout, { cell });
    expect(res.statusCode).toBe(201);
    expect(await stored(res.json().id)).toMatchObject({
      h3r7: cellToParent(cell, 7),
      h3r8: cellToParent(cell, 8),
      h3r9: cell,
      lat: null,
    });
  });

  it("refuses a cell outside the group's area with a translated 422, and stores nothing", async () => {
    const before = (await on.database.db.select().from(needs)).length;
    const res = await ask(groupWithArea, { cell: FAR_R8 }, { "accept-language": "es" });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "geocoder_cell_outside_area",
      title: "Esa zona está fuera del área del grupo",
    });
    expect((await on.database.db.select().from(needs)).length).toBe(before);
  });

  it("refuses malformed cells, wrong resolutions and a cell with a point (400, translated)", async () => {
    const r7 = AREA_R7;
    const r10 = cellToChildren(latLngToCell(ZOCALO.lat, ZOCALO.lng, 9), 10)[0] as string;
    expect(getResolution(r10)).toBe(10);
    for (const location of [
      { cell: "not-a-cell" },
      { cell: "fffffffffffffff" },
      { cell: "8".repeat(30) },
      { cell: r7 },
      { cell: r10 },
      { cell: latLngToCell(ZOCALO.lat, ZOCALO.lng, 8), ...ZOCALO },
    ]) {
      const res = await ask(groupWithArea, location);
      expect(res.statusCode, JSON.stringify(location)).toBe(400);
      const field = res.json().errors?.[0];
      expect(field?.pointer).toMatch(/^#\/location/);
      expect(field?.detail).toBeTruthy();
      expect(field?.detail).not.toMatch(/^field\./);
    }
  });
});

describe("place rules", () => {
  it("bounds an area, widened a little", () => {
    const b = areaBounds({
      kind: "polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
    expect(b).toMatchObject({ west: -0.1, south: -0.1, east: 1.1, north: 1.1 });
    expect(areaBounds(null)).toBeNull();
  });

  it("knows which cells lie in an area", () => {
    const r8 = latLngToCell(ZOCALO.lat, ZOCALO.lng, 8);
    expect(cellInArea(r8, { kind: "h3", cells: [AREA_R7] })).toBe(true);
    expect(cellInArea(FAR_R8, { kind: "h3", cells: [AREA_R7] })).toBe(false);
    // An area of finer cells takes the coarser cell that holds one of them.
    const r9 = latLngToCell(ZOCALO.lat, ZOCALO.lng, 9);
    expect(cellInArea(r8, { kind: "h3", cells: [r9] })).toBe(true);
    const square = (lat: number, lng: number, d: number) => ({
      kind: "polygon" as const,
      coordinates: [
        [
          [lng - d, lat - d],
          [lng + d, lat - d],
          [lng + d, lat + d],
          [lng - d, lat + d],
          [lng - d, lat - d],
        ] as [number, number][],
      ],
    });
    expect(cellInArea(r8, square(ZOCALO.lat, ZOCALO.lng, 0.01))).toBe(true);
    expect(cellInArea(FAR_R8, square(ZOCALO.lat, ZOCALO.lng, 0.01))).toBe(false);
    expect(cellInArea(FAR_R8, null)).toBe(true);
    expect(isChoosableCell(r8)).toBe(true);
    expect(isChoosableCell(AREA_R7)).toBe(false);
    expect(isChoosableCell("zzz")).toBe(false);
    expect(cellsOfChosenCell(r9)).toEqual({ h3r7: AREA_R7, h3r8: r8, h3r9: r9 });
  });
});
