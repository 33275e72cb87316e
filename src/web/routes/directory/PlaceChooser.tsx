// "Near a place": words looked up by the server's geocoder when one is configured, or a point
// chosen on a map (the location picker's map, downloaded only when opened). Works without
// either: a visitor can always search near their own location or everywhere instead.
import { useMutation, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { GeocodeResult } from "../../../modules/location/contract";
import { RadioGroup, StatusMessage, TextField } from "../../components/forms";
import { Loading } from "../../components/Refusal";
import enLocation from "../../i18n/location/screens.en.json";
import esLocation from "../../i18n/location/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { describeError } from "../../lib/errors";
import { fetchServerMeta, type ServerMeta } from "../../lib/meta";
import { geocode } from "./directoryApi";

// The map's own texts (zoom buttons, pin, "tiles did not load").
addScreenTexts({ en: enLocation, es: esLocation });

const LocationMap = lazy(() => import("../../components/location/LocationMap"));

export interface Place {
  lat?: number | undefined;
  lng?: number | undefined;
  place: string;
}

type Meta = ServerMeta & { geocoder?: boolean };

export function useServerMeta() {
  return useQuery({
    queryKey: ["meta"],
    queryFn: ({ signal }) => fetchServerMeta(signal) as Promise<Meta>,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const round = (n: number) => Math.round(n * 100000) / 100000;

export function PlaceChooser({ value, onChange }: { value: Place; onChange: (p: Place) => void }) {
  const { t } = useTranslation();
  const meta = useServerMeta();
  const [mapOpen, setMapOpen] = useState(false);
  const [hits, setHits] = useState<GeocodeResult[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const lookup = useMutation({
    mutationFn: geocode,
    onSuccess: (found) => {
      setHits(found);
      setChosen("");
      setAnnouncement(
        found.length
          ? t("findHelp.place.found", { count: found.length })
          : t("findHelp.place.notFound"),
      );
    },
  });
  const geocoder = meta.data?.geocoder === true;
  const lookupError = lookup.error ? describeError(lookup.error, t) : null;

  function runLookup() {
    const q = value.place.trim();
    if (q.length < 2) {
      setAnnouncement(t("findHelp.place.needWords"));
      return;
    }
    lookup.mutate(q);
  }

  function choose(index: string) {
    const hit = hits?.[Number(index)];
    if (!hit) return;
    setChosen(index);
    onChange({ lat: hit.lat, lng: hit.lng, place: hit.label });
  }

  const hasPoint = value.lat !== undefined && value.lng !== undefined;

  return (
    <div className="place-chooser">
      <TextField
        id="directory-place"
        label={t("findHelp.place.label")}
        hint={geocoder ? t("findHelp.place.hintLookup") : t("findHelp.place.hintMap")}
        value={value.place}
        onValue={(place) => {
          setHits(null);
          onChange({ ...value, place });
        }}
        autoComplete="off"
        maxLength={200}
      />
      <p className="button-row">
        {geocoder ? (
          <button
            type="button"
            className="button-secondary"
            aria-busy={lookup.isPending || undefined}
            onClick={runLookup}
          >
            {lookup.isPending ? t("findHelp.place.searching") : t("findHelp.place.lookUp")}
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          aria-expanded={mapOpen}
          aria-controls="directory-place-map"
          onClick={() => setMapOpen((open) => !open)}
        >
          {mapOpen ? t("findHelp.place.hideMap") : t("findHelp.place.showMap")}
        </button>
      </p>
      {hits?.length ? (
        <RadioGroup
          id="directory-place-hits"
          legend={t("findHelp.place.choose")}
          value={chosen}
          onValue={choose}
          choices={hits.map((hit, index) => ({ value: String(index), label: hit.label }))}
        />
      ) : null}
      {lookupError ? (
        <div className="field-error" role="alert">
          <p>
            <strong>{lookupError.title}</strong>
          </p>
          {lookupError.detail ? <p>{lookupError.detail}</p> : null}
        </div>
      ) : null}
      <div id="directory-place-map">
        {mapOpen ? (
          meta.isPending ? (
            <Loading />
          ) : (
            <Suspense fallback={<Loading />}>
              <LocationMap
                value={hasPoint ? { lat: value.lat, lng: value.lng } : {}}
                onChange={(next) => {
                  if (next.lat === undefined || next.lng === undefined) return;
                  onChange({ ...value, lat: round(next.lat), lng: round(next.lng) });
                }}
                tileUrl={meta.data?.map?.tileUrl ?? ""}
                attribution={meta.data?.map?.attribution ?? ""}
                area={null}
                allowArea={false}
                startWithArea={false}
              />
            </Suspense>
          )
        ) : null}
      </div>
      <p className="muted" data-testid="directory-place-chosen">
        {hasPoint ? t("findHelp.place.chosen") : t("findHelp.place.none")}
      </p>
      <StatusMessage>{announcement}</StatusMessage>
    </div>
  );
}
