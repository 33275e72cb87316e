// `mutuo export hsds --format json|csv [--include-test] <dir>`: the directory as HSDS files.
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { exportHsds } from "../modules/directory/hsds/export";
import { createProgress, formatCount } from "./progress";

const HELP = `Usage: mutuo export hsds --format json|csv [--include-test] <dir>

  --format csv     the HSDS tabular package: one CSV file per table and a datapackage.json
  --format json    services.json (each service with its places, hours, phones, terms, …),
                   organizations.json, locations.json (places no service has),
                   taxonomies.json, taxonomy_terms.json, and unlinked.json for records no
                   object nests; 10,000 objects per file (services-2.json, …)
  --include-test   also write records marked as tests or examples of their source

The folder is created if needed; files of the same name are replaced. "mutuo import hsds <dir>"
reads either form back.`;

export async function runExport(config: Config, argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  if (what !== "hsds") {
    const help = what === "--help" || what === "-h";
    (help ? console.log : console.error)(help ? HELP : `mutuo export: expected "hsds"\n\n${HELP}`);
    return help ? 0 : 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "include-test": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const format = values.format;
  const [dir] = positionals;
  if ((format !== "json" && format !== "csv") || !dir || positionals.length > 1) {
    console.error(`mutuo export hsds: give --format json or csv and one folder\n\n${HELP}`);
    return 1;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const progress = createProgress(`exporting to ${dir}`);
  try {
    await migrate(database.db);
    const summary = await exportHsds(database.db, dir, {
      format,
      includeTest: values["include-test"] === true,
      onProgress: (done) => progress.update(done, null),
    });
    progress.finish();
    const records = Object.entries(summary.records)
      .map(([table, n]) => `${table} ${formatCount(n)}`)
      .join(", ");
    console.log(`Wrote ${summary.files.join(", ")} to ${dir}\n  records: ${records || "none"}`);
    return 0;
  } finally {
    progress.finish();
    await database.close();
  }
}
