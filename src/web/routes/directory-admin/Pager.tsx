// "Previous / Next" under a paginated list, with where one is ("Page 2 of 5").
import { useTranslation } from "react-i18next";
import enTexts from "../../i18n/directory-admin/screens.en.json";
import esTexts from "../../i18n/directory-admin/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";

addScreenTexts({ en: enTexts, es: esTexts });

export function Pager({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="button-row" aria-label={t("directoryAdmin.pager.label")}>
      <button
        type="button"
        className="button-secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t("directoryAdmin.pager.previous")}
      </button>
      <span>{t("directoryAdmin.pager.where", { page, pages })}</span>
      <button
        type="button"
        className="button-secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t("directoryAdmin.pager.next")}
      </button>
    </nav>
  );
}
