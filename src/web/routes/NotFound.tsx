import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../lib/usePageTitle";

export default function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.documentTitle"));

  return (
    <section className="message-page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link className="button" to="/">
          {t("notFound.homeLink")}
        </Link>
      </p>
    </section>
  );
}
