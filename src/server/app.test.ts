import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestApp, type TestApp } from "../../test/app";
import { anyone, definePolicies } from "./policy";

const testPolicy = definePolicies("test", { open: anyone });

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    beforeReady(app) {
      // Throwaway routes that exercise the shared error plumbing the way module routes will.
      app.post(
        "/api/v1/__test/echo",
        {
          config: { policy: testPolicy.open },
          schema: {
            body: z.strictObject({
              name: z.string().min(2).max(10),
              age: z.number().int().min(0),
              email: z.email().optional(),
              tags: z.array(z.string()).max(2).optional(),
              nickname: z.string().min(1).optional(),
            }),
            querystring: z.strictObject({ page: z.coerce.number().int().min(1).optional() }),
          },
        },
        async (request) => ({ received: request.body }),
      );
      app.get("/api/v1/__test/boom", { config: { policy: testPolicy.open } }, async () => {
        throw new Error("secret internal detail at /srv/app.ts:42");
      });
    },
  });
});

afterAll(async () => {
  await t.app.close();
});

describe("health", () => {
  it("reports the database as reachable", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "ok",
      database: { kind: t.database.kind, ok: true },
    });
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

describe("API basics", () => {
  it("describes the installation at /api/v1/meta", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/meta" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      name: "Mutuo",
      languages: ["en", "es"],
      database: t.database.kind,
    });
    expect(body.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.map.tileUrl).toContain("{z}/{x}/{y}");
  });

  it("serves an OpenAPI 3.1 document generated from the contracts", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/api/v1/meta"]));
    expect(
      doc.paths["/api/v1/meta"].get.responses["200"].content["application/json"].schema.properties,
    ).toHaveProperty("instanceId");
    expect(Object.keys(doc.paths).every((p) => p === "/healthz" || p.startsWith("/api/v1/"))).toBe(
      true,
    );
  });
});

describe("problem details", () => {
  it("answers an unknown API path with a translated 404 problem", async () => {
    const en = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(en.statusCode).toBe(404);
    expect(en.headers["content-type"]).toContain("application/problem+json");
    expect(en.json()).toMatchObject({
      status: 404,
      code: "not_found",
      title: "Not found",
      instance: "/api/v1/nothing-here",
    });

    const es = await t.app.inject({
      method: "GET",
      url: "/api/v1/nothing-here",
      headers: { "accept-language": "es-MX,es;q=0.9" },
    });
    expect(es.json().title).toBe("No encontrado");
  });

  it("prefers the remembered language cookie over Accept-Language", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/nothing-here",
      headers: { "accept-language": "en", cookie: "mutuo_lang=es" },
    });
    expect(res.json().title).toBe("No encontrado");
  });

  it("answers a wrong method on a known path with 405 and Allow", async () => {
    const res = await t.app.inject({ method: "DELETE", url: "/api/v1/meta" });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
    expect(res.json()).toMatchObject({ code: "method_not_allowed", status: 405 });
    expect(res.json().detail).toContain("DELETE");
  });

  it("lists every invalid field with a translated message", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      headers: { "accept-language": "es" },
      payload: { name: "x", email: "not-an-email", tags: ["a", "b", "c"] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("validation_failed");
    expect(body.title).toBe("Algunos campos necesitan atención");
    const byPointer = Object.fromEntries(
      body.errors.map((e: { pointer: string }) => [e.pointer, e]),
    );
    expect(byPointer["#/name"]).toMatchObject({
      code: "too_small",
      detail: "Escriba al menos 2 caracteres.",
    });
    expect(byPointer["#/age"]).toMatchObject({
      code: "required",
      detail: "Este campo es obligatorio.",
    });
    expect(byPointer["#/email"]).toMatchObject({ code: "invalid_format" });
    expect(byPointer["#/tags"]).toMatchObject({ code: "too_big", detail: "Elija como máximo 2." });
  });

  it("calls a value of the wrong type wrong, not missing, in the viewer's words", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      headers: { "accept-language": "es" },
      payload: { name: "Ana", age: "forty", email: "no" },
    });
    expect(res.json().errors).toEqual([
      {
        pointer: "#/age",
        code: "invalid_type",
        detail: "Este valor tiene un tipo incorrecto (se esperaba: un número).",
      },
      {
        pointer: "#/email",
        code: "invalid_format",
        detail: "Este valor no tiene el formato esperado: una dirección de correo electrónico.",
      },
    ]);
  });

  it("calls an empty required text required, not too short", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      payload: { name: "Ana", age: 1, nickname: "" },
    });
    expect(res.json().errors).toEqual([
      { pointer: "#/nickname", code: "required", detail: "This field is required." },
    ]);
  });

  it("refuses unknown JSON fields by name", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      payload: { name: "Ana", age: 30, isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        pointer: "#/isAdmin",
        code: "unrecognized_key",
        detail: "This field is not expected here.",
      },
    ]);
  });

  it("reports query parameters by name", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo?page=0",
      payload: { name: "Ana", age: 30 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ parameter: "page", code: "too_small" });
  });

  it("accepts a valid body", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      payload: { name: "Ana", age: 30 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: { name: "Ana", age: 30 } });
  });

  it("answers malformed and empty JSON with a clear 400", async () => {
    for (const payload of ['{"name": "Ana",', ""]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/__test/echo",
        headers: { "content-type": "application/json" },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "malformed_json", title: "Malformed request" });
    }
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/__test/echo",
      headers: { "content-type": "application/xml" },
      payload: "<a/>",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe("unsupported_media_type");
  });

  it("hides internals of an unexpected failure", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/__test/boom",
      headers: { "accept-language": "es" },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: "internal", title: "Algo salió mal" });
    expect(res.body).not.toContain("secret");
    expect(res.body).not.toContain("app.ts");
  });
});

describe("security headers and request ids", () => {
  it("sends a CSP without inline scripts, and no HSTS over plain HTTP", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("keeps a sane caller request id and replaces an unsafe one", async () => {
    const kept = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "abc-123" },
    });
    expect(kept.headers["x-request-id"]).toBe("abc-123");
    const replaced = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "bad id\nwith newline" },
    });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("compresses larger responses", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/openapi.json",
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.headers["content-encoding"]).toBe("gzip");
  });
});

describe("behind a TLS proxy", () => {
  it("adds HSTS when the request came over HTTPS", async () => {
    const proxied = await createTestApp({ env: { TRUST_PROXY: "true" } });
    try {
      const res = await proxied.app.inject({
        method: "GET",
        url: "/healthz",
        headers: { "x-forwarded-proto": "https" },
      });
      expect(res.headers["strict-transport-security"]).toContain("max-age=31536000");
    } finally {
      await proxied.app.close();
    }
  });
});

describe("when the database is gone", () => {
  it("health answers 503 and API reads answer a translated 503 problem", async () => {
    const broken = await createTestApp();
    await broken.database.close();
    try {
      const health = await broken.app.inject({ method: "GET", url: "/healthz" });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
      const meta = await broken.app.inject({
        method: "GET",
        url: "/api/v1/meta",
        headers: { "accept-language": "es" },
      });
      expect(meta.statusCode).toBe(503);
      expect(meta.json()).toMatchObject({
        code: "database_unavailable",
        title: "Servicio no disponible",
      });
    } finally {
      await broken.app.close();
    }
  });
});
