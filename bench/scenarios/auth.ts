// Sign-in cost: p50/p95/p99 latency and sessions/s of POST /api/v1/auth/sign-in on PGlite and on
// PostgreSQL, against the raw argon2id verify time (the ceiling is cores / verify time, since
// every sign-in verifies one password). The built server runs as a child process; users are
// created through the API; autocannon runs in its own process and cycles through a pool of users
// so neither lockout nor the per-email limit is reached (MUTUO_RATE_LIMIT_SCALE is raised too).
// Options: --users N (default 200), --seconds N (default 10), --connections N (default 8),
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { hashPassword, verifyPassword } from "../../src/lib/password";
import { ensureBuilt, root, scratchPostgres, startServer } from "../lib/servers";
import type { BenchRun } from "../types";

const PASSWORD = "bench password long enough";
const SIGN_IN = "/api/v1/auth/sign-in";

interface LoadOutput {
  sessionsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

/** Runs in the child process: autocannon POSTing sign-ins, one user after another. */
async function loadMain(config: {
  url: string;
  emails: string[];
  seconds: number;
  connections: number;
}): Promise<void> {
  const untyped: string = "autocannon"; // ships no types
  const { default: autocannon } = (await import(untyped)) as {
    default: (options: object) => {
      on(
        event: "response",
        fn: (client: unknown, status: number, bytes: number, ms: number) => void,
      ): void;
    } & PromiseLike<{ non2xx: number; errors: number; duration: number }>;
  };
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    requests: [
      {
        method: "POST",
        path: SIGN_IN,
        headers: { "content-type": "application/json" },
        setupRequest: (request: Record<string, unknown>) => {
          const email = config.emails[next++ % config.emails.length];
          return { ...request, body: JSON.stringify({ email, password: PASSWORD }) };
        },
      },
    ],
  });
  let ok = 0;
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status === 200) ok += 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const output: LoadOutput = {
    sessionsPerSecond: Math.round((ok / result.duration) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  process.stdout.write(JSON.stringify(output));
}

function load(baseUrl: string, emails: string[], seconds: number, connections: number): LoadOutput {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--load"],
    {
      cwd: root,
      input: JSON.stringify({ url: baseUrl, emails, seconds, connections }),
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["pipe", "pipe", "inherit"],
    },
  ).toString();
  return JSON.parse(out) as LoadOutput;
}

async function post(baseUrl: string, url: string, body: unknown): Promise<Response> {
  return fetch(baseUrl + url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Sets the installation up and signs up `count` people through the API, 8 at a time. */
async function createUsers(baseUrl: string, count: number): Promise<string[]> {
  const setup = await post(baseUrl, "/api/v1/setup", {
    networkName: "Bench Network",
    defaultLanguage: "en",
    timeZone: "UTC",
    adminName: "Bench Admin",
    adminEmail: "bench-admin@example.org",
    adminPassword: PASSWORD,
  });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  const emails = Array.from({ length: count }, (_, i) => `bench-${i}@example.org`);
  for (let i = 0; i < emails.length; i += 8) {
    await Promise.all(
      emails.slice(i, i + 8).map(async (email) => {
        const res = await post(baseUrl, "/api/v1/auth/sign-up", {
          name: email,
          email,
          password: PASSWORD,
        });
        if (res.status !== 201)
          throw new Error(`sign-up ${email}: ${res.status} ${await res.text()}`);
      }),
    );
  }
  return emails;
}

/**
 * Median and p95 of one argon2id verify with the production cost, one at a time: the best of
 * three batches, so other work on a shared machine inflates it less.
 */
async function argon2Baseline(): Promise<{ p50: number; p95: number }> {
  const stored = await hashPassword(PASSWORD);
  for (let i = 0; i < 5; i++) await verifyPassword(stored, PASSWORD);
  let best = { p50: Number.POSITIVE_INFINITY, p95: Number.POSITIVE_INFINITY };
  for (let batch = 0; batch < 3; batch++) {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      await verifyPassword(stored, PASSWORD);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    if (p50 < best.p50) best = { p50, p95: percentile(times, 95) };
  }
  return best;
}

export default async function auth(argv: string[]): Promise<BenchRun[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: "string", default: "200" },
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "8" },
    },
  });
  const users = Number(values.users);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  ensureBuilt();

  const argon2 = await argon2Baseline();
  const cores = os.cpus().length;
  const ceiling = Math.round((cores / (argon2.p50 / 1000)) * 10) / 10;
  console.error(
    `argon2id verify p50 ${argon2.p50} ms, p95 ${argon2.p95} ms; ceiling ${ceiling}/s on ${cores} cores`,
  );

  const runs: BenchRun[] = [];
  const measure = async (backend: string, env: Record<string, string>) => {
    const server = await startServer(["bin/mutuo.js", "serve"], {
      LOG_LEVEL: "warn",
      MUTUO_RATE_LIMIT_SCALE: "100000",
      SMTP_URL: "",
      MUTUO_MAIL_OUTBOX_DIR: "",
      ...env,
    });
    try {
      const started = performance.now();
      const emails = await createUsers(server.baseUrl, users);
      const signUpSeconds = (performance.now() - started) / 1000;
      load(server.baseUrl, emails, 2, connections); // warm-up, not recorded
      const r = load(server.baseUrl, emails, seconds, connections);
      // One person at a time: the latency someone signing in on a quiet server sees.
      const alone = load(server.baseUrl, emails, Math.min(seconds, 5), 1);
      for (const [label, x] of [
        ["loaded", r],
        ["alone", alone],
      ] as const) {
        if (x.non2xx || x.errors) {
          throw new Error(
            `${backend} ${label}: ${x.non2xx} non-2xx, ${x.errors} errors of ${x.requests}`,
          );
        }
      }
      const metrics = {
        users,
        sign_ups_per_s: Math.round((users / signUpSeconds) * 10) / 10,
        sign_in_p50_ms: r.p50,
        sign_in_p95_ms: r.p95,
        sign_in_p99_ms: r.p99,
        sessions_per_s: r.sessionsPerSecond,
        single_sign_in_p50_ms: alone.p50,
        single_sign_in_p95_ms: alone.p95,
        argon2_verify_p50_ms: argon2.p50,
        argon2_verify_p95_ms: argon2.p95,
        sessions_per_s_ceiling: ceiling,
        share_of_ceiling: Math.round((r.sessionsPerSecond / ceiling) * 100) / 100,
      };
      runs.push({ backend, metrics });
      console.error(`${backend}: ${JSON.stringify(metrics)}`);
    } finally {
      await server.stop();
    }
  };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-bench-auth-"));
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
      const ratio = (key: string) =>
        Math.round((Number(lite.metrics[key]) / Number(server.metrics[key])) * 100) / 100;
      lite.metrics.sessions_per_s_ratio_to_postgres = ratio("sessions_per_s");
      lite.metrics.sign_in_p95_ratio_to_postgres = ratio("sign_in_p95_ms");
    }
  } else {
    console.error("PostgreSQL not reachable: measured PGlite only");
  }
  for (const run of runs) {
    run.metrics.seconds = seconds;
    run.metrics.connections = connections;
  }
  return runs;
}

// The load generator's own process: `node --import tsx bench/scenarios/auth.ts --load` < config.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--load")) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    await loadMain(JSON.parse(Buffer.concat(chunks).toString()));
  }
}
