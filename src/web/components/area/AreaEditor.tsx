// Drawing a group's area on a map (click to add points, or pan with the keyboard and add the
// centre), with a text alternative (GeoJSON or H3 cells). The map works without tiles: if the
// tile server cannot be reached, the outline is still drawn and editable.
import "leaflet/dist/leaflet.css";
import "./area.css";
import L from "leaflet";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { areaToText, type GroupArea, parseAreaText, ringFromPoints } from "./areaText";

export interface AreaEditorProps {
  value: GroupArea | null;
  onChange: (area: GroupArea | null) => void;
  tileUrl: string;
  attribution: string;
}

const OUTLINE = { color: "#1b6b53", weight: 3, fillOpacity: 0.15 };

export default function AreaEditor({ value, onChange, tileUrl, attribution }: AreaEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const mapDiv = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [points, setPoints] = useState<[number, number][]>([]);
  const [text, setText] = useState(() => areaToText(value));
  const [textError, setTextError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  // The map itself: created once.
  useEffect(() => {
    if (!mapDiv.current || map.current) return;
    const m = L.map(mapDiv.current, { keyboard: true, zoomControl: true }).setView([20, 0], 2);
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);

  // Clicks add points while drawing.
  useEffect(() => {
    const m = map.current;
    if (!m || !drawing) return;
    const add = (e: L.LeafletMouseEvent) => setPoints((p) => [...p, [e.latlng.lat, e.latlng.lng]]);
    m.on("click", add);
    m.getContainer().classList.add("area-map-drawing");
    return () => {
      m.off("click", add);
      m.getContainer().classList.remove("area-map-drawing");
    };
  }, [drawing]);

  // What is shown: the saved outline, or the one being drawn.
  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    if (drawing) {
      for (const p of points) L.circleMarker(p, { radius: 5, ...OUTLINE }).addTo(group);
      if (points.length > 1) L.polyline(points, OUTLINE).addTo(group);
      return;
    }
    if (value?.kind === "polygon") {
      const rings = value.coordinates.map((ring) =>
        ring.map(([lng, lat]) => [lat, lng] as [number, number]),
      );
      const polygon = L.polygon(rings, OUTLINE).addTo(group);
      m.fitBounds(polygon.getBounds(), { padding: [16, 16], maxZoom: 16 });
    }
  }, [value, drawing, points]);

  const summarise = (area: GroupArea | null) =>
    !area
      ? t("maps.area.none")
      : area.kind === "h3"
        ? t("maps.area.cells", { count: area.cells.length })
        : t("maps.area.outline", { count: Math.max(0, (area.coordinates[0]?.length ?? 1) - 1) });

  const finish = () => {
    if (points.length < 3) {
      setStatus(t("maps.area.needThree"));
      return;
    }
    const area: GroupArea = { kind: "polygon", coordinates: [ringFromPoints(points)] };
    setDrawing(false);
    setPoints([]);
    setText(areaToText(area));
    onChange(area);
    setStatus(summarise(area));
  };

  const addCentre = () => {
    const c = map.current?.getCenter();
    if (c) setPoints((p) => [...p, [c.lat, c.lng]]);
  };

  const goToMyLocation = () => {
    navigator.geolocation?.getCurrentPosition(
      (pos) => map.current?.setView([pos.coords.latitude, pos.coords.longitude], 14),
      () => setStatus(t("maps.area.noLocation")),
      { timeout: 10000 },
    );
  };

  const applyText = () => {
    const parsed = parseAreaText(text);
    if (!parsed.ok) {
      setTextError(t(parsed.error === "json" ? "maps.area.textNotJson" : "maps.area.textShape"));
      return;
    }
    setTextError(null);
    onChange(parsed.area);
    setStatus(summarise(parsed.area));
  };

  return (
    <div className="area-editor">
      <p id={`${id}-summary`}>{summarise(value)}</p>
      <div
        ref={mapDiv}
        className="area-map"
        role="application"
        aria-label={t("maps.area.mapLabel")}
        aria-describedby={`${id}-help`}
        data-testid="area-map"
      />
      <p id={`${id}-help`} className="hint">
        {drawing ? t("maps.area.drawingHelp") : t("maps.area.help")}
      </p>
      <div className="button-row">
        {drawing ? (
          <>
            <button type="button" onClick={addCentre}>
              {t("maps.area.addCentre")}
            </button>
            <button
              type="button"
              onClick={() => setPoints((p) => p.slice(0, -1))}
              disabled={!points.length}
            >
              {t("maps.area.undo")}
            </button>
            <button type="button" className="primary" onClick={finish}>
              {t("maps.area.finish", { count: points.length })}
            </button>
            <button
              type="button"
              onClick={() => {
                setDrawing(false);
                setPoints([]);
              }}
            >
              {t("maps.area.cancel")}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setDrawing(true)}>
              {t(value ? "maps.area.redraw" : "maps.area.draw")}
            </button>
            <button type="button" onClick={goToMyLocation}>
              {t("maps.area.myLocation")}
            </button>
            {value && (
              <button
                type="button"
                onClick={() => {
                  onChange(null);
                  setText("");
                  setStatus(summarise(null));
                }}
              >
                {t("maps.area.clear")}
              </button>
            )}
          </>
        )}
      </div>
      <details className="area-text">
        <summary>{t("maps.area.textSummary")}</summary>
        <label htmlFor={`${id}-text`}>{t("maps.area.textLabel")}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? `${id}-text-error` : undefined}
        />
        {textError && (
          <p id={`${id}-text-error`} className="field-error">
            {textError}
          </p>
        )}
        <button type="button" onClick={applyText}>
          {t("maps.area.textApply")}
        </button>
      </details>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
