// The HSDS tabular package: one CSV file per HSDS table plus a datapackage.json, read and written
// from HSDS_TABLES (tables.ts). Files are streamed (csv-parse / csv-stringify) so large packages
// never sit in memory as text; only the converted rows are kept. UTF-8 only.
// Row i (0-based) of `records[table]` is data row i + 1 of its file, so problems found later (by
// validate.ts) can point back at the file: `/locations.csv/3/latitude`.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { type Stringifier, stringify } from "csv-stringify";
import { HSDS_TABLES, type HsdsField, type HsdsTableName, type HsdsTableSpec } from "./tables";

export type HsdsRow = Record<string, unknown>;
export type FlatRecords = Partial<Record<HsdsTableName, HsdsRow[]>>;
export interface HsdsProblem {
  severity: "error" | "warning";
  table: string | null;
  id: string | null;
  file: string | null;
  pointer: string;
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

/** More problems than this in one file are counted, not listed (and a CSV stops being read). */
export const MAX_PROBLEMS_PER_FILE = 1000;
/** A CSV record longer than this (characters) is not a directory row but garbage. */
const MAX_RECORD_CHARS = 1_000_000;

const TABLE_BY_FILE = new Map<string, HsdsTableSpec>(HSDS_TABLES.map((t) => [t.file, t]));
const TABLE_BY_NAME = new Map<string, HsdsTableSpec>(HSDS_TABLES.map((t) => [t.name, t]));

export function tableSpec(name: HsdsTableName): HsdsTableSpec {
  const spec = TABLE_BY_NAME.get(name);
  if (!spec) throw new Error(`Unknown HSDS table ${name}`);
  return spec;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * Collects the problems of one file, keeping at most MAX_PROBLEMS_PER_FILE errors and as many
 * warnings; the rest are only counted and summed up by `close()` in one "too_many_problems".
 */
export class FileProblems {
  readonly list: HsdsProblem[] = [];
  private errors = 0;
  private warnings = 0;
  private dropped = 0;
  private stopped = false;

  constructor(readonly file: string | null) {}

  add(problem: Omit<HsdsProblem, "file"> & { file?: string | null }): void {
    const isError = problem.severity === "error";
    const kept = isError ? this.errors : this.warnings;
    if (kept >= MAX_PROBLEMS_PER_FILE) {
      this.dropped++;
      return;
    }
    if (isError) this.errors++;
    else this.warnings++;
    this.list.push({ ...problem, file: problem.file ?? this.file });
  }

  /** True once the error list is full: readers of huge broken files may stop there. */
  get full(): boolean {
    return this.errors >= MAX_PROBLEMS_PER_FILE;
  }

  /** Says that the rest of the file was not read because the error list is full. */
  stop(): void {
    this.stopped = true;
  }

  close(): HsdsProblem[] {
    if (this.dropped === 0 && !this.stopped) return this.list;
    const more = this.dropped;
    this.list.push({
      severity: "error",
      table: null,
      id: null,
      file: this.file,
      pointer: "",
      code: "too_many_problems",
      params: { more, limit: MAX_PROBLEMS_PER_FILE },
      message: this.stopped
        ? `too many problems: the rest of the file was not checked after the first ${MAX_PROBLEMS_PER_FILE} errors`
        : `and ${more} more problems in this file (only the first ${MAX_PROBLEMS_PER_FILE} are listed)`,
    });
    this.dropped = 0;
    this.stopped = false;
    return this.list;
  }
}

/** Raised while decoding a file that is not UTF-8; carries the 1-based line of the bad byte. */
export class EncodingProblem extends Error {
  constructor(
    readonly kind: "utf16" | "invalid",
    readonly line: number,
  ) {
    super(
      kind === "utf16"
        ? "the file is UTF-16, not UTF-8: save it again as UTF-8"
        : `the file is not UTF-8 (invalid byte on line ${line}, perhaps Latin-1 or Windows-1252): save it again as UTF-8`,
    );
  }
}

function looksUtf16(head: Uint8Array): boolean {
  if (head[0] === 0xff && head[1] === 0xfe) return true;
  if (head[0] === 0xfe && head[1] === 0xff) return true;
  // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
  return head.length >= 4 && (head[1] === 0 || head[0] === 0) && (head[3] === 0 || head[2] === 0);
}

/** Streams a file as UTF-8 text (byte-order mark removed), failing with EncodingProblem. */
export async function* utf8Chunks(file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let first = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (first && looksUtf16(chunk)) throw new EncodingProblem("utf16", 1);
    first = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const lenient = new TextDecoder("utf-8").decode(chunk);
      throw new EncodingProblem(
        "invalid",
        line + countLines(lenient.slice(0, lenient.indexOf("\uFFFD"))),
      );
    }
    line += countLines(text);
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new EncodingProblem("invalid", line);
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as the field's value: empty → absent, numbers parsed, everything else as text. */
export function cellValue(
  field: HsdsField,
  cell: string,
): { value: unknown } | { problem: "not_a_number" } | null {
  if (cell === "") return null;
  if (field.kind !== "number") return { value: cell };
  const trimmed = cell.trim();
  return NUMBER.test(trimmed) ? { value: Number(trimmed) } : { problem: "not_a_number" };
}

export interface TabularPackage {
  records: FlatRecords;
  problems: HsdsProblem[];
}

/** Reads every HSDS table CSV in `dir`; problems say what could not be read and why. */
export async function readTabularPackage(dir: string): Promise<TabularPackage> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return {
      records: {},
      problems: [folderProblem(dir, "not_found", `${dir} is not a readable folder`)],
    };
  }
  const records: FlatRecords = {};
  const problems: HsdsProblem[] = [];
  for (const name of names) {
    if (!name.toLowerCase().endsWith(".csv")) continue;
    const spec = TABLE_BY_FILE.get(name);
    const file = path.join(dir, name);
    if (!spec) {
      problems.push({
        severity: "warning",
        table: null,
        id: null,
        file,
        pointer: `/${pointerSegment(name)}`,
        code: "unknown_file",
        params: { file: name },
        message: `${name} is not an HSDS table file: ignored`,
      });
      continue;
    }
    const read = await readTableFile(file, spec);
    records[spec.name as HsdsTableName] = read.rows;
    problems.push(...read.problems);
  }
  if (Object.keys(records).length === 0) {
    problems.push(
      folderProblem(
        dir,
        "no_hsds_files",
        `${dir} holds no HSDS table file (organizations.csv, services.csv, …)`,
      ),
    );
  }
  return { records, problems };
}

