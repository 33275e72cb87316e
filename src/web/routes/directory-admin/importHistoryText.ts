// What became of an import, in words (ImportHistory.tsx): an import stopped part-way says how
// far it got, and whether importing the same file again would finish it.
import type { TFunction } from "i18next";
import type { ImportHistoryItem } from "../../../modules/directory/import-contract";
import { formatCount } from "../../lib/format";

export function importOutcomeText(item: ImportHistoryItem, t: TFunction, language: string): string {
  const number = (n: number) => formatCount(n, language);
  const progress = { done: number(item.recordsDone), total: number(item.recordsTotal ?? 0) };
  const partial = item.recordsDone > 0 ? "Partial" : "";
  switch (item.outcome) {
    case "running":
      return t("directoryImport.history.outcome.running", progress);
    case "interrupted":
    case "failed":
      return t(`directoryImport.history.outcome.${item.outcome}${partial}`, progress);
    case "refused":
      return t("directoryImport.history.outcome.refused", { count: item.rejected });
    case "applied":
      return t("directoryImport.history.outcome.applied");
  }
}

/** Stopped part-way, some records written, and no later import of the file has finished it. */
export function needsFinishing(item: ImportHistoryItem): boolean {
  if (item.completedBy) return false;
  return item.outcome === "interrupted" || (item.outcome === "failed" && item.recordsDone > 0);
}
