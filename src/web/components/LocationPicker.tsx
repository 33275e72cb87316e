// Saying where help is needed, without needing the internet's help: "use my location" (the
// browser's geolocation), a pin on a map (Leaflet, downloaded only when the map is opened), or
// typed words, looked up by the server's geocoder when one is configured. Without a geocoder the
// words are kept as they are and the person may choose their area (an H3 hexagon) on the map.
// Every choice says in plain words who will see what.
//
// Reusable: `value` is `{ lat?, lng?, text?, cell? }` and `onChange` receives the next one;
// `locationForRequest(value)` gives what the API takes. Forms whose API takes no area pass
// `allowArea={false}` (the map then only places a pin).
import { useMutation, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { GeocodeResult } from "../../modules/location/contract";
import en from "../i18n/location/screens.en.json";
import es from "../i18n/location/screens.es.json";
import { addScreenTexts } from "../i18n/screenTexts";
import { apiFetch } from "../lib/api";
import { describeError, hasCode } from "../lib/errors";
import { fetchServerMeta, type ServerMeta } from "../lib/meta";
import type { GroupArea } from "./area/areaText";
import { RadioGroup, StatusMessage, TextField } from "./forms";
import { Loading } from "./Refusal";

addScreenTexts({ en, es });

const LocationMap = lazy(() => import("./location/LocationMap"));

/** A place: an exact point, an area (H3 cell, resolution 8) instead of a point, and/or words. */
export interface LocationValue {
  lat?: number;
  lng?: number;
  text?: string;
  cell?: string;
}

export type LocationRequest =
  | { lat: number; lng: number; text?: string }
  | { cell: string; text?: string }
  | { text: string };

/** What the API takes (undefined when nothing was given); words are trimmed. */
export function locationForRequest(value: LocationValue): LocationRequest | undefined {
  const text = value.text?.trim();
  const words = text ? { text } : {};
  if (value.lat !== undefined && value.lng !== undefined) {
    return { lat: value.lat, lng: value.lng, ...words };
  }
  if (value.cell) return { cell: value.cell, ...words };
  return text ? { text } : undefined;
}

type Locating = "idle" | "locating" | "found" | "removed" | "denied" | "unsupported";
type Meta = ServerMeta & { geocoder?: boolean };

export interface LocationPickerProps {
  /** The group asked: its area bounds address lookups and the areas offered on the map. */
  groupId: string;
  area: GroupArea | null;
  value: LocationValue;
  onChange: (value: LocationValue) => void;
  /** The server's message for the place, if it refused it. */
  error?: string | undefined;
  /** May an area be chosen instead of an exact point (the API must accept `cell`)? */
  allowArea?: boolean;
  /** Prefix of the element ids (`<prefix>-text` is the words' input). */
  idPrefix?: string;
}

const round = (n: number) => Math.round(n * 100000) / 100000;

export function LocationPicker({
  groupId,
  area,
  value,
  onChange,
  error,
  allowArea = true,
  idPrefix = "location",
}: LocationPickerProps) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState<Locating>("idle");
  const [mapOpen, setMapOpen] = useState(false);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [results, setResults] = useState<GeocodeResult[] | null>(null);
  const [chosenResult, setChosenResult] = useState("");
  const meta = useQuery({
    queryKey: ["meta"],
    queryFn: ({ signal }) => fetchServerMeta(signal) as Promise<Meta>,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lookup = useMutation({
    mutationFn: (q: string) =>
      apiFetch<GeocodeResult[]>("/api/v1/geocode", { method: "POST", json: { q, groupId } }),
    onSuccess: (found) => {
      setResults(found);
      setChosenResult("");
      setAnnouncement(
        found.length
          ? t("location.lookup.found", { count: found.length })
          : t("location.lookup.none"),
      );
    },
    onError: () => setResults(null),
  });
  // A server whose geocoder was switched off since the page loaded says so: treated as off.
  const geocoder =
    (meta.data as Meta | undefined)?.geocoder === true && !hasCode(lookup.error, "geocoder_off");
  const lookupError = lookup.error ? describeError(lookup.error, t) : null;

  const hasPoint = value.lat !== undefined && value.lng !== undefined;
  const kind = hasPoint ? "point" : value.cell ? "area" : value.text?.trim() ? "text" : "none";

  // New words make earlier lookup choices stale.
  const text = value.text ?? "";
  useEffect(() => {
    if (text !== undefined) setResults(null);
  }, [text]);

  function locateMe() {
    if (!("geolocation" in navigator)) {
      setLocating("unsupported");
      return;
    }
    setLocating("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onChange({
          ...(value.text ? { text: value.text } : {}),
          lat: round(position.coords.latitude),
          lng: round(position.coords.longitude),
        });
        setLocating("found");
      },
      () => setLocating("denied"),
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 },
    );
  }

  function removePlace() {
    onChange(value.text ? { text: value.text } : {});
    setLocating("removed");
    setChosenResult("");
  }

  function runLookup() {
    const q = text.trim();
    if (q.length < 2) {
      setAnnouncement(t("location.lookup.needText"));
      return;
    }
    setAnnouncement(null);
    lookup.mutate(q);
  }

  function chooseResult(index: string) {
    const hit = results?.[Number(index)];
    if (!hit) return;
    setChosenResult(index);
    onChange({ ...(value.text ? { text: value.text } : {}), lat: hit.lat, lng: hit.lng });
    setAnnouncement(t("location.lookup.chosen", { label: hit.label }));
  }

  const locatingMessage =
    locating === "idle" ? null : t(`ask.location.${locating}` as "ask.location.found");
  const privacy =
    kind === "area"
      ? t("location.privacy.area")
      : kind === "text"
        ? t("location.privacy.text")
        : t("location.privacy.point");
  const chosen =
    kind === "point"
      ? t("location.chosen.point", { latitude: value.lat, longitude: value.lng })
      : kind === "area"
        ? t("location.chosen.area")
        : kind === "text"
          ? t("location.chosen.text")
          : t("location.chosen.none");

  return (
    <fieldset
      className={`field location-picker${error ? " field-invalid" : ""}`}
      aria-describedby={`${idPrefix}-hint ${idPrefix}-privacy`}
    >
      <legend className="ask-location-legend">{t("ask.location.legend")}</legend>
      <p id={`${idPrefix}-hint`} className="field-hint">
        {t("location.hint")}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      <div className="panel location-chosen">
        <p className="location-chosen-what" data-testid="location-chosen">
          {chosen}
        </p>
        <p id={`${idPrefix}-privacy`} className="location-privacy">
          {privacy}
        </p>
      </div>
      <p className="button-row">
        <button
          type="button"
          className="button-secondary"
          aria-busy={locating === "locating" || undefined}
          onClick={locateMe}
        >
          {t("ask.location.useMine")}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-expanded={mapOpen}
          aria-controls={`${idPrefix}-map`}
          onClick={() => setMapOpen((open) => !open)}
        >
          {mapOpen
            ? t("location.map.hide")
            : allowArea && !geocoder
              ? t("location.map.showArea")
              : t("location.map.show")}
        </button>
        {hasPoint || value.cell ? (
          <button type="button" className="button-secondary" onClick={removePlace}>
            {t("location.remove")}
          </button>
        ) : null}
      </p>
      <StatusMessage>{locatingMessage}</StatusMessage>
      <div id={`${idPrefix}-map`}>
        {mapOpen ? (
          meta.isPending ? (
            <Loading />
          ) : (
            <Suspense fallback={<Loading />}>
              <LocationMap
                value={value}
                onChange={onChange}
                tileUrl={meta.data?.map?.tileUrl ?? ""}
                attribution={meta.data?.map?.attribution ?? ""}
                area={area}
                allowArea={allowArea}
                startWithArea={allowArea && !geocoder}
              />
            </Suspense>
          )
        ) : null}
      </div>
      <TextField
        id={`${idPrefix}-text`}
        label={t("ask.location.text")}
        hint={
          geocoder
            ? t("location.textHintLookup")
            : `${t("ask.location.textHint")} ${t(allowArea ? "location.offHint" : "location.offHintNoArea")}`
        }
        optional
        value={text}
        onValue={(words) => onChange({ ...value, text: words })}
        autoComplete="off"
        maxLength={300}
      />
      {geocoder ? (
        <div className="location-lookup">
          <p className="button-row">
            <button
              type="button"
              className="button-secondary"
              aria-busy={lookup.isPending || undefined}
              onClick={runLookup}
            >
              {lookup.isPending ? t("location.lookup.searching") : t("location.lookup.button")}
            </button>
          </p>
          {results?.length ? (
            <RadioGroup
              id={`${idPrefix}-results`}
              legend={t("location.lookup.legend")}
              hint={t("location.lookup.legendHint")}
              value={chosenResult}
              onValue={chooseResult}
              choices={results.map((hit, index) => ({ value: String(index), label: hit.label }))}
            />
          ) : null}
        </div>
      ) : null}
      {lookupError ? (
        <div className="field-error location-lookup-error" role="alert">
          <p>
            <strong>{lookupError.title}</strong>
          </p>
          {lookupError.detail ? <p>{lookupError.detail}</p> : null}
        </div>
      ) : null}
      <StatusMessage>{announcement}</StatusMessage>
    </fieldset>
  );
}
