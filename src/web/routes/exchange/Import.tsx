// Importing a spreadsheet (coordinators): choose a CSV file, match its columns to fields (the
// server guesses), check it (a dry run: counts and the rows to look at), then import. Every rule
// is the server's; this page only asks and shows.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportColumnsView, ImportReportView } from "../../../modules/imports/contract";
import {
  FIELDS_OF,
  IMPORT_LIMITS,
  type ImportKind,
  type Target,
} from "../../../modules/imports/fields";
import {
  ErrorSummary,
  RadioGroup,
  SelectField,
  StatusMessage,
  SubmitButton,
} from "../../components/forms";
import { Loading, Refusal, SignInNeeded } from "../../components/Refusal";
import enTexts from "../../i18n/imports/screens.en.json";
import esTexts from "../../i18n/imports/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { apiFetch } from "../../lib/api";
import { describeError, type ErrorView } from "../../lib/errors";
import { isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";
import { CATEGORY_IDS, URGENCIES } from "./needsApi";

addScreenTexts({ en: enTexts, es: esTexts });

type DateOrder = "mdy" | "dmy";

interface Choice {
  kind: ImportKind;
  file: string;
  mapping: Target[];
  dateOrder: DateOrder;
  category: Record<string, string>;
  urgency: Record<string, string>;
}

/** The file's bytes as base64 (the server checks the encoding itself). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function mappingBody(choice: Choice) {
  const category = Object.keys(choice.category).length > 0 ? { category: choice.category } : {};
  const urgency = Object.keys(choice.urgency).length > 0 ? { urgency: choice.urgency } : {};
  return {
    kind: choice.kind,
    file: choice.file,
    mapping: choice.mapping,
    dateOrder: choice.dateOrder,
    ...(category.category || urgency.urgency ? { values: { ...category, ...urgency } } : {}),
  };
}

/** Moves focus to a step's heading when it appears, so keyboard and screen reader users follow. */
function useFocusOnShow<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again whenever the step changes
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}

export default function Import() {
  const { t } = useTranslation();
  const { group } = useGroup();
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("imports.screen.documentTitle", { name: group.data.name })
        : t("imports.screen.title"),
    }),
  );
  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  const viewer = group.data.viewer;
  if (viewer.role === null && !viewer.networkAdmin) return <SignInNeeded />;
  return <ImportSteps group={group.data} />;
}

function ImportSteps({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const [columns, setColumns] = useState<ImportColumnsView | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [done, setDone] = useState<ImportReportView | null>(null);
  const coordinator = isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin);

  function restart() {
    setColumns(null);
    setChoice(null);
    setReport(null);
    setDone(null);
  }

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("imports.screen.title")}</h1>
      <GroupNav group={group} />
      <p className="lead">{t("imports.screen.lead")}</p>
      {!coordinator ? (
        <p>{t("imports.screen.onlyCoordinators")}</p>
      ) : done ? (
        <Done group={group} report={done} onAgain={restart} />
      ) : !columns || !choice ? (
        <FileStep
          groupId={group.id}
          onRead={(view, file) => {
            setColumns(view);
            setChoice({
              kind: view.kind,
              file,
              mapping: view.columns.map((c) => c.guess),
              dateOrder: view.dateOrder,
              category: {},
              urgency: {},
            });
          }}
        />
      ) : (
        <MappingStep
          groupId={group.id}
          columns={columns}
          choice={choice}
          report={report}
          onChoice={(next) => {
            setChoice(next);
          }}
          onReport={setReport}
          onDone={setDone}
          onRestart={restart}
        />
      )}
    </>
  );
}

function FileStep({
  groupId,
  onRead,
}: {
  groupId: string;
  onRead: (view: ImportColumnsView, file: string) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>("needs");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const heading = useFocusOnShow<HTMLHeadingElement>("file");
  const read = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("no file");
      const data = await base64Of(file);
      const view = await apiFetch<ImportColumnsView>(`/api/v1/groups/${groupId}/imports/columns`, {
        method: "POST",
        json: { kind, file: data },
      });
      return { view, data };
    },
    onSuccess: ({ view, data }) => onRead(view, data),
    onError: (err) => setError(describeError(err, t)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (read.isPending) return;
    if (!file) {
      setError({ title: t("imports.screen.file.required"), fields: [] });
      return;
    }
    if (file.size > IMPORT_LIMITS.maxBytes) {
      setError({ title: t("imports.screen.file.tooLarge"), fields: [] });
      return;
    }
    setError(null);
    read.mutate();
  }

  return (
    <section aria-labelledby="import-file-title">
      <h2 id="import-file-title" ref={heading} tabIndex={-1}>
        {t("imports.screen.steps.file")}
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <RadioGroup
          id="import-kind"
          legend={t("imports.screen.kind.legend")}
          value={kind}
          onValue={setKind}
          choices={[
            {
              value: "needs",
              label: t("imports.screen.kind.needs"),
              description: t("imports.screen.kind.needsHint"),
            },
            {
              value: "volunteers",
              label: t("imports.screen.kind.volunteers"),
              description: t("imports.screen.kind.volunteersHint"),
            },
          ]}
        />
        <div className="field">
          <label htmlFor="import-file">{t("imports.screen.file.label")}</label>
          <p id="import-file-hint" className="field-hint">
            {t("imports.screen.file.hint")}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="import-file-hint"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <SubmitButton pending={read.isPending} pendingLabel={t("imports.screen.file.reading")}>
          {t("imports.screen.file.read")}
        </SubmitButton>
      </form>
    </section>
  );
}

