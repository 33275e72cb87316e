// The `mutuo` command.
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { startServer } from "../server/start";
import { version } from "../version";
import { runExport } from "./directory-export";
import { runImport } from "./directory-import";
import { runSetup } from "./setup";
import { runValidate } from "./validate";

const HELP = `mutuo ${version}: mutual aid and community resource sharing

Usage: mutuo <command> [options]

Commands:
  serve      run the web server (migrates the database first)
  migrate    apply database migrations and exit
  setup      first-run setup: the network and its first administrator (mutuo setup --help)
  validate   check files against the HSDS 3.0 schemas: mutuo validate hsds <file-or-folder>
  import     load the resource directory: mutuo import hsds|ohana|csv ... (mutuo import --help)
  export     write the resource directory: mutuo export hsds --format json|csv <dir>

Options:
  -h, --help     show this help
  -v, --version  show the version

Configuration is read from environment variables (see README.md):
  PORT, HOST, DATABASE_URL, MUTUO_DATA_DIR, LOG_LEVEL, TRUST_PROXY, MUTUO_DEFAULT_LANGUAGE, ...
Without DATABASE_URL the embedded database (PGlite) is kept in MUTUO_DATA_DIR (default ./data).
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
  });
  const [command] = positionals;
  if (command === "setup") return runSetup(loadConfig(), argv.slice(argv.indexOf("setup") + 1));
  if (command === "validate") return runValidate(argv.slice(argv.indexOf("validate") + 1));
  if (command === "import") return runImport(loadConfig(), argv.slice(argv.indexOf("import") + 1));
  if (command === "export") return runExport(loadConfig(), argv.slice(argv.indexOf("export") + 1));
  if (values.version) {
    console.log(version);
    return 0;
  }
  if (values.help || !command || command === "help") {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case "serve":
      await startServer(config);
      return -1; // keep running until a signal stops the server
    case "migrate": {
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(database.db);
        console.log(
          result.applied.length
            ? `applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
            : `database is up to date (${result.total} migrations)`,
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`mutuo: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
