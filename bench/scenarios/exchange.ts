// The mutual aid exchange under load, with N open needs loaded (default 100,000), on PGlite and on
// PostgreSQL in one run: (a) public intake (POST /groups/:id/needs, 50 connections) requests/s and
// latency, and a count: every 201 autocannon saw must be a row in `needs` afterwards, and no row
// may appear that was not acknowledged; (b) the board with filters (category, language, near and
// radius) as a volunteer, p95 over HTTP against the same SQL (built by the store's own query
// builder) run directly; (c) claims of distinct needs by several volunteers, a few at a time.
// The built server runs as a child process (setup, group and volunteers through the API); the open
// needs are preloaded with bulk SQL (PGlite: while the server is stopped, since the embedded
// database is single-process; the raw board SQL is timed the same way, before and after the HTTP
// run); autocannon and the claimers run in their own process.
// Options: --needs N (default 100000), --seconds N (intake and board, default 10),
// --claims N (default 500), --claim-concurrency N (default 10), --backend both|pglite|postgres,
// --keep (leave the loaded databases behind, for EXPLAIN), BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { latLngToCell } from "h3-js";
import pg from "pg";
import { uuidv7 } from "uuidv7";
import { type Db, pgliteExtensions } from "../../src/db/connect";
import { CATEGORY_IDS, type CategoryId, type Urgency } from "../../src/modules/exchange/categories";
import { BOARD_LIMIT } from "../../src/modules/exchange/routes";
import { boardNeedsQuery } from "../../src/modules/exchange/store";
import { root, type Server, scratchPostgres, startServer } from "../lib/servers";
import type { BenchRun } from "../types";

const PASSWORD = "bench password long enough";
const CENTRE = { lat: 37.55, lng: -122.31 }; // San Mateo
const INTAKE_CONNECTIONS = 50;
const BOARD_CONNECTIONS = 10;
/** The board as a volunteer filters it: groceries, within 3 km, needs whose languages include Spanish. */
const BOARD_FILTER = {
  category: "groceries" as CategoryId,
  language: "es",
  near: CENTRE,
  radiusKm: 3,
};
const SQL_RUNS = 200;
/** A volunteer's open-claim cap is at most 100 (SETTING_LIMITS); stay under it. */
const CLAIMS_PER_VOLUNTEER = 90;

// ---- random needs, alike for the preload and for the intake load ----

const WEIGHTED_CATEGORIES: CategoryId[] = [
  ...Array<CategoryId>(6).fill("groceries"),
  ...Array<CategoryId>(3).fill("meals"),
  ...CATEGORY_IDS,
];
const WEIGHTED_URGENCIES: Urgency[] = [
  "low",
  "low",
  "normal",
  "normal",
  "normal",
  "normal",
  "high",
  "high",
  "urgent",
];
const WORDS =
  "family of four needs help this week with groceries rides to clinic and pharmacy pickup after work hours please call evenings kids elderly neighbour bus stop near park".split(
    " ",
  );

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

function randomNeed() {
  const words = Array.from({ length: 8 + Math.floor(Math.random() * 16) }, () => pick(WORDS));
  const r = Math.random();
  return {
    category: pick(WEIGHTED_CATEGORIES),
    urgency: pick(WEIGHTED_URGENCIES),
    description: `${words.join(" ")} ${Math.floor(Math.random() * 1e9)}`,
    languages: r < 0.6 ? ["en"] : r < 0.85 ? ["es"] : ["en", "es"],
    householdSize: 1 + Math.floor(Math.random() * 6),
    // About 4 km either way around the centre; one in ten gives only cross streets.
    point:
      Math.random() < 0.9
        ? { lat: CENTRE.lat + gaussian() * 0.035, lng: CENTRE.lng + gaussian() * 0.045 }
        : null,
  };
}

// ---- the load generator's own process ----

