import { useTranslation } from "react-i18next";
import { chooseLanguage, currentLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n";

export function LanguageSwitcher() {
  const { t } = useTranslation(); // also re-renders this when the language changes
  const active = currentLanguage();

  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t("language.label")}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === active}
          onClick={() => void chooseLanguage(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}
