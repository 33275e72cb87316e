// How typed hours were understood, as the visitor will see them: day by day, then the other
// rules in words, or which part could not be read. Uses the server's own parser.
import { useTranslation } from "react-i18next";
import { otherRules, parseHours, weeklyHours } from "../../../modules/directory/schedule";
import { currentLanguage } from "../../i18n";

/** Monday 2024-01-01 onwards: a known week to name weekdays in the interface language. */
function weekdayName(weekday: number, language: string): string {
  const date = new Date(Date.UTC(2024, 0, weekday));
  return new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(date);
}

export function HoursPreview({ text }: { text: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (!text.trim()) return null;
  const parsed = parseHours(text);
  const week = weeklyHours(parsed.rules);
  const others = otherRules(parsed.rules, language);
  return (
    <div className="hours-preview" aria-live="polite">
      {parsed.problems.length ? (
        <p className="field-error">
          {t("directoryAdmin.edit.preview.unreadable", {
            text: parsed.problems.map((p) => p.text).join("; "),
          })}
        </p>
      ) : (
        <>
          <p className="field-hint">{t("directoryAdmin.edit.preview.understood")}</p>
          <ul>
            {week.map((day) => (
              <li key={day.weekday}>
                {weekdayName(day.weekday, language)}:{" "}
                {day.hours.length
                  ? day.hours.map((h) => `${h.opens}–${h.closes}`).join(", ")
                  : t("directoryAdmin.edit.preview.closed")}
              </li>
            ))}
            {others.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
