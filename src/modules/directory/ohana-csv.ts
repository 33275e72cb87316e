// Reading an Ohana export's CSV files: which files, their caps, rows by column name, and the
// small cell helpers every Ohana mapper uses. See ohana.ts.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { HsdsProblem, HsdsRow } from "./hsds/tabular";
import { readCsvTable, stableId } from "./import-common";

/** Every Ohana file we read; only organizations.csv and locations.csv must be there. */
export const OHANA_FILES = [
  "organizations.csv",
  "programs.csv",
  "locations.csv",
  "addresses.csv",
  "mail_addresses.csv",
  "phones.csv",
  "services.csv",
  "regular_schedules.csv",
  "holiday_schedules.csv",
  "taxonomy.csv",
] as const;
export type OhanaFile = (typeof OHANA_FILES)[number];
const REQUIRED_FILES: readonly OhanaFile[] = ["organizations.csv", "locations.csv"];
/** Ohana exports of a whole county are a few MB; a file past this is not one. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
const LIMITS = { maxBytes: MAX_FILE_BYTES, maxRows: 500_000, maxColumns: 100 };

export type Row = { row: number; get(column: string): string };
export type Files = Partial<Record<OhanaFile, Row[]>>;

export const id = (table: string, ohanaId: string) => stableId(`ohana:${table}:${ohanaId}`);

export async function readOhanaFile(
  dir: string,
  file: OhanaFile,
  problems: HsdsProblem[],
): Promise<Row[] | null> {
  const full = path.join(dir, file);
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) {
    if (REQUIRED_FILES.includes(file)) {
      problems.push(fileProblem(file, "ohana_missing_file", `${file} is missing from ${dir}`));
    }
    return null;
  }
  if (info.size > MAX_FILE_BYTES) {
    problems.push(fileProblem(file, "csv_too_large", `${file} is larger than 100 MB`, { mb: 100 }));
    return null;
  }
  const read = readCsvTable(await readFile(full), LIMITS);
  if (!read.ok) {
    // An empty optional file (a header and nothing else) is simply no records.
    if (read.code === "csv_empty") return [];
    problems.push(fileProblem(file, read.code, `${file}: ${read.code}`, read.params));
    return null;
  }
  const columns = new Map(read.table.header.map((h, i) => [h, i]));
  return read.table.rows.map(({ row, cells }) => ({
    row,
    get: (column: string) => (cells[columns.get(column) ?? -1] ?? "").trim(),
  }));
}

function fileProblem(
  file: string,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): HsdsProblem {
  return {
    severity: "error",
    table: null,
    id: null,
    file,
    pointer: `/${file}`,
    code,
    params,
    message,
  };
}

/** Null for an empty cell, so absent fields stay absent. */
export function text(value: string): string | null {
  return value === "" ? null : value;
}

export function list(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The HSDS tables an Ohana export fills. */
export type MappedTable =
  | "organization"
  | "program"
  | "location"
  | "address"
  | "phone"
  | "service"
  | "service_at_location"
  | "schedule"
  | "language"
  | "accessibility"
  | "funding"
  | "service_area"
  | "required_document"
  | "taxonomy"
  | "taxonomy_term"
  | "attribute";
export type Out = Record<MappedTable, HsdsRow[]>;
