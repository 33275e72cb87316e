import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import { actionName, describeEntry } from "./auditText";
import type { AuditEntry } from "./types";

const t = i18n.t.bind(i18n);
const entry = (action: string, details: Record<string, unknown> = {}): AuditEntry => ({
  id: "0190c7a4-0000-7000-8000-000000000000",
  action,
  actorName: "Ana",
  targetType: "user",
  targetId: "x",
  targetName: "Luis",
  details,
  createdAt: "2025-03-01T12:00:00.000Z",
});

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("audit log in plain words", () => {
  it("translates known actions and shows unknown ones as their code", async () => {
    expect(actionName(t, "member.role_changed")).toBe("Role changed");
    expect(actionName(t, "something.new")).toBe("something.new");
    await i18n.changeLanguage("es");
    expect(actionName(t, "member.role_changed")).toBe("Rol cambiado");
  });

  it("says who changed whose role, in the roles' own words", async () => {
    await i18n.changeLanguage("es");
    expect(
      describeEntry(t, entry("member.role_changed", { from: "volunteer", to: "coordinator" })),
    ).toBe("Ana cambió el rol de Luis de Voluntario/a a Coordinador/a.");
  });

  it("falls back to who did it when an action is new", () => {
    expect(describeEntry(t, entry("something.new"))).toBe("By Ana, about Luis.");
    expect(describeEntry(t, { ...entry("group.created"), actorName: null })).toBe(
      "Someone created the group.",
    );
  });
});