function folderProblem(dir: string, code: string, message: string): HsdsProblem {
  return { severity: "error", table: null, id: null, file: dir, pointer: "", code, message };
}

/** Reads one table's CSV file into rows keyed by HSDS field name. */
export async function readTableFile(
  file: string,
  spec: HsdsTableSpec,
): Promise<{ rows: HsdsRow[]; problems: HsdsProblem[] }> {
  const problems = new FileProblems(file);
  const fileSegment = `/${pointerSegment(path.basename(file))}`;
  const rows: HsdsRow[] = [];
  const parser = parse({ relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
  const reading = pipeline(Readable.from(utf8Chunks(file)), parser);
  let columns: (HsdsField | null)[] | null = null;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = readHeader(cells, spec, fileSegment, problems);
        continue;
      }
      rows.push(readRow(cells, columns, spec, `${fileSegment}/${rows.length + 1}`, problems));
      if (problems.full) {
        problems.stop();
        break;
      }
    }
    if (!problems.full) await reading;
  } catch (error) {
    problems.add(readFailure(error, spec, fileSegment));
  } finally {
    parser.destroy();
    reading.catch(() => {}); // the failure, if any, was reported above
  }
  if (!columns && problems.list.length === 0) {
    problems.add({
      severity: "error",
      table: spec.name,
      id: null,
      pointer: fileSegment,
      code: "empty_file",
      message: `${path.basename(file)} is empty: it needs at least a header row`,
    });
  }
  return { rows, problems: problems.close() };
}

function readFailure(error: unknown, spec: HsdsTableSpec, pointer: string): HsdsProblem {
  const base = { severity: "error" as const, table: spec.name, id: null, file: null, pointer };
  if (error instanceof EncodingProblem) {
    return { ...base, code: "not_utf8", params: { line: error.line }, message: error.message };
  }
  const line = error instanceof CsvError ? Number(error.lines ?? 0) : 0;
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    code: "csv_syntax",
    params: { line },
    message: `not a readable CSV file: ${reason}`,
  };
}

function readHeader(
  cells: string[],
  spec: HsdsTableSpec,
  fileSegment: string,
  problems: FileProblems,
): (HsdsField | null)[] {
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const columns = cells.map((cell) => {
    const name = cell.trim();
    const field = fields.get(name) ?? null;
    const pointer = `${fileSegment}/0/${pointerSegment(name)}`;
    if (seen.has(name)) {
      problems.add({
        severity: "error",
        table: spec.name,
        id: null,
        pointer,
        code: "duplicate_column",
        params: { column: name },
        message: `column ${name} appears twice`,
      });
      return null;
    }
    seen.add(name);
    if (!field) {
      problems.add({
        severity: "warning",
        table: spec.name,
        id: null,
        pointer,
        code: "unknown_column",
        params: { column: name },
        message: `column ${name} is not an HSDS field of ${spec.name}: ignored`,
      });
    }
    return field;
  });
  for (const field of spec.fields) {
    if (field.required && !seen.has(field.name)) {
      problems.add({
        severity: "error",
        table: spec.name,
        id: null,
        pointer: `${fileSegment}/0`,
        code: "missing_column",
        params: { column: field.name },
        message: `required column ${field.name} is missing`,
      });
    }
  }
  return columns;
}

