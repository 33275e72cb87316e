import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app";

let t: TestApp;
let webDir: string;
const script = `console.log(${JSON.stringify("x".repeat(3000))});`;

beforeAll(async () => {
  // A miniature build output: index.html plus one hashed asset with its pre-compressed copy.
  webDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-web-"));
  mkdirSync(path.join(webDir, "assets"));
  writeFileSync(
    path.join(webDir, "index.html"),
    '<!doctype html><html lang="en"><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(webDir, "assets", "app-abc123.js"), script);
  writeFileSync(path.join(webDir, "assets", "app-abc123.js.gz"), gzipSync(script));
  writeFileSync(path.join(webDir, "robots.txt"), "User-agent: *\n");
  t = await createTestApp({ webDir });
});

afterAll(async () => {
  await t.app.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe("serving the web app", () => {
  it("serves index.html for the home page, never cached", async () => {
    const res = await t.app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body).toContain('<div id="root">');
  });

  it("falls back to index.html for client routes, in the visitor's language", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/groups/some-group?tab=members",
      headers: { cookie: "mutuo_lang=es" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="es"');
    const en = await t.app.inject({
      method: "GET",
      url: "/about",
      headers: { "accept-language": "en-US" },
    });
    expect(en.body).toContain('<html lang="en"');
  });

  it("caches hashed assets for a year and serves the pre-compressed copy", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/assets/app-abc123.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-encoding"]).toBe("gzip");
  });

  it("caches unhashed files briefly", async () => {
    const res = await t.app.inject({ method: "GET", url: "/robots.txt" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=3600");
  });

  it("answers a missing file with a 404 problem, not the app", async () => {
    const res = await t.app.inject({ method: "GET", url: "/assets/missing-999.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("does not answer API paths with HTML", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/unknown",
      headers: { accept: "text/html" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses other methods on client routes with 404", async () => {
    const res = await t.app.inject({ method: "POST", url: "/about", payload: {} });
    expect(res.statusCode).toBe(404);
  });
});

describe("without a built web app", () => {
  it("explains in the visitor's language how to build it", async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.app.inject({
        method: "GET",
        url: "/",
        headers: { "accept-language": "es" },
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("npm run build");
      expect(res.body).toContain('lang="es"');
    } finally {
      await bare.app.close();
    }
  });
});
