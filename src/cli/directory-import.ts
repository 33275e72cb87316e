// `mutuo import hsds [--dry-run] [--skip-invalid] [--time-zone Z] [--type T] <path>`; `ohana` and
// `csv` sources are handled by directory-import-sources.ts.
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { type Db, openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { isTimeZone } from "../lib/time-zones";
import { importHsdsPath } from "../modules/directory/hsds/import";
import type { ImportSummary } from "../modules/directory/hsds/store";
import { HSDS_TABLES, type HsdsTableName } from "../modules/directory/hsds/tables";
import type { HsdsProblem } from "../modules/directory/hsds/tabular";
import { unfinishedImports } from "../modules/directory/import-history";
import { createProgress, formatCount as number } from "./progress";
import { STOPPED_EXIT_CODE, STOPPING_TEXT, stopOnSignal } from "./stop-signal";

const HELP = `Usage:
  mutuo import hsds [options] <path>     HSDS JSON (.json), NDJSON (.ndjson, one object per
                                          line) or a CSV tabular package (a folder, or one
                                          table's .csv file)
  mutuo import ohana <folder>            the Ohana API CSV layout
  mutuo import csv --mapping <file.json> <file.csv>

Options of "import hsds":
  --dry-run          check and count, write nothing
  --skip-invalid     write the valid records and leave the rejected ones out (default: when
                     any record is rejected, nothing is written)
  --time-zone <Z>    IANA time zone of every imported location (default: the one a location
                     already has, else MUTUO_DIRECTORY_TIME_ZONE)
  --type <table>     the HSDS object every top-level JSON object is (default: detected)

Records are matched by id: importing again updates them, never duplicates them.
Ctrl-C stops an import after the batch it is writing. A .json file, a CSV package, an Ohana
folder and a spreadsheet are one transaction each: nothing is written. An .ndjson file (250
lines a batch) and a folder of .json files (a file a batch) keep the batches already written;
running the same command again finishes them.
Exits with 1 when a record was rejected or the file could not be read, 130 when stopped.`;

/** Rejections and warnings listed before "and N more". */
const LISTED_REJECTIONS = 50;
const LISTED_WARNINGS = 20;

export async function runImport(config: Config, argv: string[]): Promise<number> {
  const [source, ...rest] = argv;
  if (source === "ohana" || source === "csv") {
    const sources = await import("./directory-import-sources");
    return source === "ohana"
      ? sources.runOhanaImport(config, rest)
      : sources.runCsvImport(config, rest);
  }
  if (source !== "hsds") {
    const help = source === "--help" || source === "-h" || source === undefined;
    (help ? console.log : console.error)(
      help ? HELP : `mutuo import: unknown source "${source}"\n\n${HELP}`,
    );
    return help && source !== undefined ? 0 : 1;
  }
  return importHsdsCommand(config, rest);
}

async function importHsdsCommand(config: Config, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean" },
      "skip-invalid": { type: "boolean" },
      "time-zone": { type: "string" },
      type: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [target] = positionals;
  const timeZone = values["time-zone"];
  const table = values.type;
  const wrong =
    !target || positionals.length > 1
      ? "give one file or folder to import"
      : timeZone !== undefined && !isTimeZone(timeZone)
        ? `"${timeZone}" is not an IANA time zone (e.g. America/Mexico_City)`
        : table !== undefined && !HSDS_TABLES.some((t) => t.name === table)
          ? `"${table}" is not an HSDS table (${HSDS_TABLES.map((t) => t.name).join(", ")})`
          : null;
  if (wrong || !target) {
    console.error(`mutuo import hsds: ${wrong}\n\n${HELP}`);
    return 1;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const progress = createProgress(`importing ${target}`);
  const stop = stopOnSignal(() => console.error(STOPPING_TEXT));
  try {
    await migrate(database.db);
    if (values["dry-run"] !== true) await mentionUnfinished(database.db, target);
    const summary = await importHsdsPath(database.db, target, {
      signal: stop.signal,
      dryRun: values["dry-run"] === true,
      skipInvalid: values["skip-invalid"] === true,
      defaultTimeZone: config.directory.timeZone,
      onProgress: (done, total) => progress.update(done, total),
      ...(timeZone ? { timeZone } : {}),
      ...(table ? { table: table as HsdsTableName } : {}),
    });
    progress.finish();
    console.log(formatImportSummary(target, summary, values["skip-invalid"] === true));
    return importExitCode(summary);
  } finally {
    stop.dispose();
    progress.finish();
    await database.close();
  }
}

/** 130 when stopped, 1 when a record was rejected, else 0. */
export function importExitCode(summary: ImportSummary): number {
  if (summary.interrupted) return STOPPED_EXIT_CODE;
  return summary.rejected.length > 0 ? 1 : 0;
}

/** Says so when an earlier import of the same source stopped part-way: this one finishes it. */
export async function mentionUnfinished(db: Db, source: string): Promise<void> {
  for (const row of await unfinishedImports(db, source)) {
    const total = row.records_total ?? 0;
    console.error(
      `An import of ${source} started ${row.started_at.toISOString()} stopped after ${number(row.records_done)} of ${number(total)} records; this one finishes it (records already written are updated, never duplicated).`,
    );
  }
}

const counts = (m: Record<string, number> | undefined) =>
  Object.entries(m ?? {})
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${number(n)}`)
    .join(", ") || "none";

const problemLine = (p: HsdsProblem) =>
  `  ${[p.file, p.pointer || null, p.table, p.id].filter(Boolean).join(" ")}: ${p.message} [${p.code}]`;

function listed(title: string, problems: HsdsProblem[], cap: number, more = 0): string[] {
  if (problems.length === 0) return [];
  const total = problems.length + more;
  const lines = [`${title} (${number(total)}):`, ...problems.slice(0, cap).map(problemLine)];
  if (total > cap) lines.push(`  … and ${number(total - cap)} more`);
  return lines;
}

/** The summary as printed: counts per table, then each warning and rejection with its place. */
export function formatImportSummary(
  source: string,
  s: ImportSummary,
  skipInvalid: boolean,
): string {
  const refused = s.rejected.length > 0 && !skipInvalid;
  if (s.interrupted) {
    const { recordsDone, recordsTotal } = s.interrupted;
    return recordsDone === 0
      ? `Import of ${source} stopped: nothing was written.`
      : [
          `Import of ${source} stopped after ${number(recordsDone)} of ${number(recordsTotal)} records: those are written.`,
          "Run the same command again to finish it: records already written are updated, never duplicated.",
        ].join("\n");
  }
  const head = s.dryRun
    ? `Dry run of ${source}: nothing was written.`
    : refused
      ? `Import of ${source} refused: nothing was written.`
      : `Imported ${source}.`;
  const lines = [head];
  if (!refused) {
    const verb = s.dryRun ? "would be " : "";
    lines.push(`  ${verb}created: ${counts(s.created)}`, `  ${verb}updated: ${counts(s.updated)}`);
    if (!s.dryRun) lines.push(`  unchanged: ${counts(s.unchanged)}`);
    if (Object.keys(s.deleted ?? {}).length)
      lines.push(`  removed from their parent's lists: ${counts(s.deleted)}`);
  }
  lines.push(...listed("Warnings", s.warnings, LISTED_WARNINGS));
  lines.push(...listed("Rejected", s.rejected, LISTED_REJECTIONS, s.moreRejected ?? 0));
  if (refused) {
    lines.push("Fix the records above and import again, or use --skip-invalid to leave them out.");
  }
  return lines.join("\n");
}
