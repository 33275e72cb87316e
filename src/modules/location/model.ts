// Pure rules about places: a group's area as a bounding box (to bound address lookups), whether
// an H3 cell lies in a group's area, and the public cells of a chosen cell. No I/O.
import { cellToBoundary, cellToLatLng, cellToParent, getResolution, isValidCell } from "h3-js";
import type { GroupArea } from "../groups/schema";

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The area's bounding box (WGS 84), widened by `margin` of its size on each side. */
export function areaBounds(area: GroupArea | null | undefined, margin = 0.1): Bounds | null {
  if (!area) return null;
  const points: [number, number][] = []; // [lat, lng]
  if (area.kind === "polygon") {
    for (const ring of area.coordinates) for (const [lng, lat] of ring) points.push([lat, lng]);
  } else {
    for (const cell of area.cells) {
      if (isValidCell(cell)) points.push(...cellToBoundary(cell));
    }
  }
  if (!points.length) return null;
  let south = 90;
  let north = -90;
  let west = 180;
  let east = -180;
  for (const [lat, lng] of points) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lng);
    east = Math.max(east, lng);
  }
  const dLat = Math.max((north - south) * margin, 0.005);
  const dLng = Math.max((east - west) * margin, 0.005);
  return {
    south: Math.max(-90, south - dLat),
    north: Math.min(90, north + dLat),
    west: Math.max(-180, west - dLng),
    east: Math.min(180, east + dLng),
  };
}

/** Resolutions a chosen area may have: a neighbourhood (8) or a few blocks (9). */
export const CHOSEN_CELL_RESOLUTIONS = [8, 9] as const;

export function isChoosableCell(cell: string): boolean {
  return (
    /^[0-9a-f]{15}$/.test(cell) &&
    isValidCell(cell) &&
    (CHOSEN_CELL_RESOLUTIONS as readonly number[]).includes(getResolution(cell))
  );
}

/** Ray casting over a GeoJSON polygon's rings ([lng, lat]); holes count as outside. */
function inPolygon(lat: number, lng: number, rings: [number, number][][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Whether a cell belongs to a group's area: it shares a parent or child with one of the area's
 * cells, or its centre or a corner is inside the drawn outline. A group without an area takes
 * any cell.
 */
export function cellInArea(cell: string, area: GroupArea | null | undefined): boolean {
  if (!area) return true;
  const res = getResolution(cell);
  if (area.kind === "h3") {
    return area.cells.some((a) => {
      if (!isValidCell(a)) return false;
      const ra = getResolution(a);
      return ra <= res ? cellToParent(cell, ra) === a : cellToParent(a, res) === cell;
    });
  }
  const points = [cellToLatLng(cell), ...cellToBoundary(cell)];
  return points.some(([lat, lng]) => inPolygon(lat, lng, area.coordinates));
}

/** The public cells of a chosen area (no exact point): itself and its coarser parents. */
export function cellsOfChosenCell(cell: string): {
  h3r7: string;
  h3r8: string;
  h3r9: string | null;
} {
  const res = getResolution(cell);
  return {
    h3r7: cellToParent(cell, 7),
    h3r8: res === 8 ? cell : cellToParent(cell, 8),
    h3r9: res === 9 ? cell : null,
  };
}
