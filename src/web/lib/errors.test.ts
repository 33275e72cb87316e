import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import { ProblemError, toProblem } from "./api";
import { clientErrors, describeError, fieldMessage } from "./errors";

const t = i18n.t.bind(i18n);

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("describeError", () => {
  it("uses the server's translated words when it sent a Mutuo problem", () => {
    const error = new ProblemError(
      toProblem(
        {
          code: "forbidden",
          title: "No permitido",
          detail: "Su cuenta no puede hacer esto.",
          status: 403,
        },
        403,
      ),
    );
    expect(describeError(error, t)).toMatchObject({
      title: "No permitido",
      detail: "Su cuenta no puede hacer esto.",
      status: 403,
      code: "forbidden",
    });
  });

  it("describes a proxy's error page in the reader's language, never its English status", async () => {
    await i18n.changeLanguage("es");
    const error = new ProblemError(toProblem(undefined, 502, "Bad Gateway"));
    const view = describeError(error, t);
    expect(view.title).toBe(i18n.t("common.errors.server.title"));
    expect(view.title).not.toContain("Bad Gateway");
    expect(view.title).toMatch(/salió mal/);
  });

  it("says the connection failed when fetch could not reach the server", () => {
    const view = describeError(new TypeError("Failed to fetch"), t);
    expect(view.title).toBe(i18n.t("common.errors.network.title"));
  });

  it("never shows an unexpected error's message", () => {
    const view = describeError(new Error("Cannot read properties of undefined (reading 'x')"), t);
    expect(view.title).toBe(i18n.t("common.errors.unexpected.title"));
    expect(JSON.stringify(view)).not.toContain("Cannot read");
  });
});

describe("field messages", () => {
  it("finds the server's message for a field and the form's own checks", () => {
    const server = describeError(
      new ProblemError(
        toProblem(
          {
            code: "validation_failed",
            title: "x",
            errors: [
              { pointer: "#/settings/retentionDays", code: "too_small", detail: "Too small." },
            ],
          },
          400,
        ),
      ),
      t,
    );
    expect(fieldMessage(server, "settings.retentionDays")).toBe("Too small.");
    const own = clientErrors(t, [{ field: "maxUses", detail: "Whole number." }]);
    expect(fieldMessage(own, "maxUses")).toBe("Whole number.");
    expect(clientErrors(t, [])).toBeNull();
  });
});
