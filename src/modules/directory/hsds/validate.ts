// Validation of HSDS data against the official schemas (schemas.ts) and the rules JSON Schema
// cannot say (rules.ts, check.ts): reads JSON (one object, a list, an HSDS API page, compiled
// objects, the tabular package as JSON), NDJSON (streamed line by line) and CSV tabular packages
// (tabular.ts). Bad input is reported, never thrown; each file lists at most
// MAX_PROBLEMS_PER_FILE problems. docs/decisions/0021-hsds-validation.md
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { checkFlatRecords, checkTopLevel, fileProblem, Run, resolveReferences } from "./check";
import { jsonErrorPlace, TABLE_BY_FILE, textPlace } from "./rules";
import { loadHsdsSchemas } from "./schemas";
import type { HsdsTableName } from "./tables";
import {
  EncodingProblem,
  type FileProblems,
  type HsdsProblem,
  readTableFile,
  readTabularPackage,
  tableSpec,
  utf8Chunks,
} from "./tabular";

export interface ValidationReport {
  files: number;
  records: number;
  errors: HsdsProblem[];
  warnings: HsdsProblem[];
}

export interface ValidateOptions {
  schemaDir: string;
  /** Every JSON object is this table (skips detection). */
  type?: HsdsTableName;
}

/** A .json file larger than this is refused: NDJSON streams, JSON has to be held whole. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Validates a file or folder of HSDS data; never throws for bad input, only reports it. */
export async function validateHsds(
  target: string,
  options: ValidateOptions,
): Promise<ValidationReport> {
  const run = new Run(loadHsdsSchemas(options.schemaDir), options.type);
  const info = await stat(target).catch(() => null);
  if (!info) {
    run.sink(target).add(fileProblem("not_found", `${target} does not exist`));
  } else if (info.isDirectory()) {
    await validateFolder(run, target);
  } else {
    await validateFile(run, target);
  }
  resolveReferences(run);
  const problems = run.sinks.flatMap((sink) => sink.close());
  return {
    files: run.files,
    records: run.records,
    errors: problems.filter((p) => p.severity === "error"),
    warnings: problems.filter((p) => p.severity === "warning"),
  };
}

async function validateFolder(run: Run, dir: string): Promise<void> {
  const names = (await readdir(dir)).sort();
  if (names.some((name) => TABLE_BY_FILE.has(name))) {
    run.complete = true;
    const tabular = await readTabularPackage(dir);
    const csvFiles = names.filter((name) => TABLE_BY_FILE.has(name));
    for (const name of csvFiles) run.sink(path.join(dir, name));
    checkFlatRecords(run, tabular.records, tabular.problems, (table) =>
      path.join(dir, tableSpec(table).file),
    );
    return;
  }
  const files = names.filter((name) => /\.(nd)?json$/i.test(name) && name !== "datapackage.json");
  if (files.length === 0) {
    run
      .sink(dir)
      .add(fileProblem("no_hsds_files", `${dir} holds no .json, .ndjson or HSDS .csv file`));
  }
  for (const name of files) await validateFile(run, path.join(dir, name));
}

async function validateFile(run: Run, file: string): Promise<void> {
  const name = path.basename(file);
  const table = TABLE_BY_FILE.get(name);
  if (table) {
    const read = await readTableFile(file, tableSpec(table));
    run.sink(file);
    checkFlatRecords(run, { [table]: read.rows }, read.problems, () => file);
  } else if (/\.ndjson$/i.test(name)) {
    await validateNdjson(run, file, run.sink(file));
  } else if (/\.json$/i.test(name)) {
    await validateJsonFile(run, file, run.sink(file));
  } else {
    run
      .sink(file)
      .add(
        fileProblem(
          "unknown_file_type",
          `${name}: expected .json, .ndjson or an HSDS table .csv file`,
        ),
      );
  }
}

function notJson(place: { line: number; column: number }, lineOffset = 0) {
  const at = { line: place.line + lineOffset, column: place.column };
  return fileProblem("not_json", `not valid JSON at line ${at.line}, column ${at.column}`, at);
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readUtf8(file: string, sink: FileProblems): Promise<string | null> {
  const parts: string[] = [];
  try {
    for await (const text of utf8Chunks(file)) parts.push(text);
  } catch (error) {
    if (!(error instanceof EncodingProblem)) throw error;
    sink.add(fileProblem("not_utf8", error.message, { line: error.line }));
    return null;
  }
  return parts.join("");
}

async function validateJsonFile(run: Run, file: string, sink: FileProblems): Promise<void> {
  const { size } = await stat(file);
  if (size === 0) return sink.add(fileProblem("empty_file", `${path.basename(file)} is empty`));
  if (size > MAX_JSON_BYTES) {
    const mb = Math.round(MAX_JSON_BYTES / 2 ** 20);
    return sink.add(
      fileProblem(
        "too_large",
        `larger than ${mb} MB: split it or write NDJSON (one object per line)`,
        { mb },
      ),
    );
  }
  // Garbage is refused from its first bytes, before the whole file is read.
  const head = (await readHead(file, 4096)).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "");
  const first = head.trimStart()[0];
  if (first !== undefined && first !== "{" && first !== "[" && !head.includes("\u0000")) {
    return sink.add(notJson(textPlace(head, head.length - head.trimStart().length)));
  }
  const text = await readUtf8(file, sink);
  if (text === null) return;
  if (text.trim() === "")
    return sink.add(fileProblem("empty_file", `${path.basename(file)} is empty`));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return sink.add(notJson(jsonErrorPlace(text, error)));
  }
  checkTopLevel(run, value, "", sink);
}

async function validateNdjson(run: Run, file: string, sink: FileProblems): Promise<void> {
  const lines = createInterface({ input: Readable.from(utf8Chunks(file)), crlfDelay: Infinity });
  let number = 0;
  let any = false;
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() === "") continue;
      any = true;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        sink.add({ ...notJson(jsonErrorPlace(line, error), number - 1), pointer: `/${number}` });
        if (sink.full) {
          sink.stop();
          break;
        }
        continue;
      }
      checkTopLevel(run, value, `/${number}`, sink);
      if (sink.full) {
        sink.stop();
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof EncodingProblem)) throw error;
    sink.add(fileProblem("not_utf8", error.message, { line: error.line }));
    return;
  } finally {
    lines.close();
  }
  if (!any) sink.add(fileProblem("empty_file", `${path.basename(file)} has no object`));
}
