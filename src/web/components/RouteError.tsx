import { useTranslation } from "react-i18next";
import { usePageTitle } from "../lib/usePageTitle";

/**
 * Shown when a page cannot render, most often because its code could not be downloaded
 * (offline, or a new version was deployed). Never shows the error itself to the user.
 */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t("error.documentTitle"));

  return (
    <section className="message-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("error.title")}</h1>
      <p>{t("error.text")}</p>
      <p>
        {/* A real page load fetches the current version of the app. */}
        <a className="button" href={window.location.href}>
          {t("error.reload")}
        </a>
      </p>
    </section>
  );
}
