// Starting servers for benchmarks as separate processes, and measuring them with autocannon
// from another process, so the load generator never shares an event loop with the server.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { root } from "../../test/serve";

export { freePort, root, type Server, startServer } from "../../test/serve";

export function ensureBuilt(): void {
  if (!existsSync(path.join(root, "dist", "cli.js"))) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon in its own process against one URL. */
export function load(url: string, seconds: number, connections: number): LoadResult {
  const cli = path.join(root, "node_modules", "autocannon", "autocannon.js");
  const out = execFileSync(
    process.execPath,
    [cli, "--json", "-c", String(connections), "-d", String(seconds), url],
    { cwd: root, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
  ).toString();
  const r = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** A fresh database on the PostgreSQL server, or undefined when none answers. */
export async function scratchPostgres(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `mutuo_bench_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
