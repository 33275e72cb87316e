// What leaves the server about an import: the file's columns and the (dry-run) report, its
// problems translated. Never a row's contents beyond the first value of each column, which the
// coordinator uploaded themselves.
import { type Language, translate } from "../../lib/i18n";
import type { ImportColumnsView, ImportReportView } from "./contract";
import {
  type DateOrder,
  IMPORT_LIMITS,
  type ImportKind,
  type RowProblem,
  type Target,
} from "./model";

const SAMPLE_LENGTH = 40;

export function presentColumns(
  kind: ImportKind,
  header: readonly string[],
  rows: readonly { cells: readonly string[] }[],
  guesses: readonly Target[],
  delimiter: "," | ";" | "\t",
  dateOrder: DateOrder,
): ImportColumnsView {
  return {
    kind,
    rowCount: rows.length,
    delimiter,
    dateOrder,
    columns: header.map((text, index) => {
      const first = rows.find((r) => (r.cells[index] ?? "").trim() !== "")?.cells[index] ?? "";
      const flat = first.trim().replace(/\s+/g, " ");
      return {
        index,
        header: text,
        sample: flat.length > SAMPLE_LENGTH ? `${flat.slice(0, SAMPLE_LENGTH - 1)}…` : flat,
        guess: guesses[index] ?? "ignore",
      };
    }),
  };
}

/** "Description", in the request's language: for problems that name a field. */
export function fieldName(language: Language, field: Target): string {
  return translate(language, `imports.fieldNames.${field}`);
}

export interface Plan {
  kind: ImportKind;
  dateOrder: DateOrder;
  rows: number;
  create: number;
  duplicate: number;
  existing: number;
  invalid: number;
  problems: RowProblem[];
  values: ImportReportView["values"];
}

export function presentReport(
  plan: Plan,
  header: readonly string[],
  language: Language,
  dryRun: boolean,
  extra: { emailsFailed?: number } = {},
): ImportReportView {
  const listed = plan.problems.slice(0, IMPORT_LIMITS.maxProblemsListed);
  const columnName = (column: number | null) =>
    column === null ? null : header[column]?.trim() || `#${column + 1}`;
  return {
    kind: plan.kind,
    dryRun,
    dateOrder: plan.dateOrder,
    counts: {
      rows: plan.rows,
      create: plan.create,
      duplicate: plan.duplicate,
      existing: plan.existing,
      invalid: plan.invalid,
      warnings: plan.problems.filter(
        (p) =>
          p.severity === "warning" &&
          p.code !== "duplicate_in_file" &&
          p.code !== "duplicate_existing" &&
          p.code !== "already_member",
      ).length,
    },
    problems: listed.map((p) => ({
      row: p.row,
      column: columnName(p.column),
      code: p.code,
      severity: p.severity,
      message: translate(language, `imports.rowProblems.${p.code}`, {
        ...p.params,
        column: columnName(p.column) ?? "",
      }),
    })),
    problemsNotListed: plan.problems.length - listed.length,
    values: plan.values,
    ...(extra.emailsFailed !== undefined ? { emailsFailed: extra.emailsFailed } : {}),
  };
}
