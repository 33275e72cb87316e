// The results on a map (its own chunk: Leaflet downloads only when the map is opened). The list
// stays the main way through the results: every marker is also a list item, each marker's popup
// links to the service, and without tiles (offline, a blocked tile server) the markers still
// show on a blank background with a note saying so.
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { SearchResult } from "../../../modules/directory/contract";

export interface ResultsMapProps {
  results: SearchResult[];
  /** The searched point (the visitor or the chosen place), if any. */
  centre: [number, number] | null;
  tileUrl: string;
  attribution: string;
}

const RESULT_STYLE = {
  radius: 9,
  color: "#145443",
  weight: 3,
  fillColor: "#1b6b53",
  fillOpacity: 0.8,
};
const CENTRE_STYLE = {
  radius: 7,
  color: "#9a3412",
  weight: 3,
  fillColor: "#ffffff",
  fillOpacity: 1,
};

function popupFor(result: SearchResult, open: (id: string) => void): HTMLElement {
  const link = document.createElement("a");
  link.href = `/directory/services/${encodeURIComponent(result.service_id)}`;
  link.textContent = result.name;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    open(result.service_id);
  });
  return link;
}

export default function ResultsMap({ results, centre, tileUrl, attribution }: ResultsMapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mapDiv = useRef<HTMLElement>(null);
  const [tilesFailed, setTilesFailed] = useState(!tileUrl);

  useEffect(() => {
    if (!mapDiv.current) return;
    const map = L.map(mapDiv.current, { keyboard: true, zoomControl: false });
    L.control
      .zoom({ zoomInTitle: t("findHelp.map.zoomIn"), zoomOutTitle: t("findHelp.map.zoomOut") })
      .addTo(map);
    if (tileUrl) {
      const tiles = L.tileLayer(tileUrl, { attribution, maxZoom: 19 });
      tiles.once("tileerror", () => setTilesFailed(true));
      tiles.addTo(map);
    }
    const points: L.LatLngExpression[] = [];
    const open = (id: string) => navigate(`/directory/services/${id}`);
    for (const result of results) {
      if (result.lat === null || result.lng === null) continue;
      points.push([result.lat, result.lng]);
      L.circleMarker([result.lat, result.lng], RESULT_STYLE)
        .bindPopup(popupFor(result, open))
        .addTo(map);
    }
    if (centre) {
      points.push(centre);
      L.circleMarker(centre, CENTRE_STYLE).bindTooltip(t("findHelp.map.searchedHere")).addTo(map);
    }
    const bounds = L.latLngBounds(points);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    else map.setView([20, 0], 2);
    return () => {
      map.remove();
    };
  }, [results, centre, tileUrl, attribution, navigate, t]);

  return (
    <div className="directory-map">
      <p id="directory-map-help" className="field-hint">
        {t("findHelp.map.help")}
      </p>
      <section
        ref={mapDiv}
        className="directory-map-canvas"
        aria-label={t("findHelp.map.label")}
        aria-describedby="directory-map-help"
      />
      {tilesFailed ? <p className="field-hint">{t("findHelp.map.tilesFailed")}</p> : null}
    </div>
  );
}
