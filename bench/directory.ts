// The directory under load, with N generated services (default 100,000) on PGlite and on
// PostgreSQL: (a) the HSDS NDJSON import through the real importer, in its own process —
// services/s, records/s and that process's peak RSS; (b) search over HTTP (text + 5 km + open now
// + language, a mix of queries, one at a time) p50/p95, against the same queries' candidate SQL
// (built by the search's own builder) run directly → ratio; (c) HSDS API throughput
// (GET /hsds/services, 50 a page, first and deep pages) with autocannon.
// The built server runs as a child process; PGlite is single-process, so the bench opens the data
// folder only while the server is stopped.
// Options: --services N (default 100000), --seconds N (HSDS load, default 10), --searches N
// (default 300), --seed N, --backend both|pglite|postgres, --keep;
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { pgliteExtensions } from "../src/db/connect";
import type { SearchQuery } from "../src/modules/directory/contract";
import { openAt } from "../src/modules/directory/schedule/evaluate";
import type { ScheduleRule } from "../src/modules/directory/schedule/rules";
import { buildSearchSql } from "../src/modules/directory/search";
import { CITIES, type City, Draw, generateDirectory, random, schedules } from "./directory-data";
import { ensureBuilt, load, root, type Server, scratchPostgres, startServer } from "./lib/servers";
import type { BenchRun } from "./types";

const HSDS_CONNECTIONS = 10;
/** What people type, in both languages, some with a typo. */
const SEARCH_WORDS = [
  "food pantry",
  "despensa",
  "comida",
  "clinic",
  "shelter",
  "albergue",
  "legal help",
  "ropa",
  "food",
  "diapers",
  "pañales",
  "mental health",
  "salud",
  "pantri",
];

