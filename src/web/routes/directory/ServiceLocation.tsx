// One place where a service is given: the address with a directions link, whether it is open,
// today's and the week's hours in the place's own time (its zone named when it is not the
// visitor's), other rules in words, closures coming up, phones, languages, access, transport.
import { useTranslation } from "react-i18next";
import type { ServiceDetail } from "../../../modules/directory/contract";
import { formatList, languageName } from "../../lib/format";
import { Fact } from "./Fact";
import {
  formatIntervals,
  formatLocalDate,
  isAllDay,
  timeZoneNote,
  visitorTimeZone,
  weekdayName,
} from "./hoursText";
import { OpenBadge, PhoneList, todayText } from "./Listing";

type Location = ServiceDetail["locations"][number];

export function ServiceLocation({
  location,
  language,
  single,
  serviceName,
}: {
  location: Location;
  language: "en" | "es";
  single: boolean;
  serviceName: string;
}) {
  const { t } = useTranslation();
  const headingId = `location-${location.location_id}`;
  const title = single
    ? t("findHelp.location.whereAndWhen")
    : (location.name ?? location.address[0] ?? serviceName);
  const zone = timeZoneNote(location.time_zone, language, visitorTimeZone());
  const languages = location.languages.map((code) => languageName(code, t, language));

  return (
    <section className="section directory-location" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {location.address.length ? (
        <address className="directory-address">
          {location.address.map((line) => (
            <span key={line}>
              {line}
              <br />
            </span>
          ))}
        </address>
      ) : null}
      {location.directions_url ? (
        <p>
          <a
            className="button directory-directions"
            href={location.directions_url}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("findHelp.location.directions")}
            <span className="visually-hidden"> {t("findHelp.location.newWindow")}</span>
          </a>
        </p>
      ) : null}
      <p className="directory-facts">
        <OpenBadge open={location.open} />
      </p>
      <p className="directory-today">{todayText(location.today, location.open, language, t)}</p>
      <WeekTable location={location} language={language} headingId={headingId} zone={zone} />
      {location.other_hours.length ? (
        <ul className="directory-other-hours">
          {location.other_hours.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      ) : null}
      {location.closures.length ? (
        <div className="panel directory-closures">
          <h3>{t("findHelp.location.closures")}</h3>
          <ul>
            {location.closures.map((c) => (
              <li key={`${c.from}:${c.to}`}>
                {c.from === c.to
                  ? formatLocalDate(c.from, language)
                  : t("findHelp.location.closedFromTo", {
                      from: formatLocalDate(c.from, language),
                      to: formatLocalDate(c.to, language),
                    })}
                {c.note ? ` — ${c.note}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        {location.phones.length ? (
          <Fact label={t("findHelp.service.phones")}>
            <PhoneList phones={location.phones} />
          </Fact>
        ) : null}
        {languages.length ? (
          <Fact label={t("findHelp.service.languages")}>{formatList(languages, language)}</Fact>
        ) : null}
        {location.accessibility.length ? (
          <Fact label={t("findHelp.location.accessibility")}>
            {location.accessibility.join(" · ")}
          </Fact>
        ) : null}
        {location.transportation ? (
          <Fact label={t("findHelp.location.transportation")}>{location.transportation}</Fact>
        ) : null}
      </dl>
    </section>
  );
}

function WeekTable({
  location,
  language,
  headingId,
  zone,
}: {
  location: Location;
  language: "en" | "es";
  headingId: string;
  zone: string | null;
}) {
  const { t } = useTranslation();
  if (location.week.length === 0) return null;
  const byDay = new Map(location.week.map((day) => [day.weekday, day.hours]));
  return (
    <table className="directory-week" aria-describedby={zone ? `${headingId}-zone` : undefined}>
      <caption>{t("findHelp.location.week")}</caption>
      <tbody>
        {[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
          const hours = byDay.get(weekday) ?? [];
          const allDay = hours.length === 1 && hours[0] && isAllDay(hours[0]);
          return (
            <tr key={weekday}>
              <th scope="row">{weekdayName(weekday, language)}</th>
              <td>
                {allDay
                  ? t("findHelp.hours.allDay")
                  : hours.length
                    ? formatIntervals(hours, language)
                    : t("findHelp.hours.closed")}
              </td>
            </tr>
          );
        })}
      </tbody>
      {zone ? (
        <tfoot>
          <tr>
            <td colSpan={2} id={`${headingId}-zone`} className="muted">
              {t("findHelp.hours.zoneNote", { zone })}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
