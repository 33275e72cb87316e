// `mutuo validate hsds <file-or-folder>`: checks HSDS data against the official schemas (read
// from a local folder, never fetched) and the rules JSON Schema cannot state, and prints every
// problem with the file, record and JSON pointer it is at. Exit 1 when anything is invalid.
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { isHsdsTable } from "../modules/directory/hsds/rules";
import { resolveSchemaDir, SchemaDirError } from "../modules/directory/hsds/schemas";
import type { HsdsProblem } from "../modules/directory/hsds/tabular";
import { type ValidationReport, validateHsds } from "../modules/directory/hsds/validate";

export const VALIDATE_HELP = `mutuo validate hsds [options] <file-or-folder>

Checks Open Referral HSDS 3.0 data: a .json file (one object, a list, an HSDS API page,
compiled service or organization objects), a .ndjson file (one object per line), an HSDS table
.csv file, or a folder (a CSV tabular package, or every .json/.ndjson file in it).
Besides the JSON Schemas: ids unique per table, references that resolve, coordinates in range,
schedule times and dates that parse, well-formed byday.

Options:
  --schemas DIR   the HSDS schema folder (default: MUTUO_HSDS_SCHEMAS, else
                  ../shared/data/hsds/3.0/schema); the schemas are never downloaded
  --type TABLE    every JSON object is this HSDS object (service, organization, location, …)
                  instead of being recognised by its fields
  --json          print the report as JSON
  -h, --help      show this help

Each problem is printed as: <file> <table> <id> <pointer>: <message>
Exit status: 0 valid (warnings allowed), 1 invalid, 2 the command itself could not run.`;

export interface ValidateIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const consoleIo: ValidateIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

export async function runValidate(argv: string[], io: ValidateIo = consoleIo): Promise<number> {
  let parsed: ReturnType<typeof parseValidateArgs>;
  try {
    parsed = parseValidateArgs(argv);
  } catch (error) {
    io.err(`mutuo validate: ${(error as Error).message}\n\n${VALIDATE_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(VALIDATE_HELP);
    return 0;
  }
  const [format, target, ...rest] = positionals;
  if (format !== "hsds" || !target || rest.length > 0) {
    io.err(`mutuo validate: expected "hsds" and one file or folder\n\n${VALIDATE_HELP}`);
    return 2;
  }
  const type = values.type;
  if (type !== undefined && !isHsdsTable(type)) {
    io.err(
      `mutuo validate: --type ${type} is not an HSDS object (service, organization, location, …)`,
    );
    return 2;
  }
  let schemaDir: string;
  try {
    schemaDir = resolveSchemaDir(loadConfig(io.env).directory.hsdsSchemas, values.schemas);
  } catch (error) {
    io.err(`mutuo validate: ${(error as Error).message}`);
    return 2;
  }
  let report: ValidationReport;
  try {
    report = await validateHsds(target, { schemaDir, type });
  } catch (error) {
    // Only an unusable schema folder gets here: bad data is reported, not thrown.
    if (!(error instanceof SchemaDirError)) throw error;
    io.err(`mutuo validate: ${error.message}`);
    return 2;
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.errors.length > 0 ? 1 : 0;
}

function parseValidateArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schemas: { type: "string" },
      type: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export function problemLine(problem: HsdsProblem): string {
  const where = [
    problem.file ?? "-",
    problem.table ?? "-",
    problem.id ?? "-",
    problem.pointer || "-",
  ];
  const severity = problem.severity === "warning" ? "warning: " : "";
  return `${where.join(" ")}: ${severity}${problem.message}`;
}

function printReport(report: ValidationReport, io: ValidateIo): void {
  for (const problem of [...report.errors, ...report.warnings]) io.out(problemLine(problem));
  const verdict = report.errors.length > 0 ? "invalid" : "valid";
  io.out(
    `${verdict}: ${report.files} ${plural(report.files, "file")}, ${report.records} ${plural(report.records, "record")}, ` +
      `${report.errors.length} ${plural(report.errors.length, "error")}, ${report.warnings.length} ${plural(report.warnings.length, "warning")}`,
  );
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
