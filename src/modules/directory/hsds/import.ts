// Reads HSDS from a path or an uploaded file and applies it: a JSON document, NDJSON (streamed
// line by line, in batches), or a CSV tabular package (a folder, or one table's .csv). UTF-8
// only; anything that is not HSDS ends as a clear problem with nothing written.
import { mkdtemp, open, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../../../db/connect";
import { type FlatHsds, flattenHsds, flattenMany } from "./flatten";
import { jsonErrorPlace } from "./rules";
import {
  type ApplyOptions,
  applyHsds,
  type HsdsBatch,
  type ImportFormat,
  type ImportSummary,
} from "./store";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import {
  EncodingProblem,
  type HsdsProblem,
  readTableFile,
  readTabularPackage,
  tableSpec,
  utf8Chunks,
} from "./tabular";

/** A JSON document is parsed whole: larger ones must come as NDJSON (streamed). */
export const MAX_JSON_BYTES = 200 * 1024 * 1024;
/**
 * NDJSON lines per batch (and per transaction of a streamed import). A line is often a whole
 * organization with its services and places: 250 of them (~12,000 records) keep an import of
 * 100,000 services under 400 MB resident, where 1,000 took ~610 MB for the same speed.
 */
const LINES_PER_BATCH = 250;
/** One NDJSON line longer than this is not a record. */
const MAX_LINE_CHARS = 10 * 1024 * 1024;
/** A file of unreadable lines is abandoned after this many. */
const MAX_BAD_LINES = 1000;

export type ImportFileOptions = Omit<ApplyOptions, "source" | "format" | "problems"> & {
  /** Forces the HSDS table of the top-level objects (JSON, NDJSON). */
  table?: HsdsTableName;
};

const TABLE_BY_FILE = new Map<string, HsdsTableName>(HSDS_TABLES.map((t) => [t.file, t.name]));

function fileProblem(
  file: string | null,
  code: string,
  message: string,
  params?: HsdsProblem["params"],
): HsdsProblem {
  return {
    severity: "error",
    table: null,
    id: null,
    file,
    pointer: "",
    code,
    message,
    ...(params ? { params } : {}),
  };
}

/** Refuses an input that could not be read at all: a failed import, nothing written. */
function refuse(
  db: Db,
  problem: HsdsProblem,
  format: ImportFormat,
  opts: ImportFileOptions,
  source: string,
) {
  return applyHsds(db, {}, { ...opts, source, format, problems: [problem] });
}

/** Imports the HSDS at `target`: a .json, .ndjson or table .csv file, or a CSV package folder. */
export async function importHsdsPath(
  db: Db,
  target: string,
  opts: ImportFileOptions,
): Promise<ImportSummary> {
  const info = await stat(target).catch(() => null);
  if (!info)
    return refuse(
      db,
      fileProblem(target, "not_found", `${target} does not exist`),
      "hsds-json",
      opts,
      target,
    );
  if (info.isDirectory()) return importFolder(db, target, opts);
  const name = path.basename(target);
  const table = TABLE_BY_FILE.get(name);
  if (table) {
    const read = await readTableFile(target, tableSpec(table));
    return applyHsds(
      db,
      { [table]: read.rows },
      { ...opts, source: target, format: "hsds-csv", problems: read.problems },
    );
  }
  if (/\.csv$/i.test(name)) {
    const known = HSDS_TABLES.map((t) => t.file).join(", ");
    return refuse(
      db,
      fileProblem(target, "unknown_file", `${name} is not an HSDS table file (${known})`, {
        file: name,
      }),
      "hsds-csv",
      opts,
      target,
    );
  }
  if (/\.(ndjson|jsonl)$/i.test(name))
    return applyHsds(db, ndjsonFile(target, opts.table), ndjsonOptions(target, opts));
  if (info.size > MAX_JSON_BYTES) {
    return refuse(db, tooLarge(target), "hsds-json", opts, target);
  }
  return importBytes(db, await readFileBytes(target), target, opts);
}

function tooLarge(file: string): HsdsProblem {
  return fileProblem(
    file,
    "too_large",
    `JSON documents up to ${MAX_JSON_BYTES / 1024 / 1024} MB are read whole: send larger ones as NDJSON (one object per line)`,
    { mb: MAX_JSON_BYTES / 1024 / 1024 },
  );
}

function ndjsonOptions(source: string, opts: ImportFileOptions): ApplyOptions {
  return { ...opts, source, format: "hsds-ndjson" };
}

/**
 * A folder is a CSV package when it has HSDS table files; otherwise its .json/.ndjson files are
 * one import (references between the files resolve; an export folder imports back whole).
 */
async function importFolder(db: Db, dir: string, opts: ImportFileOptions): Promise<ImportSummary> {
  const names = (await readdir(dir)).sort();
  if (names.some((n) => TABLE_BY_FILE.has(n))) {
    const read = await readTabularPackage(dir);
    return applyHsds(db, read.records, {
      ...opts,
      source: dir,
      format: "hsds-csv",
      problems: read.problems,
    });
  }
  const files = names.filter((n) => /\.(json|ndjson|jsonl)$/i.test(n) && n !== "datapackage.json");
  if (files.length === 0) {
    const problem = fileProblem(
      dir,
      "no_hsds_files",
      `${dir} holds no .json, .ndjson or HSDS table .csv file`,
    );
    return refuse(db, problem, "hsds-json", opts, dir);
  }
  const source = { [Symbol.asyncIterator]: () => folderBatches(dir, files, opts.table) };
  return applyHsds(db, source, { ...opts, source: dir, format: "hsds-json" });
}

/** Each JSON file of a folder as one batch (NDJSON files in batches of lines). */
async function* folderBatches(
  dir: string,
  files: string[],
  table: HsdsTableName | undefined,
): AsyncGenerator<HsdsBatch> {
  for (const name of files) {
    const file = path.join(dir, name);
    if (/\.(ndjson|jsonl)$/i.test(name)) {
      yield* ndjsonBatches(utf8Chunks(file), file, table);
      continue;
    }
    const info = await stat(file);
    if (info.size > MAX_JSON_BYTES) {
      yield { ...flattenHsds([]), problems: [tooLarge(file)], file };
      continue;
    }
    yield jsonBatch(await readFileBytes(file), file, table);
  }
}

async function readFileBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** One JSON document as a batch; an unreadable one becomes a batch holding only its problem. */
function jsonBatch(bytes: Uint8Array, file: string, table: HsdsTableName | undefined): FlatHsds {
  const decoded = decodeUtf8(bytes, file);
  if ("problem" in decoded) return { ...flattenHsds([]), problems: [decoded.problem], file };
  try {
    const flat = flattenHsds(JSON.parse(decoded.text), table ? { table } : {});
    return nothingFound({ ...flat, file }, file);
  } catch (error) {
    const { line, column } = jsonErrorPlace(decoded.text, error);
    const message = `${file} is not valid JSON (line ${line}, column ${column})`;
    return {
      ...flattenHsds([]),
      problems: [fileProblem(file, "not_json", message, { line, column })],
      file,
    };
  }
}

/**
 * Imports an uploaded file (the web's import page): JSON or NDJSON by content, a table CSV by
 * its name.
 */
export async function importHsdsBuffer(
  db: Db,
  bytes: Uint8Array,
  fileName: string,
  opts: ImportFileOptions,
): Promise<ImportSummary> {
  const table = TABLE_BY_FILE.get(path.basename(fileName));
  if (table) {
    const dir = await mkdtemp(path.join(tmpdir(), "mutuo-hsds-"));
    try {
      const file = path.join(dir, tableSpec(table).file);
      await writeFile(file, bytes);
      const read = await readTableFile(file, tableSpec(table));
      const problems = read.problems.map((p) => ({ ...p, file: fileName }));
      return await applyHsds(
        db,
        { [table]: read.rows },
        { ...opts, source: fileName, format: "hsds-csv", problems },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (bytes.length > MAX_JSON_BYTES)
    return refuse(db, tooLarge(fileName), "hsds-json", opts, fileName);
  return importBytes(db, bytes, fileName, opts);
}

/** Decodes bytes as UTF-8 text, or says why not (UTF-16, Latin-1, binary garbage). */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string } | { problem: HsdsProblem } {
  if (bytes.length === 0) return { problem: fileProblem(file, "empty_file", `${file} is empty`) };
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes.length >= 4 && (bytes[0] === 0 || bytes[1] === 0) && (bytes[2] === 0 || bytes[3] === 0));
  if (utf16) return { problem: notUtf8(file, new EncodingProblem("utf16", 1)) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    if (looksBinary(bytes)) return { problem: notHsds(file) };
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const upTo = lenient.slice(0, lenient.indexOf("\uFFFD"));
    const line = upTo.split("\n").length;
    return { problem: notUtf8(file, new EncodingProblem("invalid", line)) };
  }
}

/** Control characters all over the start: not text at all. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return control > head.length / 100;
}

function notUtf8(file: string, e: EncodingProblem): HsdsProblem {
  return fileProblem(file, "not_utf8", e.message, { line: e.line });
}

function notHsds(file: string): HsdsProblem {
  return fileProblem(
    file,
    "not_hsds",
    `${file} is not HSDS: expected JSON, NDJSON or an HSDS CSV package`,
  );
}

async function importBytes(
  db: Db,
  bytes: Uint8Array,
  file: string,
  opts: ImportFileOptions,
): Promise<ImportSummary> {
  const decoded = decodeUtf8(bytes, file);
  if ("problem" in decoded) return refuse(db, decoded.problem, "hsds-json", opts, file);
  const { text } = decoded;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    if (looksLikeNdjson(text)) {
      return applyHsds(db, ndjsonText(text, file, opts.table), ndjsonOptions(file, opts));
    }
    const { line, column } = jsonErrorPlace(text, error);
    const problem = looksLikeJson(text)
      ? fileProblem(
          file,
          "not_json",
          `${file} is not valid JSON (line ${line}, column ${column})`,
          { line, column },
        )
      : notHsds(file);
    return refuse(db, problem, "hsds-json", opts, file);
  }
  const flat: FlatHsds = {
    ...flattenHsds(document, opts.table ? { table: opts.table } : {}),
    file,
  };
  const summary = await applyHsds(db, nothingFound(flat, file), {
    ...opts,
    source: file,
    format: "hsds-json",
  });
  return summary;
}

/** A document with no records and nothing to say about it is not HSDS. */
function nothingFound(flat: FlatHsds, file: string): FlatHsds {
  const empty = Object.values(flat.records).every((rows) => !rows?.length);
  if (empty && flat.problems.length === 0) return { ...flat, problems: [notHsds(file)] };
  return flat;
}

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/** At least two lines, each starting like a JSON object. */
function looksLikeNdjson(text: string): boolean {
  const lines = text.split("\n", 3).filter((l) => l.trim() !== "");
  return lines.length >= 2 && lines.every((l) => l.trimStart().startsWith("{"));
}

/** NDJSON from a file, re-readable: each iteration reads the file again from the start. */
function ndjsonFile(file: string, table: HsdsTableName | undefined): AsyncIterable<HsdsBatch> {
  return { [Symbol.asyncIterator]: () => ndjsonBatches(utf8Chunks(file), file, table) };
}

function ndjsonText(
  text: string,
  file: string,
  table: HsdsTableName | undefined,
): AsyncIterable<HsdsBatch> {
  async function* once() {
    yield text;
  }
  return { [Symbol.asyncIterator]: () => ndjsonBatches(once(), file, table) };
}

/** Lines → batches of flattened records; unreadable lines become problems of the batch. */
async function* ndjsonBatches(
  chunks: AsyncIterable<string>,
  file: string,
  table: HsdsTableName | undefined,
): AsyncGenerator<HsdsBatch> {
  let documents: { value: unknown; pointer: string }[] = [];
  let problems: HsdsProblem[] = [];
  let bad = 0;
  const flush = (): FlatHsds => {
    const flat = flattenMany(documents, table);
    const batch = { ...flat, problems: [...problems, ...flat.problems], file };
    documents = [];
    problems = [];
    return batch;
  };
  try {
    for await (const line of lines(chunks)) {
      if (line.text.trim() === "") continue;
      try {
        const text = line.number === 1 ? line.text.replace(/^\uFEFF/, "") : line.text;
        documents.push({ value: JSON.parse(text), pointer: `/${line.number}` });
      } catch (error) {
        bad++;
        const { column } = jsonErrorPlace(line.text, error);
        problems.push(
          fileProblem(
            file,
            "not_json",
            `line ${line.number} is not valid JSON (column ${column})`,
            {
              line: line.number,
              column,
            },
          ),
        );
        if (bad >= MAX_BAD_LINES) {
          problems.push(
            fileProblem(file, "not_hsds", `${file}: ${bad} unreadable lines; reading stopped`),
          );
          break;
        }
      }
      if (documents.length >= LINES_PER_BATCH) yield flush();
    }
  } catch (error) {
    if (!(error instanceof EncodingProblem || error instanceof LineTooLong)) throw error;
    problems.push(
      error instanceof EncodingProblem
        ? notUtf8(file, error)
        : fileProblem(file, "line_too_long", error.message, { line: error.line }),
    );
  }
  if (documents.length > 0 || problems.length > 0) yield flush();
}

class LineTooLong extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MB: not an HSDS record`);
  }
}

/** Splits streamed text into numbered lines, never holding more than one long line. */
async function* lines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ text: string; number: number }> {
  let rest = "";
  let number = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    let start = 0;
    for (let nl = rest.indexOf("\n"); nl !== -1; nl = rest.indexOf("\n", start)) {
      number++;
      yield { text: rest.slice(start, nl).replace(/\r$/, ""), number };
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (rest.length > MAX_LINE_CHARS) throw new LineTooLong(number + 1);
  }
  if (rest !== "") yield { text: rest.replace(/\r$/, ""), number: number + 1 };
}
