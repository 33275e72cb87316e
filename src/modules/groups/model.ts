// Pure rules for groups: settings defaults per mode, slugs, areas, role changes. No I/O.
import { getResolution, isValidCell } from "h3-js";
import type { GroupArea, GroupMode, GroupRole, GroupSettingsOverrides } from "./schema";
import { type GroupSettings, MODE_DEFAULTS } from "./settings";

export { canGrantRole, type GroupSettings, MODE_DEFAULTS, SETTING_LIMITS } from "./settings";

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

/** A change that would leave the group without an active admin is refused. */
export function leavesNoAdmin(
  activeAdmins: number,
  targetIsAdmin: boolean,
  newRole: GroupRole | null,
): boolean {
  return targetIsAdmin && newRole !== "admin" && activeAdmins <= 1;
}
