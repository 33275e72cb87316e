// Runs one benchmark scenario: `npm run bench -- <name>` loads bench/scenarios/<name>.ts and
// writes bench/results/<name>.json shaped { name, commit, date, machine, runs: [{ backend, metrics }] }.
import { execSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRun } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarios = readdirSync(path.join(here, "scenarios"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));

const name = process.argv[2];
if (!name || !scenarios.includes(name)) {
  console.error(`usage: npm run bench -- <name>\nscenarios: ${scenarios.join(", ")}`);
  process.exit(2);
}

function commit(): string {
  try {
    return execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "uncommitted";
  }
}

const scenario = (await import(`./scenarios/${name}.ts`)) as {
  default: (args: string[]) => Promise<BenchRun[]>;
};
const runs = await scenario.default(process.argv.slice(3));
const result = {
  name,
  commit: commit(),
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  runs,
};
mkdirSync(path.join(here, "results"), { recursive: true });
const out = path.join(here, "results", `${name}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written ${path.relative(process.cwd(), out)}`);
