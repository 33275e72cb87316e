import { describe, expect, it } from "vitest";
import {
  changedFields,
  currentOverrides,
  grantableRoles,
  invalidSettings,
  MODE_DEFAULTS,
  settingsFormFrom,
  settingsPayload,
} from "./groupRules";

describe("group rules in the browser", () => {
  it("offer each viewer only the roles they may grant", () => {
    const all = ["member", "volunteer", "coordinator", "admin", "partner_staff"];
    expect(grantableRoles("coordinator", false)).toEqual(["member", "volunteer"]);
    expect(grantableRoles("admin", false)).toEqual(all);
    expect(grantableRoles(null, true)).toEqual(all);
    expect(grantableRoles("volunteer", false)).toEqual([]);
    expect(grantableRoles(null, false)).toEqual([]);
  });
});

describe("the settings form", () => {
  const settings = { ...MODE_DEFAULTS.mutual_aid, claimExpiryHours: 24 };

  it("starts from the group's choices and sends only what the group sets itself", () => {
    const form = settingsFormFrom(settings, ["claimExpiryHours"]);
    expect(form.claimExpiryHours).toEqual({ useDefault: false, value: "24" });
    expect(form.retentionDays.useDefault).toBe(true);
    expect(settingsPayload(form)).toEqual({ claimExpiryHours: 24 });
    expect(currentOverrides(settings, ["claimExpiryHours"])).toEqual({ claimExpiryHours: 24 });
  });

  it("sends a chosen yes/no and leaves out what follows the default", () => {
    const form = settingsFormFrom(settings, []);
    form.intakeRequiresTriage = { useDefault: false, value: true };
    expect(settingsPayload(form)).toEqual({ intakeRequiresTriage: true });
  });

  it("finds numbers that are not whole or out of range", () => {
    const form = settingsFormFrom(settings, []);
    form.claimExpiryHours = { useDefault: false, value: "0" };
    form.retentionDays = { useDefault: false, value: "3.5" };
    form.anonymityK = { useDefault: false, value: "50" };
    form.maxOpenClaimsPerVolunteer = { useDefault: true, value: "nonsense" };
    expect(invalidSettings(form)).toEqual(["claimExpiryHours", "retentionDays"]);
  });
});

describe("changedFields", () => {
  it("keeps only the fields that differ, comparing lists by value", () => {
    const before = { name: "A", languages: ["en"], contactEmail: null as string | null };
    expect(changedFields(before, { ...before, languages: ["en"] })).toEqual({});
    expect(changedFields(before, { ...before, name: "B", languages: ["en", "es"] })).toEqual({
      name: "B",
      languages: ["en", "es"],
    });
    expect(changedFields(before, { ...before, contactEmail: "x@y.org" })).toEqual({
      contactEmail: "x@y.org",
    });
  });
});
