// Pure rules for groups: settings defaults per mode, slugs, areas, role changes. No I/O.
import { getResolution, isValidCell } from "h3-js";
import type { GroupArea, GroupMode, GroupRole, GroupSettingsOverrides } from "./schema";

export interface GroupSettings {
  claimExpiryHours: number;
  maxOpenClaimsPerVolunteer: number;
  retentionDays: number;
  anonymityK: number;
  intakeRequiresTriage: boolean;
}

/** What each mode means by default; a group overrides any of it and keeps the rest. */
export const MODE_DEFAULTS: Record<GroupMode, GroupSettings> = {
  // Peer to peer: volunteers claim directly, little held for long.
  mutual_aid: {
    claimExpiryHours: 72,
    maxOpenClaimsPerVolunteer: 5,
    retentionDays: 90,
    anonymityK: 5,
    intakeRequiresTriage: false,
  },
  // Dispatch: coordinators triage intake; records kept for a year of reporting.
  resource_sharing: {
    claimExpiryHours: 48,
    maxOpenClaimsPerVolunteer: 10,
    retentionDays: 365,
    anonymityK: 5,
    intakeRequiresTriage: true,
  },
  // Structured operations with community-set rules.
  hybrid: {
    claimExpiryHours: 72,
    maxOpenClaimsPerVolunteer: 5,
    retentionDays: 180,
    anonymityK: 5,
    intakeRequiresTriage: true,
  },
};

export const SETTING_LIMITS = {
  claimExpiryHours: { min: 1, max: 720 },
  maxOpenClaimsPerVolunteer: { min: 1, max: 100 },
  retentionDays: { min: 7, max: 3650 },
  anonymityK: { min: 2, max: 50 },
} as const;

export function effectiveSettings(
  mode: GroupMode,
  overrides: GroupSettingsOverrides,
): GroupSettings {
  return { ...MODE_DEFAULTS[mode], ...overrides };
}

/** Keeps only the settings that differ from the mode's defaults. */
export function overridesFor(
  mode: GroupMode,
  settings: Partial<GroupSettings>,
): GroupSettingsOverrides {
  const defaults = MODE_DEFAULTS[mode];
  const out: GroupSettingsOverrides = {};
  for (const key of Object.keys(settings) as (keyof GroupSettings)[]) {
    const value = settings[key];
    if (value !== undefined && value !== defaults[key])
      (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** "Despensa Comunitaria de San Mateo" → "despensa-comunitaria-de-san-mateo". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "group";
}

/** Returns a reason key when the area is not usable, or null. */
export function areaProblem(area: GroupArea): string | null {
  if (area.kind === "h3") {
    if (area.cells.length === 0) return "area_empty";
    for (const cell of area.cells) {
      if (!isValidCell(cell)) return "area_cell_invalid";
      const res = getResolution(cell);
      if (res < 7 || res > 9) return "area_cell_resolution";
    }
    return null;
  }
  for (const ring of area.coordinates) {
    if (ring.length < 4) return "area_polygon_invalid";
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
      return "area_polygon_invalid";
    for (const [lng, lat] of ring) {
      if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return "area_polygon_invalid";
    }
  }
  return area.coordinates.length ? null : "area_polygon_invalid";
}

/** Who may hand out which role: coordinators invite members and volunteers; admins any role. */
export function canGrantRole(granter: GroupRole | "network_admin", role: GroupRole): boolean {
  if (granter === "admin" || granter === "network_admin") return true;
  if (granter === "coordinator") return role === "member" || role === "volunteer";
  return false;
}

/** A change that would leave the group without an active admin is refused. */
export function leavesNoAdmin(
  activeAdmins: number,
  targetIsAdmin: boolean,
  newRole: GroupRole | null,
): boolean {
  return targetIsAdmin && newRole !== "admin" && activeAdmins <= 1;
}
