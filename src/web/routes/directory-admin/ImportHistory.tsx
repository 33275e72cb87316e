// The directory's past imports, newest first (the import page, network admins): each with its
// file, who ran it and when, what it created and updated, and what became of it in words — an
// import stopped part-way says how far it got and how to finish it. Refreshes itself while an
// import is running (this page's, whose progress then shows here, or one from the command line).
import { useIsMutating, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  ImportHistoryItem,
  ImportHistoryView,
} from "../../../modules/directory/import-contract";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { apiFetch } from "../../lib/api";
import { formatCount, formatDateTime } from "../../lib/format";
import { importOutcomeText, needsFinishing } from "./importHistoryText";
import { Pager } from "./Pager";

export const importHistoryKey = ["directory", "imports"] as const;
/** The confirmation's mutation (DirectoryImport.tsx): while it runs, its progress is shown. */
export const importConfirmKey = ["directory", "imports", "confirm"] as const;

const RUNNING_REFRESH_MS = 5000;
const OWN_IMPORT_REFRESH_MS = 2000;

export function ImportHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const importing = useIsMutating({ mutationKey: importConfirmKey }) > 0;
  const history = useQuery({
    queryKey: [...importHistoryKey, page],
    queryFn: ({ signal }) =>
      apiFetch<ImportHistoryView>(`/api/v1/directory/imports?page=${page}`, { signal }),
    refetchInterval: (query) =>
      importing
        ? OWN_IMPORT_REFRESH_MS
        : query.state.data?.imports.some((i) => i.outcome === "running")
          ? RUNNING_REFRESH_MS
          : false,
  });
  return (
    <section aria-labelledby="import-history-title" className="section">
      <h2 id="import-history-title">{t("directoryImport.history.title")}</h2>
      {history.isError ? (
        <Refusal error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Loading />
      ) : history.data.imports.length === 0 ? (
        <p className="empty">{t("directoryImport.history.empty")}</p>
      ) : (
        <>
          <ul className="cards">
            {history.data.imports.map((item) => (
              <ImportCard key={item.id} item={item} />
            ))}
          </ul>
          <Pager
            page={page}
            perPage={history.data.perPage}
            total={history.data.total}
            onPage={setPage}
          />
        </>
      )}
    </section>
  );
}

const BADGE: Record<ImportHistoryItem["outcome"], string> = {
  applied: "badge badge-ok",
  running: "badge",
  refused: "badge badge-warn",
  failed: "badge badge-warn",
  interrupted: "badge badge-warn",
};

function ImportCard({ item }: { item: ImportHistoryItem }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const number = (n: number) => formatCount(n, language);
  const outcome = importOutcomeText(item, t, language);
  const started = formatDateTime(item.startedAt, language);
  return (
    <li className="card">
      <h3>{item.source}</h3>
      <p className={BADGE[item.outcome]}>{outcome}</p>
      <p className="muted">
        {item.startedBy
          ? t("directoryImport.history.startedBy", { date: started, name: item.startedBy })
          : t("directoryImport.history.startedCli", { date: started })}
      </p>
      {item.outcome !== "refused" && (item.created > 0 || item.updated > 0 || item.rejected > 0) ? (
        <p>
          {t("directoryImport.history.counts", {
            created: number(item.created),
            updated: number(item.updated),
            rejected: number(item.rejected),
          })}
        </p>
      ) : null}
      {item.completedBy ? (
        <p>
          {item.completedBy.finishedAt
            ? t("directoryImport.history.completedBy", {
                date: formatDateTime(item.completedBy.finishedAt, language),
              })
            : t("directoryImport.history.completedByLater")}
        </p>
      ) : needsFinishing(item) ? (
        <p>{t("directoryImport.history.finishIt")}</p>
      ) : null}
    </li>
  );
}