function MappingStep({
  groupId,
  columns,
  choice,
  report,
  onChoice,
  onReport,
  onDone,
  onRestart,
}: {
  groupId: string;
  columns: ImportColumnsView;
  choice: Choice;
  report: ImportReportView | null;
  onChoice: (choice: Choice) => void;
  onReport: (report: ImportReportView | null) => void;
  onDone: (report: ImportReportView) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ErrorView | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  // The free-text values of the last check stay choosable while a new check is due.
  const [values, setValues] = useState<ImportReportView["values"] | null>(null);
  const heading = useFocusOnShow<HTMLHeadingElement>("columns");
  const targets: Target[] = ["ignore", ...FIELDS_OF[choice.kind]];
  const check = useMutation({
    mutationFn: (next: Choice) =>
      apiFetch<ImportReportView>(`/api/v1/groups/${groupId}/imports/dry-run`, {
        method: "POST",
        json: mappingBody(next),
      }),
    onSuccess: (view) => {
      setError(null);
      setValues(view.values);
      onReport(view);
      setAnnouncement(t("imports.screen.report.checked", { count: view.counts.create }));
    },
    onError: (err) => {
      onReport(null);
      setError(describeError(err, t));
    },
  });
  const confirm = useMutation({
    mutationFn: (expectedCount: number) =>
      apiFetch<ImportReportView>(`/api/v1/groups/${groupId}/imports`, {
        method: "POST",
        json: { ...mappingBody(choice), expectedCount },
      }),
    onSuccess: onDone,
    onError: (err) => setError(describeError(err, t)),
  });

  function update(next: Choice) {
    // Any change makes the last check stale: it must be run again before importing.
    onChoice(next);
    onReport(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!check.isPending) check.mutate(choice);
  }

  return (
    <>
      <section aria-labelledby="import-columns-title">
        <h2 id="import-columns-title" ref={heading} tabIndex={-1}>
          {t("imports.screen.steps.columns")}
        </h2>
        <p>{t("imports.screen.columns.lead")}</p>
        <p>{t("imports.screen.columns.rows", { count: columns.rowCount })}</p>
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} />
          {columns.columns.map((column) => (
            <SelectField
              key={column.index}
              id={`import-column-${column.index}`}
              label={
                column.header
                  ? t("imports.screen.columns.columnLabel", { header: column.header })
                  : t("imports.screen.columns.untitled", { number: column.index + 1 })
              }
              hint={
                column.sample
                  ? t("imports.screen.columns.sample", { sample: column.sample })
                  : t("imports.screen.columns.noSample")
              }
              value={choice.mapping[column.index] ?? "ignore"}
              onValue={(value) => {
                const mapping = [...choice.mapping];
                mapping[column.index] = value as Target;
                setValues(null);
                update({ ...choice, mapping, category: {}, urgency: {} });
              }}
              options={targets.map((target) => ({
                value: target,
                label: t(`imports.screen.fields.${target}`),
              }))}
            />
          ))}
          {choice.mapping.includes("createdAt") ? (
            <RadioGroup
              id="import-date-order"
              legend={t("imports.screen.columns.dateOrder")}
              value={choice.dateOrder}
              onValue={(dateOrder) => update({ ...choice, dateOrder })}
              choices={[
                { value: "mdy", label: t("imports.screen.columns.mdy") },
                { value: "dmy", label: t("imports.screen.columns.dmy") },
              ]}
            />
          ) : null}
          {values && values.category.length + values.urgency.length > 0 ? (
            <fieldset className="field">
              <legend>{t("imports.screen.report.values")}</legend>
              <p className="field-hint">{t("imports.screen.report.valuesLead")}</p>
              {values.category.map((value) => (
                <SelectField
                  key={`c-${value.text}`}
                  id={`import-category-${value.text.replace(/\W+/g, "-")}`}
                  label={t("imports.screen.report.categoryValue", {
                    text: value.text,
                    count: value.count,
                  })}
                  value={choice.category[value.text] ?? value.mapsTo}
                  onValue={(picked) =>
                    update({ ...choice, category: { ...choice.category, [value.text]: picked } })
                  }
                  options={CATEGORY_IDS.map((id) => ({
                    value: id,
                    label: t(`exchange.categories.${id}`),
                  }))}
                />
              ))}
              {values.urgency.map((value) => (
                <SelectField
                  key={`u-${value.text}`}
                  id={`import-urgency-${value.text.replace(/\W+/g, "-")}`}
                  label={t("imports.screen.report.urgencyValue", {
                    text: value.text,
                    count: value.count,
                  })}
                  value={choice.urgency[value.text] ?? value.mapsTo}
                  onValue={(picked) =>
                    update({ ...choice, urgency: { ...choice.urgency, [value.text]: picked } })
                  }
                  options={URGENCIES.map((id) => ({
                    value: id,
                    label: t(`exchange.urgency.${id}`),
                  }))}
                />
              ))}
            </fieldset>
          ) : null}
          <p className="button-row">
            <SubmitButton
              pending={check.isPending}
              pendingLabel={t("imports.screen.columns.checking")}
              className={report ? "button-secondary" : "button"}
            >
              {report ? t("imports.screen.report.recheck") : t("imports.screen.columns.check")}
            </SubmitButton>
            <button type="button" className="button-link" onClick={onRestart}>
              {t("imports.screen.columns.another")}
            </button>
          </p>
        </form>
      </section>
      <StatusMessage>{announcement}</StatusMessage>
      {report ? (
        <Report
          report={report}
          pending={confirm.isPending}
          onConfirm={() => {
            if (!confirm.isPending) confirm.mutate(report.counts.create);
          }}
        />
      ) : null}
    </>
  );
}

