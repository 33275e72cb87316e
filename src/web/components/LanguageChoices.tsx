import { LANGUAGE_NAMES } from "../i18n";

/** Each language named in itself ("English", "Español"), as language pickers do. */
export const LANGUAGE_CHOICES = (["en", "es"] as const).map((code) => ({
  value: code,
  label: <span lang={code}>{LANGUAGE_NAMES[code]}</span>,
}));
