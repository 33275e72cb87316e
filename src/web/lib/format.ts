// Dates, numbers and language names in the reader's language.
import type { TFunction } from "i18next";

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions, timeZone?: string) {
  const key = `${language}|${JSON.stringify(options)}|${timeZone ?? ""}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(language, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(language, options); // an unknown zone: the device's
    }
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "3 mar 2025, 14:05" / "Mar 3, 2025, 2:05 PM". */
export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(language, { dateStyle: "medium", timeStyle: "short" }, timeZone).format(date);
}

/** A count with the language's grouping ("12,479" / "12.479"). */
export function formatCount(n: number, language: string): string {
  return n.toLocaleString(language);
}

export function formatDate(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(language, { dateStyle: "long" }, timeZone).format(date);
}

/** A spoken language's name in the interface language ("es" → "Spanish" / "español"). */
export function languageName(code: string, t: TFunction, uiLanguage: string): string {
  if (code === "en" || code === "es") return t(`common.languageNames.${code}`);
  try {
    return new Intl.DisplayNames([uiLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "English and Spanish" / "inglés y español". */
export function formatList(items: string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { style: "long", type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}