interface LoadStats {
  requests: number;
  ok: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

type LoadConfig =
  | { kind: "intake"; baseUrl: string; groupId: string; connections: number; amount: number }
  | { kind: "board"; url: string; cookie: string; connections: number; seconds: number }
  | {
      kind: "claims";
      baseUrl: string;
      groupId: string;
      cookies: string[];
      needIds: string[];
      concurrency: number;
    };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

function stats(latencies: number[], seconds: number, statuses: Record<string, number>, ok: number) {
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses)
    .filter(([s]) => !s.startsWith("2"))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    ok,
    rps: Math.round((latencies.length / seconds) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx,
    statuses,
  };
}

async function loadMain(config: LoadConfig): Promise<LoadStats> {
  if (config.kind === "claims") return claimsMain(config);
  const untyped: string = "autocannon"; // ships no types
  const { default: autocannon } = (await import(untyped)) as {
    default: (options: object) => {
      on(
        event: "response",
        fn: (client: unknown, status: number, bytes: number, ms: number) => void,
      ): void;
    } & PromiseLike<{ errors: number; duration: number }>;
  };
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const instance =
    config.kind === "intake"
      ? // A fixed amount, not a duration: autocannon then waits for every answer, so the 201s
        // it counts are exactly the needs the server acknowledged.
        autocannon({
          url: config.baseUrl,
          connections: config.connections,
          amount: config.amount,
          // autocannon gives up on a request after 10 s by default and counts an error, though
          // the server still answers and stores it; wait for every answer instead.
          timeout: 300,
          requests: [
            {
              method: "POST",
              path: `/api/v1/groups/${config.groupId}/needs`,
              headers: { "content-type": "application/json" },
              setupRequest: (request: Record<string, unknown>) => {
                const n = randomNeed();
                const phone = `+1 650 ${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
                const body = {
                  category: n.category,
                  description: n.description,
                  urgency: n.urgency,
                  householdSize: n.householdSize,
                  languages: n.languages,
                  location: n.point ?? { text: "El Camino Real & 3rd Ave" },
                  contact: { name: "Bench", phone, channel: "sms" },
                };
                return { ...request, body: JSON.stringify(body) };
              },
            },
          ],
        })
      : autocannon({
          url: config.url,
          connections: config.connections,
          duration: config.seconds,
          timeout: 300,
          headers: { cookie: config.cookie },
        });
  let ok = 0;
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === (config.kind === "intake" ? 201 : 200)) ok += 1;
  });
  const result = await instance;
  return { ...stats(latencies, result.duration, statuses, ok), errors: result.errors };
}

/** Claims of distinct needs: `concurrency` claimers, each taking the next need in turn. */
async function claimsMain(config: Extract<LoadConfig, { kind: "claims" }>): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      for (let i = next++; i < config.needIds.length; i = next++) {
        const cookie = config.cookies[i % config.cookies.length] as string;
        const t0 = performance.now();
        try {
          const res = await fetch(
            `${config.baseUrl}/api/v1/groups/${config.groupId}/needs/${config.needIds[i]}/claim`,
            { method: "POST", headers: { cookie } },
          );
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 200) ok += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...stats(latencies, seconds, statuses, ok), errors };
}

function load(config: LoadConfig): LoadStats {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--load"],
    {
      cwd: root,
      input: JSON.stringify(config),
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["pipe", "pipe", "inherit"],
    },
  ).toString();
  return JSON.parse(out) as LoadStats;
}

// ---- the server's database, opened directly ----

interface Raw {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

async function openPglite(dataDir: string): Promise<Raw> {
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  return {
    query: <T>(text: string, params?: unknown[]) => client.query<T>(text, params),
    close: () => client.close(),
  };
}

function openPostgres(url: string): Raw {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    query: async <T>(text: string, params?: unknown[]) =>
      (await pool.query(text, params)) as unknown as { rows: T[] },
    close: () => pool.end(),
  };
}

const PRELOAD_CHUNK = 10_000;

/** Short codes the random ones (8 of 31 symbols) will not draw in practice: "Z" then base 31. */
function preloadShortCode(i: number): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  let s = "";
  for (let n = i; s.length < 7; n = Math.floor(n / alphabet.length)) {
    s = alphabet[n % alphabet.length] + s;
  }
  return `Z${s}`;
}

/** Bulk-inserts `count` open needs (status new) with their first history row, like intake would. */
async function preload(raw: Raw, groupId: string, count: number): Promise<void> {
  const now = Date.now();
  for (let from = 0; from < count; from += PRELOAD_CHUNK) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + PRELOAD_CHUNK); i++) {
      const n = randomNeed();
      rows.push({
        id: uuidv7(),
        c: n.category,
        d: n.description,
        u: n.urgency,
        l: n.languages.join(","),
        hh: n.householdSize,
        la: n.point?.lat ?? null,
        ln: n.point?.lng ?? null,
        h7: n.point ? latLngToCell(n.point.lat, n.point.lng, 7) : null,
        h8: n.point ? latLngToCell(n.point.lat, n.point.lng, 8) : null,
        h9: n.point ? latLngToCell(n.point.lat, n.point.lng, 9) : null,
        t: n.point ? null : "El Camino Real & 3rd Ave",
        // Waiting up to 30 days.
        at: new Date(now - Math.random() * 30 * 24 * 3600 * 1000).toISOString(),
        sc: preloadShortCode(i),
      });
    }
    await raw.query(
      `with x as (
         select * from jsonb_to_recordset($1::jsonb) as r(
           id uuid, c text, d text, u text, l text, hh int, la float8, ln float8,
           h7 text, h8 text, h9 text, t text, at timestamptz, sc text)
       ), ins as (
         insert into needs (id, group_id, status, category, description, urgency, household_size,
           languages, h3_r7, h3_r8, h3_r9, lat, lng, location_text, contact_name, contact_phone,
           contact_channel, contact_hash, status_token_hash, short_code, created_at, updated_at)
         select id, $2::uuid, 'new', c, d, u, hh, string_to_array(l, ','), h7, h8, h9, la, ln, t,
           'Bench', '+1 650 555 0101', 'sms',
           encode(sha256(convert_to('contact' || id::text, 'UTF8')), 'hex'),
           encode(sha256(convert_to('status' || id::text, 'UTF8')), 'hex'),
           sc, at, at
         from x
         returning id, created_at
       )
       insert into need_events (id, need_id, action, from_status, to_status, actor_kind, created_at)
       select gen_random_uuid(), id, 'post', null, 'new', 'anonymous', created_at from ins`,
      [JSON.stringify(rows), groupId],
    );
  }
  await raw.query("analyze needs");
  await raw.query("analyze need_events");
}

async function countNeeds(raw: Raw): Promise<number> {
  const { rows } = await raw.query<{ n: number }>("select count(*)::int as n from needs");
  return Number(rows[0]?.n ?? 0);
}

/**
 * The SQL and parameters boardNeeds (src/modules/exchange/store.ts) sends for a volunteer of a
 * peer-mode group (statuses new and triaged) with the bench's filters: built by the store's own
 * query builder (drizzle over a pool that never connects), so the raw timing is of the same SQL.
 */
function boardStatement(groupId: string): { text: string; params: unknown[] } {
  const f = BOARD_FILTER;
  const offline = drizzlePg(new pg.Pool({ max: 1 })) as unknown as Db;
  const { sql, params } = boardNeedsQuery(
    offline,
    groupId,
    {
      statuses: ["new", "triaged"],
      category: f.category,
      language: f.language,
      near: { ...f.near, radiusKm: f.radiusKm },
    },
    BOARD_LIMIT,
  ).toSQL();
  return { text: sql, params };
}

/** The board's SQL run directly, one at a time: the latencies (ms) and the rows it returns. */
async function rawBoard(raw: Raw, groupId: string): Promise<{ times: number[]; rows: number }> {
  const { text, params } = boardStatement(groupId);
  let rows = 0;
  for (let i = 0; i < 20; i++) rows = (await raw.query(text, params)).rows.length;
  const times: number[] = [];
  for (let i = 0; i < SQL_RUNS; i++) {
    const started = performance.now();
    await raw.query(text, params);
    times.push(performance.now() - started);
  }
  return { times, rows };
}

// ---- the API: setup, the group and its volunteers ----

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function call(
  baseUrl: string,
  method: string,
  url: string,
  body?: unknown,
  cookie?: string,
): Promise<Response> {
  const res = await fetch(baseUrl + url, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

async function setUp(baseUrl: string, volunteers: number) {
  const setup = await call(baseUrl, "POST", "/api/v1/setup", {
    networkName: "Bench Network",
    defaultLanguage: "en",
    timeZone: "UTC",
    adminName: "Bench Admin",
    adminEmail: "bench-admin@example.org",
    adminPassword: PASSWORD,
  });
  const admin = cookieOf(setup);
  const { networks } = (await (
    await call(baseUrl, "GET", "/api/v1/networks", undefined, admin)
  ).json()) as {
    networks: { id: string }[];
  };
  const networkId = networks[0]?.id;
  if (!networkId) throw new Error("no network after setup");
  const group = (await (
    await call(
      baseUrl,
      "POST",
      `/api/v1/networks/${networkId}/groups`,
      {
        name: "San Mateo Mutual Aid",
        mode: "mutual_aid",
        timeZone: "America/Los_Angeles",
        settings: { maxOpenClaimsPerVolunteer: 100, claimExpiryHours: 720 },
      },
      admin,
    )
  ).json()) as { id: string };
  const invitation = (await (
    await call(
      baseUrl,
      "POST",
      `/api/v1/groups/${group.id}/invitations`,
      { role: "volunteer", maxUses: volunteers },
      admin,
    )
  ).json()) as { token: string };
  const cookies: string[] = [];
  for (let i = 0; i < volunteers; i++) {
    const email = `volunteer-${i}@example.org`;
    const res = await call(baseUrl, "POST", "/api/v1/auth/sign-up", {
      name: `Volunteer ${i}`,
      email,
      password: PASSWORD,
    });
    const cookie = cookieOf(res);
    await call(
      baseUrl,
      "POST",
      `/api/v1/invitations/${invitation.token}/accept`,
      undefined,
      cookie,
    );
    cookies.push(cookie);
  }
  return { groupId: group.id, cookies };
}

// ---- the scenario ----

/** Builds when dist/cli.js is missing or older than any source file (ensureBuilt checks only the first). */
function ensureFreshBuild(): void {
  const cli = path.join(root, "dist", "cli.js");
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    // not built
  }
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (newest(path.join(root, "src")) > built) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  }
}

interface Backend {
  name: string;
  env: Record<string, string>;
  /** PGlite: the server must be stopped while the bench opens the database itself. */
  exclusive: boolean;
  open(): Promise<Raw>;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export default async function exchange(argv: string[]): Promise<BenchRun[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      needs: { type: "string", default: "100000" },
      seconds: { type: "string", default: "10" },
      claims: { type: "string", default: "500" },
      "claim-concurrency": { type: "string", default: "10" },
      backend: { type: "string", default: "both" },
      keep: { type: "boolean", default: false },
    },
  });
  const only = values.backend;
  if (!["both", "pglite", "postgres"].includes(only))
    throw new Error("--backend both|pglite|postgres");
  const needCount = Number(values.needs);
  const seconds = Number(values.seconds);
  const claimCount = Number(values.claims);
  const claimConcurrency = Number(values["claim-concurrency"]);
  const volunteers = Math.max(claimConcurrency, Math.ceil(claimCount / CLAIMS_PER_VOLUNTEER));
  ensureFreshBuild();

  const measure = async (backend: Backend): Promise<BenchRun> => {
    const env = {
      LOG_LEVEL: "warn",
      MUTUO_RATE_LIMIT_SCALE: "100000",
      MUTUO_JOBS: "off",
      SMTP_URL: "",
      MUTUO_MAIL_OUTBOX_DIR: "",
      ...backend.env,
    };
    const log = (m: string) => console.error(`${backend.name}: ${m}`);
    let server: Server | undefined = await startServer(["bin/mutuo.js", "serve"], env);
    let raw: Raw | undefined;
    // PGlite: one process at a time on the data folder; PostgreSQL: both stay open.
    const dbAlone = async (): Promise<Raw> => {
      if (backend.exclusive && server) {
        await server.stop();
        server = undefined;
      }
      raw ??= await backend.open();
      return raw;
    };
    const serverUp = async (): Promise<Server> => {
      if (backend.exclusive && raw) {
        await raw.close();
        raw = undefined;
      }
      server ??= await startServer(["bin/mutuo.js", "serve"], env);
      return server;
    };
    try {
      const { groupId, cookies } = await setUp((await serverUp()).baseUrl, volunteers);
      log(`set up, ${volunteers} volunteers; preloading ${needCount} needs`);

      let db = await dbAlone();
      const loadStarted = performance.now();
      await preload(db, groupId, needCount);
      const preloadSeconds = (performance.now() - loadStarted) / 1000;
      const before = await countNeeds(db);
      const claimIds = (
        await db.query<{ id: string }>(
          "select id from needs where group_id = $1 and status = 'new' order by random() limit $2",
          [groupId, claimCount],
        )
      ).rows.map((r) => r.id);
      log(`${before} needs in ${round(preloadSeconds, 1)} s; intake`);

      // (a) Intake: a warm-up of fixed size, then about --seconds worth at the warm-up's rate.
      let baseUrl = (await serverUp()).baseUrl;
      const warm = load({
        kind: "intake",
        baseUrl,
        groupId,
        connections: INTAKE_CONNECTIONS,
        amount: 4 * INTAKE_CONNECTIONS,
      });
      const amount = Math.max(INTAKE_CONNECTIONS, Math.round(warm.rps * seconds));
      const intake = load({
        kind: "intake",
        baseUrl,
        groupId,
        connections: INTAKE_CONNECTIONS,
        amount,
      });
      db = await dbAlone();
      const after = await countNeeds(db);
      const acknowledged = warm.ok + intake.ok;
      const added = after - before;
      log(
        `intake ${intake.rps}/s p99 ${intake.p99} ms; ${acknowledged} acknowledged, ${added} rows added`,
      );
      if (acknowledged !== added || warm.errors || intake.errors) {
        throw new Error(
          `intake count: ${acknowledged} acknowledged (201) but ${added} rows added; ` +
            `statuses ${JSON.stringify(intake.statuses)}, ${warm.errors + intake.errors} errors`,
        );
      }

      // (b) The board: raw SQL, then HTTP, then raw SQL again.
      const sqlBefore = await rawBoard(db, groupId);
      baseUrl = (await serverUp()).baseUrl;
      const boardUrl =
        `${baseUrl}/api/v1/groups/${groupId}/needs?category=${BOARD_FILTER.category}` +
        `&language=${BOARD_FILTER.language}` +
        `&near=${BOARD_FILTER.near.lat},${BOARD_FILTER.near.lng}&radiusKm=${BOARD_FILTER.radiusKm}`;
      const cookie = cookies[0] as string;
      const sample = (await (
        await call(baseUrl, "GET", boardUrl.slice(baseUrl.length), undefined, cookie)
      ).json()) as {
        needs: unknown[];
      };
      const boardLoad = { kind: "board" as const, url: boardUrl, cookie };
      load({ ...boardLoad, connections: BOARD_CONNECTIONS, seconds: 2 }); // warm-up
      const board = load({ ...boardLoad, connections: BOARD_CONNECTIONS, seconds });
      const single = load({ ...boardLoad, connections: 1, seconds: Math.min(seconds, 5) });
      for (const [label, r] of [
        ["board", board],
        ["board alone", single],
      ] as const) {
        if (r.non2xx || r.errors)
          throw new Error(`${label}: ${JSON.stringify(r.statuses)}, ${r.errors} errors`);
      }

      // (c) Claims of distinct needs.
      const claimRun = load({
        kind: "claims",
        baseUrl,
        groupId,
        cookies,
        needIds: claimIds,
        concurrency: claimConcurrency,
      });
      if (claimRun.ok !== claimIds.length || claimRun.errors) {
        throw new Error(`claims: ${JSON.stringify(claimRun.statuses)}, ${claimRun.errors} errors`);
      }

      db = await dbAlone();
      const sqlAfter = await rawBoard(db, groupId);
      const activeClaims = Number(
        (
          await db.query<{ n: number }>(
            "select count(*)::int as n from claims where status = 'active'",
          )
        ).rows[0]?.n,
      );
      if (activeClaims !== claimRun.ok)
        throw new Error(`${claimRun.ok} claims answered 200, ${activeClaims} in the database`);
      const sqlTimes = [...sqlBefore.times, ...sqlAfter.times].sort((a, b) => a - b);
      const sqlP95 = percentile(sqlTimes, 95);
      const metrics = {
        needs_loaded: needCount,
        preload_s: round(preloadSeconds, 1),
        intake_rps: intake.rps,
        intake_p50_ms: intake.p50,
        intake_p95_ms: intake.p95,
        intake_p99_ms: intake.p99,
        intake_requests: intake.requests,
        intake_acknowledged: acknowledged,
        intake_rows_added: added,
        board_rows: sample.needs.length,
        board_sql_rows: sqlBefore.rows,
        board_rps: board.rps,
        board_p50_ms: board.p50,
        board_p95_ms: board.p95,
        board_p99_ms: board.p99,
        board_single_p50_ms: single.p50,
        board_single_p95_ms: single.p95,
        board_sql_p50_ms: percentile(sqlTimes, 50),
        board_sql_p95_ms: sqlP95,
        board_sql_p95_before_ms: percentile(
          [...sqlBefore.times].sort((a, b) => a - b),
          95,
        ),
        board_sql_p95_after_ms: percentile(
          [...sqlAfter.times].sort((a, b) => a - b),
          95,
        ),
        board_ratio_to_sql: round(board.p95 / (sqlP95 || 1)),
        board_single_ratio_to_sql: round(single.p95 / (sqlP95 || 1)),
        claims: claimRun.ok,
        claim_concurrency: claimConcurrency,
        claim_p50_ms: claimRun.p50,
        claim_p95_ms: claimRun.p95,
        claim_p99_ms: claimRun.p99,
        claims_per_s: claimRun.rps,
      };
      log(JSON.stringify(metrics));
      return { backend: backend.name, metrics };
    } finally {
      await raw?.close();
      await server?.stop();
    }
  };

  const runs: BenchRun[] = [];
  if (only !== "postgres") {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-bench-exchange-"));
    try {
      runs.push(
        await measure({
          name: "pglite",
          env: { MUTUO_DATA_DIR: dataDir, DATABASE_URL: "" },
          exclusive: true,
          open: () => openPglite(dataDir),
        }),
      );
    } finally {
      if (values.keep) console.error(`kept the PGlite data folder ${dataDir}`);
      else rmSync(dataDir, { recursive: true, force: true });
    }
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
          env: { DATABASE_URL: scratch.url },
          exclusive: false,
          open: async () => openPostgres(scratch.url),
        }),
      );
    } finally {
      // --keep: the loaded database stays, for EXPLAIN (ANALYZE, BUFFERS) of the same data.
      if (values.keep) console.error(`kept the PostgreSQL database ${scratch.url}`);
      else await scratch.drop();
    }
    const [lite, server] = runs;
    if (lite && server) {
      const ratio = (key: string) => round(Number(lite.metrics[key]) / Number(server.metrics[key]));
      lite.metrics.intake_rps_ratio_to_postgres = ratio("intake_rps");
      lite.metrics.intake_p99_ratio_to_postgres = ratio("intake_p99_ms");
      lite.metrics.board_p95_ratio_to_postgres = ratio("board_p95_ms");
      lite.metrics.board_sql_p95_ratio_to_postgres = ratio("board_sql_p95_ms");
      lite.metrics.claim_p95_ratio_to_postgres = ratio("claim_p95_ms");
    }
  } else if (only !== "pglite") {
    console.error("PostgreSQL not reachable: measured PGlite only");
  }
  for (const run of runs) {
    run.metrics.seconds = seconds;
    run.metrics.intake_connections = INTAKE_CONNECTIONS;
    run.metrics.board_connections = BOARD_CONNECTIONS;
  }
  return runs;
}

// The load generator's own process: `node --import tsx bench/scenarios/exchange.ts --load` < config.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--load")) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    process.stdout.write(
      JSON.stringify(await loadMain(JSON.parse(Buffer.concat(chunks).toString()))),
    );
  }
}
