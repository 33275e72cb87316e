// The text form of a group's area, for people who cannot or prefer not to draw on a map:
// a GeoJSON Polygon (or a Feature holding one), or H3 cell ids separated by spaces or commas.
export type GroupArea =
  | { kind: "h3"; cells: string[] }
  | { kind: "polygon"; coordinates: [number, number][][] };

export type AreaParse =
  | { ok: true; area: GroupArea | null }
  | { ok: false; error: "json" | "shape" };

const H3_CELL = /^[0-9a-f]{15}$/i;

export function parseAreaText(text: string): AreaParse {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, area: null };
  if (!trimmed.startsWith("{")) {
    const cells = trimmed.split(/[\s,;]+/).filter(Boolean);
    return cells.every((c) => H3_CELL.test(c))
      ? { ok: true, area: { kind: "h3", cells: cells.map((c) => c.toLowerCase()) } }
      : { ok: false, error: "shape" };
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, error: "json" };
  }
  const geometry =
    typeof value === "object" && value !== null && (value as { type?: string }).type === "Feature"
      ? (value as { geometry?: unknown }).geometry
      : value;
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type !== "Polygon" || !Array.isArray(g.coordinates)) return { ok: false, error: "shape" };
  const rings = g.coordinates as unknown[];
  const valid = rings.every(
    (ring) =>
      Array.isArray(ring) &&
      ring.length >= 4 &&
      ring.every(
        (p) =>
          Array.isArray(p) &&
          p.length >= 2 &&
          p.every((n) => typeof n === "number" && Number.isFinite(n)),
      ),
  );
  if (!valid || rings.length === 0) return { ok: false, error: "shape" };
  return {
    ok: true,
    area: {
      kind: "polygon",
      coordinates: (rings as number[][][]).map((ring) =>
        ring.map((p) => [p[0], p[1]] as [number, number]),
      ),
    },
  };
}

export function areaToText(area: GroupArea | null): string {
  if (!area) return "";
  if (area.kind === "h3") return area.cells.join(" ");
  return JSON.stringify({ type: "Polygon", coordinates: area.coordinates });
}

/** Closes an outline drawn as points [lat, lng] into a GeoJSON ring [lng, lat]. */
export function ringFromPoints(points: [number, number][]): [number, number][] {
  const ring = points.map(([lat, lng]) => [lng, lat] as [number, number]);
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}