interface Raw {
  query(text: string, params: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

async function openPglite(dataDir: string): Promise<Raw> {
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  return { query: (t, p) => client.query(t, p), close: () => client.close() };
}

function openPostgres(url: string): Raw {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return { query: (t, p) => pool.query(t, p as unknown[]), close: () => pool.end() };
}

/** A visitor's search: words, a point a few km from a city centre, 5 km, open now, a language. */
export function searchQueries(count: number, seed: number): SearchQuery[] {
  const d = new Draw(random(seed));
  const weighted = CITIES.flatMap((c) => Array<City>(c.weight).fill(c));
  return Array.from({ length: count }, () => {
    const city = d.pick(weighted);
    return {
      q: d.pick(SEARCH_WORDS),
      lat: Math.round((city.lat + d.gaussian() * 0.02) * 1e5) / 1e5,
      lng: Math.round((city.lng + d.gaussian() * 0.02) * 1e5) / 1e5,
      radius_km: 5,
      open_at: "now",
      language: city.spanish || d.chance(0.4) ? "es" : "en",
    };
  });
}

function queryString(q: SearchQuery): string {
  return new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 100) / 100;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/** Each search over HTTP, one at a time (after a warm-up round): latencies and results seen. */
async function httpSearches(baseUrl: string, queries: SearchQuery[]) {
  const once = async (q: SearchQuery) => {
    const res = await fetch(`${baseUrl}/api/v1/directory/search?${queryString(q)}`);
    if (res.status !== 200)
      throw new Error(`search ${queryString(q)}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { total: number };
  };
  for (const q of queries.slice(0, 20)) await once(q);
  const times: number[] = [];
  let found = 0;
  for (const q of queries) {
    const started = performance.now();
    const body = await once(q);
    times.push(performance.now() - started);
    found += body.total > 0 ? 1 : 0;
  }
  return { times: times.sort((a, b) => a - b), withResults: found };
}

/** The same searches' candidate SQL, as the search builds it, run directly. */
async function rawSearches(raw: Raw, queries: SearchQuery[]) {
  const dialect = new PgDialect();
  const statements = queries.map((q) => dialect.sqlToQuery(buildSearchSql(q)));
  for (const s of statements.slice(0, 20)) await raw.query(s.sql, s.params);
  const times: number[] = [];
  for (const s of statements) {
    const started = performance.now();
    await raw.query(s.sql, s.params);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Open-now over 1,000 candidates as the search does it: schedule rows as read from the database
 * (fresh objects each time), each in its place's zone. Milliseconds per 1,000, median of 50 rounds.
 */
function scheduleEvaluation(seed: number): number {
  const d = new Draw(random(seed));
  const today = new Date();
  const zones = [...new Set(CITIES.map((c) => c.zone))];
  const rows = Array.from({ length: 1000 }, () =>
    schedules(d, today).map(({ x_mutuo_closed, ...r }) => ({
      ...r,
      mutuo_closed: x_mutuo_closed === true,
    })),
  );
  const rounds: number[] = [];
  for (let round = 0; round < 50; round++) {
    const started = performance.now();
    rows.forEach((rules, i) => {
      const fresh = rules.map((r) => ({ ...r }) as ScheduleRule);
      openAt(fresh, today, zones[i % zones.length] as string);
    });
    rounds.push(performance.now() - started);
  }
  return percentile(
    rounds.sort((a, b) => a - b),
    50,
  );
}

interface ImportResult {
  seconds: number;
  services: number;
  records: number;
  peakRssMb: number;
  baselineRssMb: number;
}

function runImport(
  target: { url?: string; dataDir?: string },
  files: { zone: string; file: string }[],
): ImportResult {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench", "directory-import.ts")],
    {
      cwd: root,
      input: JSON.stringify({ ...target, files }),
      maxBuffer: 16 * 1024 * 1024,
      stdio: ["pipe", "pipe", "inherit"],
    },
  ).toString();
  return JSON.parse(out) as ImportResult;
}

interface Backend {
  name: string;
  target: { url?: string; dataDir?: string };
  env: Record<string, string>;
  exclusive: boolean;
  open(): Promise<Raw>;
}

export default async function directory(argv: string[]): Promise<BenchRun[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      services: { type: "string", default: "100000" },
      seconds: { type: "string", default: "10" },
      searches: { type: "string", default: "300" },
      seed: { type: "string", default: "20261126" },
      backend: { type: "string", default: "both" },
      keep: { type: "boolean", default: false },
    },
  });
  const only = values.backend;
  if (!["both", "pglite", "postgres"].includes(only))
    throw new Error("--backend both|pglite|postgres");
  const count = Number(values.services);
  const seconds = Number(values.seconds);
  const seed = Number(values.seed);
  ensureBuilt();
  const work = mkdtempSync(path.join(os.tmpdir(), "mutuo-bench-directory-"));
  const generated = await generateDirectory(work, count, seed, new Date());
  const queries = searchQueries(Number(values.searches), seed + 1);
  const openAtMsPer1000 = scheduleEvaluation(seed + 2);
  console.error(
    `generated ${generated.services} services, ${generated.records} records in ${generated.files.length} files`,
  );

  const measure = async (backend: Backend): Promise<BenchRun> => {
    const log = (m: string) => console.error(`${backend.name}: ${m}`);
    // Migrate first, in a process of its own, so the import's peak memory is the import's
    // (a new PGlite data folder's initdb alone takes hundreds of MB).
    runImport(backend.target, []);
    const imported = runImport(backend.target, generated.files);
    log(
      `imported ${imported.services} services in ${round(imported.seconds, 1)} s, peak RSS ${Math.round(imported.peakRssMb)} MB`,
    );
    const env = {
      LOG_LEVEL: "warn",
      MUTUO_RATE_LIMIT_SCALE: "100000",
      MUTUO_JOBS: "off",
      SMTP_URL: "",
      ...backend.env,
    };
    let raw: Raw | undefined;
    let server: Server | undefined;
    try {
      let sqlTimes: number[] = [];
      if (backend.exclusive) {
        raw = await backend.open();
        sqlTimes = await rawSearches(raw, queries);
        await raw.close();
        raw = undefined;
      }
      server = await startServer(["bin/mutuo.js", "serve"], env);
      const http = await httpSearches(server.baseUrl, queries);
      log(
        `search p95 ${percentile(http.times, 95)} ms, ${http.withResults}/${queries.length} with results`,
      );
      const hsdsFirst = load(
        `${server.baseUrl}/hsds/services?page=1&per_page=50`,
        seconds,
        HSDS_CONNECTIONS,
      );
      const deepPage = Math.max(1, Math.floor(count / 50 / 2));
      const hsdsDeep = load(
        `${server.baseUrl}/hsds/services?page=${deepPage}&per_page=50`,
        seconds,
        HSDS_CONNECTIONS,
      );
      if (!backend.exclusive) {
        raw = await backend.open();
        sqlTimes = await rawSearches(raw, queries);
      }
      for (const [label, r] of [
        ["hsds first page", hsdsFirst],
        ["hsds deep page", hsdsDeep],
      ] as const) {
        if (r.non2xx || r.errors)
          throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      }
      const httpP95 = percentile(http.times, 95);
      const sqlP95 = percentile(sqlTimes, 95);
      const metrics = {
        services: imported.services,
        records: imported.records,
        import_s: round(imported.seconds, 1),
        import_services_per_s: Math.round(imported.services / imported.seconds),
        import_records_per_s: Math.round(imported.records / imported.seconds),
        import_peak_rss_mb: Math.round(imported.peakRssMb),
        import_rss_before_mb: Math.round(imported.baselineRssMb),
        searches: queries.length,
        searches_with_results: http.withResults,
        search_p50_ms: percentile(http.times, 50),
        search_p95_ms: httpP95,
        search_sql_p50_ms: percentile(sqlTimes, 50),
        search_sql_p95_ms: sqlP95,
        search_ratio_to_sql_p95: round(httpP95 / (sqlP95 || 1)),
        open_at_ms_per_1000_candidates: openAtMsPer1000,
        hsds_first_page_rps: hsdsFirst.rps,
        hsds_first_page_p99_ms: hsdsFirst.p99,
        hsds_deep_page: deepPage,
        hsds_deep_page_rps: hsdsDeep.rps,
        hsds_deep_page_p99_ms: hsdsDeep.p99,
        load_average_1m: round(os.loadavg()[0] ?? 0),
      };
      log(JSON.stringify(metrics));
      return { backend: backend.name, metrics };
    } finally {
      await raw?.close();
      await server?.stop();
    }
  };

  const runs: BenchRun[] = [];
  try {
    if (only !== "postgres") {
      const dataDir = path.join(work, "pglite");
      runs.push(
        await measure({
          name: "pglite",
          target: { dataDir },
          env: { MUTUO_DATA_DIR: dataDir, DATABASE_URL: "" },
          exclusive: true,
          open: () => openPglite(dataDir),
        }),
      );
    }
    const scratch =
      only === "pglite"
        ? undefined
        : await scratchPostgres(
            process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
          );
    if (scratch) {
      try {
        runs.push(
          await measure({
            name: "postgres",
            target: { url: scratch.url },
            env: { DATABASE_URL: scratch.url },
            exclusive: false,
            open: async () => openPostgres(scratch.url),
          }),
        );
      } finally {
        if (values.keep) console.error(`kept the PostgreSQL database ${scratch.url}`);
        else await scratch.drop();
      }
    } else if (only !== "pglite") console.error("PostgreSQL not reachable: measured PGlite only");
  } finally {
    if (values.keep) console.error(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  for (const run of runs) {
    run.metrics.seconds = seconds;
    run.metrics.hsds_connections = HSDS_CONNECTIONS;
  }
  return runs;
}