function readRow(
  cells: string[],
  columns: (HsdsField | null)[],
  spec: HsdsTableSpec,
  rowPointer: string,
  problems: FileProblems,
): HsdsRow {
  const row: HsdsRow = {};
  const id = cells[columns.findIndex((c) => c?.name === "id")] || null;
  if (cells.length !== columns.length) {
    problems.add({
      severity: "error",
      table: spec.name,
      id,
      pointer: rowPointer,
      code: "wrong_column_count",
      params: { expected: columns.length, found: cells.length },
      message: `the row has ${cells.length} cells but the header has ${columns.length} columns`,
    });
  }
  columns.forEach((field, i) => {
    const cell = cells[i];
    if (!field || cell === undefined) return;
    const converted = cellValue(field, cell);
    if (converted === null) return;
    if ("value" in converted) {
      row[field.name] = converted.value;
      return;
    }
    problems.add({
      severity: "error",
      table: spec.name,
      id,
      pointer: `${rowPointer}/${pointerSegment(field.name)}`,
      code: "not_a_number",
      params: { field: field.name, value: cell.slice(0, 100) },
      message: `${field.name} must be a number, not "${cell.slice(0, 100)}"`,
    });
  });
  return row;
}

/** What a datapackage.json says about one field (the specification's shape, data types only). */
function fieldDescriptor(field: HsdsField) {
  const type = field.kind === "uuid" || field.kind === "text" ? "string" : field.kind;
  return {
    name: field.name,
    type,
    ...(field.kind === "uuid" ? { format: "uuid" } : {}),
    constraints: { required: field.required },
  };
}

/** The datapackage.json for the tables written, in the shape of the specification's own. */
export function datapackageFor(tables: readonly HsdsTableName[]) {
  const written = new Set<string>(tables);
  return {
    name: "human_services_data",
    title: "Human Services Data Specification",
    profile: "tabular-data-package",
    version: "3.0.0",
    resources: HSDS_TABLES.filter((t) => written.has(t.name)).map((t) => ({
      name: t.name,
      path: t.file,
      format: "csv",
      mediatype: "text/csv",
      profile: "tabular-data-resource",
      schema: {
        primaryKey: "id",
        fields: t.fields.map(fieldDescriptor),
        // A key to a table that is not in the package would make the package itself invalid.
        foreignKeys: t.foreignKeys
          .filter((fk) => written.has(fk.table))
          .map((fk) => ({ fields: fk.field, reference: { resource: fk.table, fields: "id" } })),
      },
    })),
  };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

interface OpenTable {
  spec: HsdsTableSpec;
  csv: Stringifier;
  /** Settles when the file is written; rejects (and errors `csv`) if writing fails. */
  done: Promise<void>;
}

/**
 * Writes one CSV per table present in `records` (header = the table's HSDS fields, in the
 * specification's order; Mutuo's own `mutuo_*` columns are not HSDS and are left out) and a
 * datapackage.json describing them. Batches may come from an async iterable (a database cursor).
 */
export async function writeTabularPackage(
  dir: string,
  records: FlatRecords | AsyncIterable<FlatRecords>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const open = new Map<string, OpenTable>();
  const batches = Symbol.asyncIterator in records ? records : [records];
  let writing: unknown = null;
  try {
    for await (const batch of batches as AsyncIterable<FlatRecords>) {
      for (const [name, rows] of Object.entries(batch)) {
        const table = open.get(name) ?? openTable(dir, name as HsdsTableName);
        open.set(name, table);
        for (const row of rows ?? []) await writeRow(table, row);
      }
    }
  } catch (error) {
    writing = error;
  }
  for (const table of open.values()) table.csv.end();
  // Every file is settled before returning; the first failure is thrown.
  const results = await Promise.allSettled([...open.values()].map((t) => t.done));
  const failed = results.find((r) => r.status === "rejected");
  if (writing || failed) throw writing ?? (failed as PromiseRejectedResult).reason;
  const written = HSDS_TABLES.map((t) => t.name).filter((n) => open.has(n));
  await writeFile(
    path.join(dir, "datapackage.json"),
    `${JSON.stringify(datapackageFor(written), null, 2)}\n`,
  );
}

function openTable(dir: string, name: HsdsTableName): OpenTable {
  const spec = tableSpec(name);
  // Quote any cell with a line break: the delimiter is CRLF, so a bare LF would not be quoted.
  const csv = stringify({ record_delimiter: "windows", quoted_match: /[\r\n]/ });
  const done = pipeline(csv, createWriteStream(path.join(dir, spec.file)));
  done.catch(() => {}); // awaited by writeTabularPackage; a failure also errors `csv`
  csv.write(spec.fields.map((f) => f.name));
  return { spec, csv, done };
}

async function writeRow(table: OpenTable, row: HsdsRow): Promise<void> {
  const cells = table.spec.fields.map((f) => cellText(row[f.name]));
  // once() rejects if the file fails while waiting, instead of waiting for ever.
  if (!table.csv.write(cells)) await once(table.csv, "drain");
}
