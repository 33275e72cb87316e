import { useTranslation } from "react-i18next";

/** Shown inside the layout while a page's code downloads on a first visit to its address. */
export function PageLoading() {
  const { t } = useTranslation();
  return <p className="page-loading">{t("app.loading")}</p>;
}
