// The search form: what is needed, where (everywhere, near me, near a place) and how far, and
// the filters (open now or at a time, language, category, what a place does not ask for). It
// edits a draft; "Search" puts the draft in the address bar, which is what the results follow.
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ACCESS_TERMS,
  type AccessCode,
  CATEGORY_TERMS,
  type CategoryCode,
} from "../../../modules/directory/taxonomy";
import { CheckboxGroup, RadioGroup, SelectField, StatusMessage } from "../../components/forms";
import { languageName } from "../../lib/format";
import { PlaceChooser } from "./PlaceChooser";
import { filterCount, type Near, type OpenFilter, RADII_KM, type SearchState } from "./searchState";

/** Languages offered in the filter: the app's own two, then the most spoken in US services. */
const LANGUAGE_CHOICES = ["en", "es", "zh", "vi", "tl", "ko", "ru", "ar", "fr", "ht", "pt"];

type Locating = "idle" | "locating" | "found" | "denied" | "unsupported";

const round = (n: number) => Math.round(n * 100000) / 100000;

function useLocateMe(onFound: (lat: number, lng: number) => void, initial: Locating) {
  const [locating, setLocating] = useState<Locating>(initial);
  function locate() {
    if (!("geolocation" in navigator)) {
      setLocating("unsupported");
      return;
    }
    setLocating("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onFound(round(position.coords.latitude), round(position.coords.longitude));
        setLocating("found");
      },
      () => setLocating("denied"),
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 },
    );
  }
  return { locating, locate };
}

export function SearchForm({
  initial,
  onSearch,
}: {
  initial: SearchState;
  onSearch: (state: SearchState) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "es" ? "es" : "en";
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState("");
  const problemRef = useRef<HTMLParagraphElement>(null);
  const update = (change: Partial<SearchState>) => setDraft((d) => ({ ...d, ...change }));
  const { locating, locate } = useLocateMe(
    (lat, lng) => update({ lat, lng, near: "me", place: "" }),
    initial.near === "me" ? "found" : "idle",
  );

  function chooseNear(near: Near) {
    setProblem("");
    // A point found for one choice does not carry over to the other.
    update({ near, lat: undefined, lng: undefined, place: "" } as Partial<SearchState>);
    if (near === "me") locate();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const missingPoint = draft.near !== "" && (draft.lat === undefined || draft.lng === undefined);
    const missingTime = draft.open === "at" && (!draft.day || !draft.time);
    const message = missingPoint
      ? t(draft.near === "me" ? "findHelp.form.needLocation" : "findHelp.form.needPlace")
      : missingTime
        ? t("findHelp.form.needTime")
        : "";
    setProblem(message);
    if (message) {
      problemRef.current?.focus();
      return;
    }
    onSearch(draft);
  }

  const count = filterCount(initial);
  const nearChoices: { value: Near; label: string }[] = [
    { value: "", label: t("findHelp.form.near.anywhere") },
    { value: "me", label: t("findHelp.form.near.me") },
    { value: "place", label: t("findHelp.form.near.place") },
  ];
  const openChoices: { value: OpenFilter; label: string }[] = [
    { value: "", label: t("findHelp.form.open.any") },
    { value: "now", label: t("findHelp.form.open.now") },
    { value: "at", label: t("findHelp.form.open.at") },
  ];

  return (
    <search>
      <form className="directory-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="directory-q">{t("findHelp.form.q.label")}</label>
          <p id="directory-q-hint" className="field-hint">
            {t("findHelp.form.q.hint")}
          </p>
          <div className="search-row">
            <input
              id="directory-q"
              type="search"
              value={draft.q}
              onChange={(event) => update({ q: event.target.value })}
              aria-describedby="directory-q-hint"
              maxLength={200}
              autoComplete="off"
              enterKeyHint="search"
            />
            <button type="submit" className="button">
              {t("findHelp.form.submit")}
            </button>
          </div>
        </div>

        <div className="panel directory-where">
          <RadioGroup
            id={`${id}-near`}
            legend={t("findHelp.form.near.legend")}
            value={draft.near}
            onValue={chooseNear}
            choices={nearChoices}
          />
          {draft.near === "me" ? (
            <p className="button-row">
              <button
                type="button"
                className="button-secondary"
                aria-busy={locating === "locating" || undefined}
                onClick={locate}
              >
                {t("findHelp.form.locateAgain")}
              </button>
            </p>
          ) : null}
          <StatusMessage>
            {draft.near === "me" && locating !== "idle" ? t(`findHelp.locating.${locating}`) : null}
          </StatusMessage>
          {draft.near === "place" ? (
            <PlaceChooser
              value={{ lat: draft.lat, lng: draft.lng, place: draft.place }}
              onChange={(p) => update({ lat: p.lat, lng: p.lng, place: p.place } as SearchState)}
            />
          ) : null}
          {draft.near ? (
            <SelectField
              id="directory-radius"
              label={t("findHelp.form.radius")}
              value={String(draft.radiusKm)}
              onValue={(km) => update({ radiusKm: Number(km) })}
              options={RADII_KM.map((km) => ({
                value: String(km),
                label: t("findHelp.form.radiusKm", { count: km }),
              }))}
            />
          ) : null}
        </div>

        <details className="directory-filters" open={count > 0}>
          <summary>
            {count > 0 ? t("findHelp.form.filtersChosen", { count }) : t("findHelp.form.filters")}
          </summary>
          <RadioGroup
            id={`${id}-open`}
            legend={t("findHelp.form.open.legend")}
            value={draft.open}
            onValue={(open) => update({ open })}
            choices={openChoices}
          />
          {draft.open === "at" ? (
            <div className="directory-when">
              <div className="field">
                <label htmlFor="directory-day">{t("findHelp.form.day")}</label>
                <input
                  id="directory-day"
                  type="date"
                  value={draft.day}
                  onChange={(event) => update({ day: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor="directory-time">{t("findHelp.form.time")}</label>
                <input
                  id="directory-time"
                  type="time"
                  value={draft.time}
                  onChange={(event) => update({ time: event.target.value })}
                />
              </div>
              <p className="field-hint">{t("findHelp.form.localTime")}</p>
            </div>
          ) : null}
          <SelectField
            id="directory-language"
            label={t("findHelp.form.language")}
            value={draft.language}
            onValue={(code) => update({ language: code })}
            options={[
              { value: "", label: t("findHelp.form.anyLanguage") },
              ...LANGUAGE_CHOICES.map((code) => ({
                value: code,
                label: languageName(code, t, language),
              })),
            ]}
          />
          <SelectField
            id="directory-category"
            label={t("findHelp.form.category")}
            value={draft.category}
            onValue={(code) => update({ category: code as CategoryCode | "" })}
            options={[
              { value: "", label: t("findHelp.form.anyCategory") },
              ...CATEGORY_TERMS.map((term) => ({ value: term.code, label: term[language] })),
            ]}
          />
          <CheckboxGroup<AccessCode>
            id={`${id}-access`}
            legend={t("findHelp.form.access")}
            hint={t("findHelp.form.accessHint")}
            values={draft.access}
            onValues={(access) => update({ access })}
            choices={ACCESS_TERMS.map((term) => ({ value: term.code, label: term[language] }))}
          />
        </details>

        {problem ? (
          <p ref={problemRef} className="field-error" role="alert" tabIndex={-1}>
            {problem}
          </p>
        ) : null}
        <p className="button-row">
          <button type="submit" className="button">
            {t("findHelp.form.submit")}
          </button>
        </p>
      </form>
    </search>
  );
}
