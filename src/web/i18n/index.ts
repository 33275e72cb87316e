import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { clientCatalogs as catalogs } from "./clientCatalogs";
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_COOKIE,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  languageCookie,
  matchLanguage,
  pickLanguage,
  readCookie,
} from "./language";

export { LANGUAGE_NAMES, LANGUAGES, type Language } from "./language";

const inBrowser = typeof window !== "undefined" && typeof document !== "undefined";

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, strict settings)
  }
}

function detectLanguage(): Language {
  if (!inBrowser) return DEFAULT_LANGUAGE;
  return pickLanguage({
    stored: readStoredLanguage(),
    cookie: readCookie(document.cookie, LANGUAGE_COOKIE),
    htmlLang: document.documentElement.getAttribute("lang"),
    navigatorLanguages: navigator.languages ?? [navigator.language],
  });
}

export const i18n = i18next.createInstance();

// Registered before init so the first language (detected or default) also reaches <html lang>.
i18n.on("languageChanged", (language) => {
  if (inBrowser) document.documentElement.lang = matchLanguage(language) ?? DEFAULT_LANGUAGE;
});

i18n.use(initReactI18next).init({
  resources: { en: { translation: catalogs.en }, es: { translation: catalogs.es } },
  lng: detectLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes text
  react: { useSuspense: false },
});

/** The language the interface is shown in now. */
export function currentLanguage(): Language {
  return matchLanguage(i18n.resolvedLanguage ?? i18n.language) ?? DEFAULT_LANGUAGE;
}

/** Switches language and remembers the choice in this browser and in a cookie for the server. */
export async function chooseLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  if (!inBrowser) return;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // The cookie below still carries the choice.
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie; no API needed.
  document.cookie = languageCookie(language, window.location.protocol === "https:");
}
