// The directory import's dry-run report (records per kind, rejected rows with their reasons,
// warnings, then "Import now") and the summary after importing, with links to the listings.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  DIRECTORY_IMPORT_LIMITS,
  type ImportReportView,
} from "../../../modules/directory/import-contract";
import { useFocusOnShow } from "./ImportFocus";

type Problem = ImportReportView["rejected"][number];

const KNOWN_TABLES = new Set([
  "organization",
  "service",
  "location",
  "service_at_location",
  "address",
  "phone",
  "schedule",
  "language",
  "attribute",
  "program",
  "contact",
  "taxonomy",
  "taxonomy_term",
  "accessibility",
  "funding",
  "service_area",
  "required_document",
  "cost_option",
]);

function Counts({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  const tables = [...new Set([...Object.keys(report.created), ...Object.keys(report.updated)])];
  if (tables.length === 0) return <p>{t("directoryImport.screen.report.nothingToWrite")}</p>;
  const name = (table: string) =>
    KNOWN_TABLES.has(table)
      ? t(`directoryImport.screen.tables.${table}`)
      : t("directoryImport.screen.tables.other", { table });
  return (
    <div className="table-scroll">
      <table className="directory-import-counts">
        <caption>{t("directoryImport.screen.report.countsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("directoryImport.screen.report.table")}</th>
            <th scope="col">{t("directoryImport.screen.report.created")}</th>
            <th scope="col">{t("directoryImport.screen.report.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((table) => (
            <tr key={table}>
              <th scope="row">{name(table)}</th>
              <td>{report.created[table] ?? 0}</td>
              <td>{report.updated[table] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProblemList({ problems, total }: { problems: Problem[]; total: number }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="import-problems">
        {problems.map((problem) => (
          <li key={`${problem.pointer}|${problem.code}|${problem.text}`}>
            {problem.row !== null ? (
              <strong>{t("directoryImport.screen.report.rowLabel", { row: problem.row })}: </strong>
            ) : null}
            {problem.text}
          </li>
        ))}
      </ul>
      {total > problems.length ? (
        <p>
          {t("directoryImport.screen.report.notListed", {
            shown: DIRECTORY_IMPORT_LIMITS.maxProblemsListed,
          })}
        </p>
      ) : null}
    </>
  );
}

function Problems({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("directoryImport.screen.report.rejected", { count: report.rejectedCount })}</h3>
      {report.rejectedCount === 0 ? (
        <p className="empty">{t("directoryImport.screen.report.noRejected")}</p>
      ) : (
        <ProblemList problems={report.rejected} total={report.rejectedCount} />
      )}
      {report.warningCount > 0 ? (
        <>
          <h3>{t("directoryImport.screen.report.warnings", { count: report.warningCount })}</h3>
          <ProblemList problems={report.warnings} total={report.warningCount} />
        </>
      ) : null}
    </>
  );
}

export function ImportReport({
  report,
  skipInvalid,
  pending,
  onConfirm,
}: {
  report: ImportReportView;
  skipInvalid: boolean;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnShow<HTMLHeadingElement>(report);
  const writes = Object.keys(report.created).length + Object.keys(report.updated).length > 0;
  const blocked = report.rejectedCount > 0 && !skipInvalid;
  return (
    <section aria-labelledby="directory-import-report-title">
      <h2 id="directory-import-report-title" ref={heading} tabIndex={-1}>
        {t("directoryImport.screen.steps.report")}
      </h2>
      <Counts report={report} />
      <Problems report={report} />
      {blocked ? (
        <p>{t("directoryImport.screen.report.blocked")}</p>
      ) : writes ? (
        <p>
          <button
            type="button"
            className="button"
            aria-disabled={pending || undefined}
            aria-busy={pending || undefined}
            onClick={onConfirm}
          >
            {pending
              ? t("directoryImport.screen.report.importing")
              : t("directoryImport.screen.report.confirm")}
          </button>
        </p>
      ) : null}
    </section>
  );
}

export function ImportDone({ report, onAgain }: { report: ImportReportView; onAgain: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusOnShow<HTMLHeadingElement>("done");
  return (
    <section aria-labelledby="directory-import-done-title">
      <h2 id="directory-import-done-title" ref={heading} tabIndex={-1}>
        {t("directoryImport.screen.steps.done")}
      </h2>
      <div role="status">
        <p className="status-text">
          {t("directoryImport.screen.done.summary", {
            created: report.services.created,
            updated: report.services.updated,
          })}
        </p>
      </div>
      <Counts report={report} />
      {report.rejectedCount > 0 ? <Problems report={report} /> : null}
      {report.serviceIds.length > 0 ? (
        <>
          <h3>{t("directoryImport.screen.done.listings")}</h3>
          <ul>
            {report.serviceIds.map((id, index) => (
              <li key={id}>
                <Link to={`/directory/services/${id}`}>
                  {t("directoryImport.screen.done.listing", { number: index + 1 })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="button-row">
        <Link className="button" to="/directory">
          {t("directoryImport.screen.done.search")}
        </Link>
        <button type="button" className="button-secondary" onClick={onAgain}>
          {t("directoryImport.screen.done.again")}
        </button>
      </p>
    </section>
  );
}
