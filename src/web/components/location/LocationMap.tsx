// The map of the location picker (its own chunk: Leaflet and H3 are downloaded only when the
// map is opened). A pin marks the exact place, or, when only the area is shared, a pointer
// marks the H3 resolution-8 hexagon that is kept instead. The pin is placed by tapping the
// map, dragging, the arrow keys (with the pin focused) or "put the pin in the middle of the
// map" after panning with the keyboard; the chosen place is always written out below the map.
// Without tiles (offline, a blocked tile server) the pin, the hexagons and the group's area
// still work on a blank background.
import "leaflet/dist/leaflet.css";
import "./location.css";
import { cellToBoundary, cellToLatLng, gridDisk, isValidCell, latLngToCell } from "h3-js";
import L from "leaflet";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { cellInArea } from "../../../modules/location/model";
import type { GroupArea } from "../area/areaText";
import type { LocationValue } from "../LocationPicker";

export interface LocationMapProps {
  value: LocationValue;
  onChange: (value: LocationValue) => void;
  tileUrl: string;
  attribution: string;
  /** The group's area: outlined, and an area chosen outside it is refused. */
  area: GroupArea | null;
  /** May the person share only the area (a hexagon) instead of the exact place? */
  allowArea: boolean;
  /** Start in "only the area" (no geocoder: words plus an area). */
  startWithArea: boolean;
}

type Mode = "point" | "area";
type LatLng = [number, number];

/** The resolution of a chosen area: a neighbourhood of about 0.7 km². */
const AREA_RESOLUTION = 8;
const AREA_STYLE = { color: "#1b6b53", weight: 2, fillOpacity: 0.06, interactive: false };
const GRID_STYLE = { color: "#4b5563", weight: 1, fillOpacity: 0, dashArray: "4 4" };
const CHOSEN_STYLE = { color: "#9a3412", weight: 3, fillOpacity: 0.25, interactive: false };
/** Pixels the pin moves per arrow key (with Shift: five times as far). */
const STEP_PX = 12;

const round = (n: number) => Math.round(n * 100000) / 100000;
const ring = (cell: string): LatLng[] => cellToBoundary(cell) as LatLng[];

function pointerOf(value: LocationValue): LatLng | null {
  if (value.lat !== undefined && value.lng !== undefined) return [value.lat, value.lng];
  if (value.cell && isValidCell(value.cell)) return cellToLatLng(value.cell) as LatLng;
  return null;
}

function sameValue(a: LocationValue, b: LocationValue): boolean {
  return a.lat === b.lat && a.lng === b.lng && a.cell === b.cell;
}