function Counts({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  const c = report.counts;
  const rows: [string, number][] = [
    [t("imports.screen.report.rows"), c.rows],
    [
      report.kind === "needs"
        ? t("imports.screen.report.createNeeds")
        : t("imports.screen.report.createVolunteers"),
      c.create,
    ],
    [t("imports.screen.report.duplicate"), c.duplicate],
    ...(report.kind === "volunteers"
      ? [[t("imports.screen.report.existing"), c.existing] as [string, number]]
      : []),
    [t("imports.screen.report.invalid"), c.invalid],
    [t("imports.screen.report.warnings"), c.warnings],
  ];
  return (
    <dl className="facts import-counts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Problems({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("imports.screen.report.problems")}</h3>
      {report.problems.length === 0 ? (
        <p className="empty">{t("imports.screen.report.noProblems")}</p>
      ) : (
        <ul className="import-problems">
          {report.problems.map((problem) => (
            <li key={`${problem.row}-${problem.code}-${problem.column ?? ""}`}>
              <strong>
                {problem.severity === "error"
                  ? t("imports.screen.report.error")
                  : t("imports.screen.report.warning")}
                {" · "}
                {problem.column
                  ? t("imports.screen.report.problemColumn", {
                      row: problem.row,
                      column: problem.column,
                    })
                  : t("imports.screen.report.problemLine", { row: problem.row })}
              </strong>
              {": "}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      {report.problemsNotListed > 0 ? (
        <p>{t("imports.screen.report.notListed", { count: report.problemsNotListed })}</p>
      ) : null}
    </>
  );
}

function Report({
  report,
  pending,
  onConfirm,
}: {
  report: ImportReportView;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnShow<HTMLHeadingElement>(report);
  const n = report.counts.create;
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title" ref={heading} tabIndex={-1}>
        {t("imports.screen.steps.report")}: {t("imports.screen.report.dryTitle")}
      </h2>
      <Counts report={report} />
      <Problems report={report} />
      {n > 0 ? (
        <p>
          <button
            type="button"
            className="button"
            aria-disabled={pending || undefined}
            aria-busy={pending || undefined}
            onClick={onConfirm}
          >
            {pending
              ? t("imports.screen.report.importing")
              : report.kind === "needs"
                ? t("imports.screen.report.confirmNeeds", { count: n })
                : t("imports.screen.report.confirmVolunteers", { count: n })}
          </button>
        </p>
      ) : (
        <p>{t("imports.screen.report.nothing")}</p>
      )}
    </section>
  );
}

function Done({
  group,
  report,
  onAgain,
}: {
  group: GroupDetail;
  report: ImportReportView;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnShow<HTMLHeadingElement>("done");
  return (
    <section aria-labelledby="import-done-title">
      <h2 id="import-done-title" ref={heading} tabIndex={-1}>
        {t("imports.screen.report.doneTitle")}
      </h2>
      <div role="status">
        <p className="status-text">
          {report.kind === "needs"
            ? t("imports.screen.report.doneNeeds", { count: report.counts.create })
            : t("imports.screen.report.doneVolunteers", { count: report.counts.create })}
        </p>
      </div>
      {report.emailsFailed ? (
        <p>{t("imports.screen.report.emailsFailed", { count: report.emailsFailed })}</p>
      ) : null}
      <Counts report={report} />
      <Problems report={report} />
      <p className="button-row">
        <Link className="button" to={`/groups/${group.id}`}>
          {t("imports.screen.report.backToGroup")}
        </Link>
        <button type="button" className="button-secondary" onClick={onAgain}>
          {t("imports.screen.report.again")}
        </button>
      </p>
    </section>
  );
}
