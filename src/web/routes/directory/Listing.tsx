// Pieces shown both in search results and on a service page: the open/closed badge (words and a
// sign, never colour alone), today's hours, what a place does not ask for, and the staleness mark.
import { useTranslation } from "react-i18next";
import type { SearchResult, ServiceDetail } from "../../../modules/directory/contract";
import { TERM_BY_CODE } from "../../../modules/directory/taxonomy";
import { formatIntervals, type Interval, isAllDay } from "./hoursText";

type OpenState = SearchResult["open"];

export function OpenBadge({ open, at }: { open: OpenState; at?: "now" | "then" }) {
  const { t } = useTranslation();
  const when = at ?? "now";
  if (open === "open") {
    return (
      <span className="badge badge-ok directory-open">
        <span aria-hidden="true">✓ </span>
        {t(`findHelp.open.open.${when}`)}
      </span>
    );
  }
  if (open === "closed") {
    return (
      <span className="badge badge-closed directory-open">
        <span aria-hidden="true">✕ </span>
        {t(`findHelp.open.closed.${when}`)}
      </span>
    );
  }
  return <span className="badge directory-open">{t("findHelp.open.unknown")}</span>;
}

/** "Today: 9:00 AM – 5:00 PM", "Open all day today", "Closed today" or "Hours not listed". */
export function todayText(
  today: readonly Interval[],
  open: OpenState,
  language: string,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (today.length === 1 && today[0] && isAllDay(today[0])) return t("findHelp.hours.allDayToday");
  if (today.length > 0) {
    return t("findHelp.hours.today", { hours: formatIntervals(today, language) });
  }
  return open === "unknown" ? t("findHelp.hours.notListed") : t("findHelp.hours.closedToday");
}

/** The names of Mutuo taxonomy codes in the visitor's language (unknown codes are skipped). */
export function termNames(codes: readonly string[], language: "en" | "es"): string[] {
  return codes.flatMap((code) => {
    const term = TERM_BY_CODE.get(code);
    return term ? [term[language]] : [];
  });
}

export function AccessChips({ codes, language }: { codes: string[]; language: "en" | "es" }) {
  const { t } = useTranslation();
  const names = termNames(codes, language);
  if (names.length === 0) return null;
  return (
    <ul className="chips" aria-label={t("findHelp.accessLabel")}>
      {names.map((name) => (
        <li key={name} className="chip">
          <span aria-hidden="true">✓ </span>
          {name}
        </li>
      ))}
    </ul>
  );
}

export function StaleMark() {
  const { t } = useTranslation();
  return (
    <p className="badge badge-warn directory-stale">
      <span aria-hidden="true">! </span>
      {t("findHelp.stale")}
    </p>
  );
}

export function PhoneList({ phones }: { phones: ServiceDetail["phones"] }) {
  const { t } = useTranslation();
  return (
    <ul className="directory-phones">
      {phones.map((phone) => (
        <li key={`${phone.number}:${phone.extension ?? ""}`}>
          <a className="directory-phone" href={`tel:${phone.number.replace(/[^\d+]/g, "")}`}>
            {phone.number}
          </a>
          {phone.extension !== null
            ? ` ${t("findHelp.service.extension", { extension: phone.extension })}`
            : ""}
          {phone.description ? <span className="muted"> — {phone.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}