export default function LocationMap({
  value,
  onChange,
  tileUrl,
  attribution,
  area,
  allowArea,
  startWithArea,
}: LocationMapProps) {
  const { t } = useTranslation();
  const id = useId();
  const mapDiv = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const overlay = useRef<L.LayerGroup | null>(null);
  const [mode, setMode] = useState<Mode>(() =>
    !allowArea
      ? "point"
      : value.cell
        ? "area"
        : value.lat !== undefined
          ? "point"
          : startWithArea
            ? "area"
            : "point",
  );
  const [pointer, setPointer] = useState<LatLng | null>(() => pointerOf(value));
  const [where, setWhere] = useState("");
  const [tilesFailed, setTilesFailed] = useState(false);
  // What this map last sent, so its own changes are not taken back as news from outside.
  const sent = useRef<LocationValue>(value);
  const latest = useRef({ value, mode, onChange });
  latest.current = { value, mode, onChange };

  const sayWhere = useCallback(
    (p: LatLng, m: Mode) =>
      t(m === "area" ? "location.map.areaAt" : "location.map.pinAt", {
        // Not `lng`: i18next would take it for the language.
        latitude: round(p[0]).toFixed(5),
        longitude: round(p[1]).toFixed(5),
      }),
    [t],
  );

  /** Puts the pin (or the area pointer) at a place and says what is now chosen. */
  const place = useCallback(
    (p: LatLng, m: Mode = latest.current.mode) => {
      const { value: current, onChange: send } = latest.current;
      const words = current.text !== undefined ? { text: current.text } : {};
      let next: LocationValue;
      if (m === "area") {
        const cell = latLngToCell(p[0], p[1], AREA_RESOLUTION);
        if (!cellInArea(cell, area)) {
          setWhere(t("location.map.outside"));
          marker.current?.setLatLng(pointerOf(current) ?? p);
          return;
        }
        next = { ...words, cell };
      } else {
        next = { ...words, lat: round(p[0]), lng: round(p[1]) };
      }
      setPointer(p);
      setWhere(sayWhere(p, m));
      sent.current = next;
      send(next);
    },
    [area, sayWhere, t],
  );

  // The map: made once, with translated zoom buttons and tiles if there are any.
  useEffect(() => {
    if (!mapDiv.current || map.current) return;
    const m = L.map(mapDiv.current, { keyboard: true, zoomControl: false });
    L.control
      .zoom({ zoomInTitle: t("location.map.zoomIn"), zoomOutTitle: t("location.map.zoomOut") })
      .addTo(m);
    if (tileUrl) {
      const tiles = L.tileLayer(tileUrl, { attribution, maxZoom: 19 });
      tiles.once("tileerror", () => setTilesFailed(true));
      tiles.addTo(m);
    }
    // The group's area, for orientation (clicks go through it to the map).
    const outline = L.layerGroup().addTo(m);
    if (area?.kind === "polygon") {
      L.polygon(
        area.coordinates.map((r) => r.map(([lng, lat]) => [lat, lng] as LatLng)),
        AREA_STYLE,
      ).addTo(outline);
    } else if (area?.kind === "h3") {
      for (const cell of area.cells.slice(0, 2000)) {
        if (isValidCell(cell)) L.polygon(ring(cell), AREA_STYLE).addTo(outline);
      }
    }
    overlay.current = L.layerGroup().addTo(m);
    const start = pointerOf(latest.current.value);
    const bounds = L.featureGroup(outline.getLayers() as L.Polygon[]).getBounds();
    if (start) m.setView(start, 16);
    else if (bounds.isValid()) m.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 });
    else m.setView([20, 0], 2);
    m.on("click", (e: L.LeafletMouseEvent) => place([e.latlng.lat, e.latlng.lng]));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
      overlay.current = null;
    };
  }, [tileUrl, attribution, area, place, t]);

  // A place chosen elsewhere ("use my location", an address, removal) moves the pin.
  useEffect(() => {
    if (sameValue(value, sent.current)) return;
    sent.current = value;
    const p = pointerOf(value);
    setPointer(p);
    if (value.cell) setMode("area");
    else if (value.lat !== undefined) setMode("point");
    if (p) {
      map.current?.setView(p, Math.max(map.current.getZoom(), 15));
      setWhere(sayWhere(p, value.cell ? "area" : "point"));
    } else {
      setWhere(t("location.map.noPin"));
    }
  }, [value, sayWhere, t]);

  // The pin or pointer, and the hexagons around it when only the area is shared.
  useEffect(() => {
    const m = map.current;
    const layer = overlay.current;
    if (!m || !layer) return;
    layer.clearLayers();
    if (!pointer) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const label = t(mode === "area" ? "location.map.pointerLabel" : "location.map.pinLabel");
    const icon = L.divIcon({
      className: `location-pin location-pin-${mode}`,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      html: "",
    });
    if (!marker.current) {
      const pin = L.marker(pointer, { draggable: true, keyboard: true, icon, autoPan: true });
      pin.on("dragend", () => {
        const at = pin.getLatLng();
        place([at.lat, at.lng]);
      });
      pin.addTo(m);
      const element = pin.getElement();
      element?.addEventListener("keydown", (event: KeyboardEvent) => {
        const moves: Record<string, [number, number]> = {
          ArrowUp: [0, -1],
          ArrowDown: [0, 1],
          ArrowLeft: [-1, 0],
          ArrowRight: [1, 0],
        };
        const move = moves[event.key];
        if (!move || !map.current) return;
        event.preventDefault();
        event.stopPropagation();
        const step = event.shiftKey ? STEP_PX * 5 : STEP_PX;
        const from = map.current.latLngToContainerPoint(pin.getLatLng());
        const to = map.current.containerPointToLatLng(
          L.point(from.x + move[0] * step, from.y + move[1] * step),
        );
        pin.setLatLng(to);
        map.current.panInside(to, { padding: [24, 24] });
        place([to.lat, to.lng]);
      });
      marker.current = pin;
    } else {
      marker.current.setIcon(icon);
      marker.current.setLatLng(pointer);
    }
    const element = marker.current.getElement();
    element?.setAttribute("aria-label", label);
    element?.setAttribute("aria-describedby", `${id}-where`);
    element?.removeAttribute("title");
    if (mode === "area") {
      const cell = latLngToCell(pointer[0], pointer[1], AREA_RESOLUTION);
      for (const near of gridDisk(cell, 1)) {
        if (near !== cell)
          L.polygon(ring(near), { ...GRID_STYLE, interactive: false }).addTo(layer);
      }
      L.polygon(ring(cell), CHOSEN_STYLE).addTo(layer);
    }
  }, [pointer, mode, place, t, id]);

  const chooseMode = (next: Mode) => {
    setMode(next);
    if (pointer) place(pointer, next);
  };

  const centre = () => {
    const c = map.current?.getCenter();
    if (c) place([c.lat, c.lng]);
  };

  return (
    <div className="location-map">
      {allowArea ? (
        <fieldset className="field choice-group location-map-mode">
          <legend>{t("location.map.modeLegend")}</legend>
          {(["point", "area"] as const).map((m) => (
            <div className="choice" key={m}>
              <input
                type="radio"
                id={`${id}-mode-${m}`}
                name={`${id}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => chooseMode(m)}
                aria-describedby={`${id}-mode-${m}-description`}
              />
              <label htmlFor={`${id}-mode-${m}`}>
                {t(m === "area" ? "location.map.modeArea" : "location.map.modePoint")}
                <span id={`${id}-mode-${m}-description`} className="choice-description">
                  {t(m === "area" ? "location.map.modeAreaHint" : "location.map.modePointHint")}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <p id={`${id}-help`} className="field-hint">
        {t("location.map.help")}
      </p>
      <div
        ref={mapDiv}
        className="location-map-canvas"
        role="application"
        aria-label={t("location.map.label")}
        aria-describedby={`${id}-help`}
        data-testid="location-map"
      />
      <p className="button-row">
        <button type="button" className="button-secondary" onClick={centre}>
          {mode === "area" ? t("location.map.centreArea") : t("location.map.centre")}
        </button>
      </p>
      <p id={`${id}-where`} className="location-map-where" role="status">
        {where || (pointer ? sayWhere(pointer, mode) : t("location.map.noPin"))}
      </p>
      {tilesFailed ? <p className="field-hint">{t("location.map.tilesFailed")}</p> : null}
    </div>
  );
}
