// `mutuo setup`: first-run setup from the command line (the same checks as the setup page).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { openDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { hashPassword } from "../lib/password";
import { setupRequest } from "../modules/setup/contract";
import { createFirstNetwork, isSetUp } from "../modules/setup/store";

export const SETUP_HELP = `mutuo setup: create the network and its first administrator (once)

Options (asked for when missing and a terminal is attached):
  --network-name NAME     the network's name
  --language en|es        default language (default: en)
  --time-zone ZONE        IANA time zone, e.g. America/Los_Angeles (default: this machine's)
  --admin-name NAME       the administrator's name
  --admin-email EMAIL     the administrator's email
The password is read from MUTUO_ADMIN_PASSWORD, or asked for without echo.`;

async function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) return "";
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Print the prompt, then mute the echo of what is typed.
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stdout.write(question);
    output._writeToOutput = () => {};
    const answer = await rl.question("");
    process.stdout.write("\n");
    rl.close();
    return answer;
  }
  const answer = await rl.question(question);
  rl.close();
  return answer.trim();
}

export async function runSetup(config: Config, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      "network-name": { type: "string" },
      language: { type: "string" },
      "time-zone": { type: "string" },
      "admin-name": { type: "string" },
      "admin-email": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(SETUP_HELP);
    return 0;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    if (await isSetUp(database.db)) {
      console.error("mutuo setup: this installation is already set up.");
      return 1;
    }
    const input = {
      networkName: values["network-name"] ?? (await ask("Network name: ")),
      defaultLanguage: values.language ?? "en",
      timeZone: values["time-zone"] ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      adminName: values["admin-name"] ?? (await ask("Administrator's name: ")),
      adminEmail: values["admin-email"] ?? (await ask("Administrator's email: ")),
      adminPassword:
        process.env.MUTUO_ADMIN_PASSWORD ?? (await ask("Password (10+ characters): ", true)),
    };
    const parsed = setupRequest.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        console.error(`mutuo setup: ${issue.path.join(".") || "input"}: ${issue.message}`);
      }
      return 1;
    }
    const created = await createFirstNetwork(database.db, {
      ...parsed.data,
      adminEmail: parsed.data.adminEmail.toLowerCase(),
      passwordHash: await hashPassword(parsed.data.adminPassword),
    });
    if (!created) {
      console.error("mutuo setup: this installation is already set up.");
      return 1;
    }
    console.log(`Set up "${parsed.data.networkName}". ${parsed.data.adminEmail} can now sign in.`);
    return 0;
  } finally {
    await database.close();
  }
}
