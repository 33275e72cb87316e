// The groups rules the screens need to explain settings before saving, from the server's own
// settings module (pure data: nothing else of the server reaches the browser).
import { canGrantRole, SETTING_LIMITS } from "../../modules/groups/settings";
import type { GroupMode, GroupRole, GroupSettings } from "./types";

export { MODE_DEFAULTS, SETTING_LIMITS } from "../../modules/groups/settings";

export const GROUP_MODES: GroupMode[] = ["mutual_aid", "hybrid", "resource_sharing"];
export const GROUP_ROLES: GroupRole[] = [
  "member",
  "volunteer",
  "coordinator",
  "admin",
  "partner_staff",
];

export type NumericSetting = keyof typeof SETTING_LIMITS;
export const NUMERIC_SETTINGS = Object.keys(SETTING_LIMITS) as NumericSetting[];
export type SettingKey = keyof GroupSettings;
export const SETTING_KEYS: SettingKey[] = [...NUMERIC_SETTINGS, "intakeRequiresTriage"];

/** The roles this viewer may give (an invitation or a role change). */
export function grantableRoles(role: GroupRole | null, networkAdmin: boolean): GroupRole[] {
  const granter = networkAdmin ? "network_admin" : role;
  return granter ? GROUP_ROLES.filter((r) => canGrantRole(granter, r)) : [];
}

export function isCoordinatorOrAdmin(role: GroupRole | null, networkAdmin = false): boolean {
  return networkAdmin || role === "coordinator" || role === "admin";
}

export function isAdmin(role: GroupRole | null, networkAdmin = false): boolean {
  return networkAdmin || role === "admin";
}

/** One setting in the settings form: following the mode's default, or the group's own value. */
export interface SettingChoice<V> {
  useDefault: boolean;
  value: V;
}

export type SettingsForm = {
  [K in SettingKey]: SettingChoice<K extends "intakeRequiresTriage" ? boolean : string>;
};

/** The form's starting state from a group's effective settings and which ones it chose. */
export function settingsFormFrom(settings: GroupSettings, customised: string[]): SettingsForm {
  return {
    claimExpiryHours: {
      useDefault: !customised.includes("claimExpiryHours"),
      value: String(settings.claimExpiryHours),
    },
    maxOpenClaimsPerVolunteer: {
      useDefault: !customised.includes("maxOpenClaimsPerVolunteer"),
      value: String(settings.maxOpenClaimsPerVolunteer),
    },
    retentionDays: {
      useDefault: !customised.includes("retentionDays"),
      value: String(settings.retentionDays),
    },
    anonymityK: {
      useDefault: !customised.includes("anonymityK"),
      value: String(settings.anonymityK),
    },
    intakeRequiresTriage: {
      useDefault: !customised.includes("intakeRequiresTriage"),
      value: settings.intakeRequiresTriage,
    },
  };
}

/** Whole number within the setting's limits, or null. */
export function readSetting(key: NumericSetting, text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  const { min, max } = SETTING_LIMITS[key];
  return value >= min && value <= max ? value : null;
}

/** The numeric settings the group sets itself whose value is not a whole number in range. */
export function invalidSettings(form: SettingsForm): NumericSetting[] {
  return NUMERIC_SETTINGS.filter(
    (key) => !form[key].useDefault && readSetting(key, form[key].value) === null,
  );
}

/**
 * What to send as `settings` (which replaces the group's choices): only the settings the group
 * sets itself. Check `invalidSettings` first: unreadable numbers are left out.
 */
export function settingsPayload(form: SettingsForm): Partial<GroupSettings> {
  const out: Partial<GroupSettings> = {};
  for (const key of NUMERIC_SETTINGS) {
    if (form[key].useDefault) continue;
    const value = readSetting(key, form[key].value);
    if (value !== null) out[key] = value;
  }
  if (!form.intakeRequiresTriage.useDefault) {
    out.intakeRequiresTriage = form.intakeRequiresTriage.value;
  }
  return out;
}

/** The group's own choices now: the customised settings with their values. */
export function currentOverrides(
  settings: GroupSettings,
  customised: string[],
): Partial<GroupSettings> {
  const out: Partial<GroupSettings> = {};
  for (const key of SETTING_KEYS) {
    if (customised.includes(key)) (out as Record<string, unknown>)[key] = settings[key];
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every((key) =>
        sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return a === b;
}

/**
 * Only what changed, so the audit log says what an admin really changed. `after` holds every
 * field; a field equal to `before` is left out.
 */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!sameValue(before[key], after[key])) out[key] = after[key];
  }
  return out;
}
