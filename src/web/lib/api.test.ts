import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../i18n";
import { apiFetch, fieldPath, isProblemError, ProblemError, toProblem } from "./api";

function respond(body: string, status: number, contentType?: string) {
  const headers = contentType ? { "Content-Type": contentType } : undefined;
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    return new Response(body === "" ? null : body, { status, headers });
  });
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage("en");
});

describe("apiFetch", () => {
  it("asks for JSON in the current language and returns the parsed body", async () => {
    const fetchMock = respond('{"version":"0.1.0"}', 200, "application/json; charset=utf-8");
    vi.stubGlobal("fetch", fetchMock);
    await i18n.changeLanguage("es");

    await expect(apiFetch("/api/v1/meta")).resolves.toEqual({ version: "0.1.0" });
    const headers = new Headers(fetchMock.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Accept")).toBe("application/json");
    expect(headers.get("Accept-Language")).toBe("es");
  });

  it("sends a json option as a JSON body", async () => {
    const fetchMock = respond("", 204);
    vi.stubGlobal("fetch", fetchMock);

    await expect(apiFetch("/api/v1/x", { method: "POST", json: { a: 1 } })).resolves.toBe(
      undefined,
    );
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe('{"a":1}');
    expect(new Headers(init?.headers).get("Content-Type")).toBe("application/json");
  });

  it("turns a problem+json answer into a ProblemError with its field errors", async () => {
    const problem = {
      type: "https://mutuo.example/problems/validation_failed",
      title: "Algunos campos necesitan atención",
      status: 400,
      detail: "Corrija los campos indicados e inténtelo de nuevo.",
      code: "validation_failed",
      errors: [{ pointer: "/email", code: "required", detail: "Este campo es obligatorio." }],
    };
    vi.stubGlobal("fetch", respond(JSON.stringify(problem), 400, "application/problem+json"));

    const error = await apiFetch("/api/v1/x").catch((caught: unknown) => caught);
    expect(isProblemError(error)).toBe(true);
    const problemError = error as ProblemError;
    expect(problemError.status).toBe(400);
    expect(problemError.code).toBe("validation_failed");
    expect(problemError.fieldError("/email")?.detail).toBe("Este campo es obligatorio.");
    expect(problemError.message).toContain("Algunos campos necesitan atención");
  });

  it("still gives a ProblemError when a proxy answers with HTML", async () => {
    vi.stubGlobal("fetch", respond("<h1>Bad gateway</h1>", 502, "text/html"));

    const error = await apiFetch("/api/v1/meta").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({ status: 502, errors: [] });
  });

  it("rejects a successful answer that is not JSON", async () => {
    vi.stubGlobal("fetch", respond("<!doctype html>", 200, "text/html"));
    await expect(apiFetch("/api/v1/meta")).rejects.toThrow(TypeError);
  });
});

describe("toProblem", () => {
  it("fills what a malformed body leaves out", () => {
    expect(toProblem({ errors: [{ pointer: 3 }, "x"] }, 500, "Internal Server Error")).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: undefined,
      code: undefined,
      instance: undefined,
      errors: [{ pointer: "", code: "invalid", detail: "" }],
    });
  });
});

describe("ProblemError.fieldError", () => {
  const error = new ProblemError(
    toProblem(
      {
        code: "validation_failed",
        title: "Some fields need attention",
        errors: [
          { pointer: "#/email", code: "invalid_format", detail: "Not an email." },
          { pointer: "#/contactPreferences/channels/1", code: "invalid_value", detail: "Unknown." },
          { pointer: "#/a~1b", code: "invalid", detail: "Slash." },
          { parameter: "page", code: "too_big", detail: "Too far." },
        ],
      },
      400,
    ),
  );

  it("finds a body field by name or by either form of pointer", () => {
    for (const field of ["email", "/email", "#/email"]) {
      expect(error.fieldError(field)?.detail).toBe("Not an email.");
    }
  });

  it("gives a field the errors inside it, by dotted name or pointer", () => {
    expect(error.fieldError("contactPreferences.channels")?.detail).toBe("Unknown.");
    expect(error.fieldError("#/contactPreferences/channels")?.detail).toBe("Unknown.");
    expect(error.fieldError("contactPreferences.channel")).toBeUndefined();
  });

  it("finds query parameters by name and unescapes pointer segments", () => {
    expect(error.fieldError("page")?.detail).toBe("Too far.");
    expect(error.fieldError("#/a~1b")?.detail).toBe("Slash.");
    expect(fieldPath("#/a~1b/c~0d")).toBe("a/b/c~d");
  });

  it("keeps a problem's extension members", () => {
    const problem = toProblem({ code: "last_admin", title: "x", groupIds: ["g1"] }, 409);
    expect(problem.extensions).toEqual({ groupIds: ["g1"] });
  });
});
