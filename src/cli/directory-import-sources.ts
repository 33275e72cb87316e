// `mutuo import ohana <folder>` and `mutuo import csv --mapping <file.json> <file.csv>`: other
// directories' data read into HSDS records, then written by the shared HSDS importer (all or
// nothing unless --skip-invalid; re-importing updates by id). Exit code 1 when anything was
// rejected or the input could not be read.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { translate } from "../lib/i18n";
import { applyHsds } from "../modules/directory/hsds/store";
import type { FlatRecords, HsdsProblem } from "../modules/directory/hsds/tabular";
import { sheetMapping } from "../modules/directory/import-contract";
import { readOhanaFolder } from "../modules/directory/ohana";
import { readSpreadsheet } from "../modules/directory/spreadsheet";
import { formatImportSummary, importExitCode, mentionUnfinished } from "./directory-import";
import { createProgress } from "./progress";
import { STOPPING_TEXT, stopOnSignal } from "./stop-signal";

const OHANA_HELP = `Usage: mutuo import ohana [--dry-run] [--skip-invalid] [--time-zone Z] <folder>

Imports an Ohana API CSV export (organizations.csv, locations.csv, services.csv, …) into the
directory. Test and example records are kept but flagged (never shown in search).`;

const CSV_HELP = `Usage: mutuo import csv --mapping <mapping.json> [--dry-run] [--skip-invalid] [--time-zone Z] <file.csv>

Imports a spreadsheet of places (UTF-8 CSV) with a column mapping; see
docs/examples/pantries-mapping.json and docs/decisions/0026-directory-spreadsheet-and-ohana-import.md.`;

/** On the server's own disk a spreadsheet may be larger than an upload. */
const CLI_LIMITS = { maxBytes: 500 * 1024 * 1024, maxRows: 1_000_000, maxColumns: 500 };

const OPTIONS = {
  "dry-run": { type: "boolean" },
  "skip-invalid": { type: "boolean" },
  "time-zone": { type: "string" },
  mapping: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function argsOf(argv: string[], command: string) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: OPTIONS,
  });
  // Called with or without the sub-command itself in front.
  const rest = positionals[0] === command ? positionals.slice(1) : positionals;
  return { values, target: rest.length === 1 ? rest[0] : undefined };
}

export async function runOhanaImport(config: Config, argv: string[]): Promise<number> {
  const { values, target } = argsOf(argv, "ohana");
  if (values.help || !target) {
    console.log(OHANA_HELP);
    return values.help ? 0 : 1;
  }
  const { records, problems } = await readOhanaFolder(target);
  return apply(config, records, problems, {
    source: target,
    format: "ohana",
    dryRun: !!values["dry-run"],
    skipInvalid: !!values["skip-invalid"],
    timeZone: values["time-zone"],
  });
}

export async function runCsvImport(config: Config, argv: string[]): Promise<number> {
  const { values, target } = argsOf(argv, "csv");
  if (values.help || !target || !values.mapping) {
    console.log(CSV_HELP);
    return values.help ? 0 : 1;
  }
  const mapping = sheetMapping.safeParse(JSON.parse(await readFile(values.mapping, "utf8")));
  if (!mapping.success) {
    console.error(`mutuo import csv: the mapping ${values.mapping} is not valid:`);
    for (const issue of mapping.error.issues)
      console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    return 1;
  }
  const sheet = readSpreadsheet(await readFile(target), target, mapping.data, CLI_LIMITS);
  if (!sheet.ok) {
    const key = `problem.directory_import_${sheet.code}`;
    console.error(
      `mutuo import csv: ${target}: ${translate("en", `${key}.title`, sheet.params)}. ${translate("en", `${key}.detail`, sheet.params)}`,
    );
    return 1;
  }
  if (sheet.unknownCategories.length > 0) {
    console.error(
      `unknown category values (choose one for each under "categories" in the mapping): ${sheet.unknownCategories.join(", ")}`,
    );
  }
  return apply(config, sheet.records, sheet.problems, {
    source: target,
    format: "csv",
    dryRun: !!values["dry-run"],
    skipInvalid: !!values["skip-invalid"],
    timeZone: values["time-zone"],
  });
}

interface ApplyArgs {
  source: string;
  format: "ohana" | "csv";
  dryRun: boolean;
  skipInvalid: boolean;
  timeZone: string | undefined;
}

async function apply(
  config: Config,
  records: FlatRecords,
  problems: HsdsProblem[],
  args: ApplyArgs,
): Promise<number> {
  const fatal = problems.filter((p) => p.severity === "error" && p.table === null);
  if (fatal.length > 0) {
    printProblems("cannot read", fatal);
    return 1;
  }
  if (args.timeZone !== undefined && !isTimeZone(args.timeZone)) {
    console.error(`"${args.timeZone}" is not an IANA time zone (e.g. America/Los_Angeles)`);
    return 1;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const progress = createProgress(`importing ${args.source}`);
  const stop = stopOnSignal(() => console.error(STOPPING_TEXT));
  try {
    await migrate(database.db);
    if (!args.dryRun) await mentionUnfinished(database.db, args.source);
    const summary = await applyHsds(database.db, records, {
      ...args,
      signal: stop.signal,
      defaultTimeZone: config.directory.timeZone,
      problems,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    console.log(formatImportSummary(args.source, summary, args.skipInvalid));
    return importExitCode(summary);
  } finally {
    stop.dispose();
    progress.finish();
    await database.close();
  }
}

const LISTED = 50;

/** The catalog's English text of a problem when there is one (the same words as the web). */
function englishText(p: HsdsProblem): string {
  const params = p.params ?? {};
  for (const key of [
    `problem.directory_import_${p.code}.detail`,
    `directoryImport.sheet.${p.code}`,
  ]) {
    const text = translate("en", key, params);
    if (text !== key) return text;
  }
  return p.message;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function printProblems(heading: string, problems: readonly HsdsProblem[]): void {
  if (problems.length === 0) return;
  console.log(`${heading} (${problems.length}):`);
  for (const p of problems.slice(0, LISTED))
    console.log(`  ${p.pointer || p.file || ""} ${p.code}: ${englishText(p)}`);
  if (problems.length > LISTED) console.log(`  … and ${problems.length - LISTED} more`);
}
