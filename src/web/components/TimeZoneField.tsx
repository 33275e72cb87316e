// Choosing an IANA time zone from several hundred: type part of a place's name to shorten the
// list, then pick from a native select (which every phone and screen reader handles well).
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { filterTimeZones, timeZoneLabel, timeZoneList } from "../lib/timeZones";

export function TimeZoneField({
  id,
  value,
  onValue,
  error,
}: {
  id: string;
  value: string;
  onValue: (zone: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const zones = useMemo(() => {
    const list = timeZoneList();
    return value && !list.includes(value) ? [value, ...list] : list;
  }, [value]);
  const shown = filterTimeZones(zones, query, value);

  return (
    <fieldset className={`field time-zone${error ? " field-invalid" : ""}`}>
      <legend>{t("common.timeZone.legend")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("common.timeZone.hint")}
      </p>
      <label htmlFor={`${id}-search`}>{t("common.timeZone.search")}</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          // Picks the first match, so typing a city and moving on is enough.
          const first = filterTimeZones(zones, event.target.value)[0];
          if (first && event.target.value.trim()) onValue(first);
        }}
        autoComplete="off"
        aria-describedby={`${id}-count`}
      />
      <p id={`${id}-count`} className="field-hint" aria-live="polite">
        {t("common.timeZone.count", { count: shown.length })}
      </p>
      <label htmlFor={id}>{t("common.timeZone.label")}</label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <select
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      >
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {timeZoneLabel(zone)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
