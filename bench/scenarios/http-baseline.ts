// Requests/s and latency of GET /healthz and GET /api/v1/meta, on PGlite and on PostgreSQL,
// each against a bare node:http server doing the same query (the baseline), measured in one run.
// Options: --seconds N (per endpoint, default 10), --connections N (default 20),
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt, load, scratchPostgres, startServer } from "../lib/servers";
import type { BenchRun } from "../types";

const ENDPOINTS = { healthz: "/healthz", meta: "/api/v1/meta" } as const;

export default async function httpBaseline(argv: string[]): Promise<BenchRun[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "20" },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  ensureBuilt();

  const runs: BenchRun[] = [];
  const measure = async (backend: string, env: Record<string, string>) => {
    // Mutuo first: it migrates and creates the instance row that the baseline then reads.
    const servers = [
      { label: "mutuo", args: ["bin/mutuo.js", "serve"] },
      { label: "raw", args: ["--import", "tsx", "bench/raw-server.ts"] },
    ];
    const results: Record<string, Record<string, number>> = {};
    for (const { label, args } of servers) {
      const server = await startServer(args, { LOG_LEVEL: "info", ...env });
      try {
        for (const [name, route] of Object.entries(ENDPOINTS)) {
          load(server.baseUrl + route, 2, connections); // warm-up, not recorded
          const r = load(server.baseUrl + route, seconds, connections);
          if (r.non2xx || r.errors)
            throw new Error(`${label} ${route}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          results[label] = {
            ...results[label],
            [`${name}_rps`]: Math.round(r.rps),
            [`${name}_p50_ms`]: r.p50,
            [`${name}_p99_ms`]: r.p99,
          };
        }
      } finally {
        await server.stop();
      }
    }
    const mutuo = results.mutuo ?? {};
    const raw = results.raw ?? {};
    const metrics: Record<string, number> = { ...mutuo };
    for (const name of Object.keys(ENDPOINTS)) {
      metrics[`${name}_raw_rps`] = raw[`${name}_rps`] ?? 0;
      metrics[`${name}_rps_ratio_to_raw`] = round(
        (mutuo[`${name}_rps`] ?? 0) / (raw[`${name}_rps`] || 1),
      );
    }
    runs.push({ backend, metrics });
    console.error(`${backend}: ${JSON.stringify(metrics)}`);
  };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-bench-"));
  try {
    await measure("pglite", { MUTUO_DATA_DIR: dataDir, DATABASE_URL: "" });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const scratch = await scratchPostgres(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  if (scratch) {
    try {
      await measure("postgres", { DATABASE_URL: scratch.url });
    } finally {
      await scratch.drop();
    }
    const [lite, server] = runs;
    if (lite && server) {
      for (const name of Object.keys(ENDPOINTS)) {
        lite.metrics[`${name}_rps_ratio_to_postgres`] = round(
          Number(lite.metrics[`${name}_rps`]) / Number(server.metrics[`${name}_rps`]),
        );
      }
    }
  } else {
    console.error("PostgreSQL not reachable: measured PGlite only");
  }
  runs.forEach((run) => {
    run.metrics.seconds = seconds;
    run.metrics.connections = connections;
  });
  return runs;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
