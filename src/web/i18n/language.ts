// Pure language negotiation: no DOM access here, so it can be tested in node.

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's name in itself, shown the same whatever the interface language is. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", es: "Español" };

/** Where the user's explicit choice is kept: read by the server to render `<html lang>`. */
export const LANGUAGE_COOKIE = "mutuo_lang";
export const LANGUAGE_STORAGE_KEY = "mutuo.lang";
const ONE_YEAR_SECONDS = 31_536_000;

/** Maps a BCP 47 tag ("es-MX", "en_GB", "ES") to a supported language, if any. */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary);
}

export interface LanguageSources {
  stored?: string | null;
  cookie?: string | null;
  htmlLang?: string | null;
  navigatorLanguages?: readonly string[];
}

/** The first supported language in order: saved choice, cookie, server's `<html lang>`, browser. */
export function pickLanguage(sources: LanguageSources): Language {
  const candidates = [
    sources.stored,
    sources.cookie,
    sources.htmlLang,
    ...(sources.navigatorLanguages ?? []),
  ];
  for (const candidate of candidates) {
    const language = matchLanguage(candidate);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** Reads one cookie's value from a `document.cookie` string. */
export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/** The `document.cookie` assignment that remembers a language for a year. */
export function languageCookie(language: Language, secure: boolean): string {
  const attributes = `Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
  return `${LANGUAGE_COOKIE}=${language}; ${attributes}`;
}
