// Old against new indexes and query shapes of the exchange, on one loaded database, interleaved
// in one process so both see the same machine load (docs/decisions/0019-exchange-indexes.md).
// Usage, on a database left by `npm run bench -- exchange --keep`:
//   node --import tsx bench/exchange-indexes.ts <PGlite data folder | postgres://…> [--runs 40]
// Each run of each statement happens inside a transaction that first drops the other variant's
// indexes, then rolls back, so the planner sees exactly one index set. Writes
// bench/results/exchange-indexes-<backend>.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { uuidv7 } from "uuidv7";
import { type Db, pgliteExtensions } from "../src/db/connect";
import { boardNeedsQuery } from "../src/modules/exchange/store";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "40" } },
});
const target = positionals[0];
if (!target) throw new Error("usage: bench/exchange-indexes.ts <PGlite folder | postgres url>");
const RUNS = Number(values.runs);

interface Raw {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}
async function open(): Promise<Raw> {
  if (/^postgres(ql)?:/.test(target as string)) {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return {
      query: async <T>(t: string, p?: unknown[]) =>
        (await client.query(t, p as unknown[])) as unknown as { rows: T[] },
      close: () => client.end(),
    };
  }
  const client = await PGlite.create(target as string, { extensions: pgliteExtensions });
  return {
    query: <T>(t: string, p?: unknown[]) => client.query<T>(t, p),
    close: () => client.close(),
  };
}

// Migration 0006's indexes (before) and 0007's (after).
const RANK = `(case "urgency" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;
const OPEN = `"status" in ('new', 'triaged', 'claimed', 'in_progress')`;
const BEFORE: Record<string, string> = {
  needs_board: `("group_id", "status", "urgency", "created_at")`,
  needs_h3_r8: `("h3_r8")`,
  needs_contact_hash: `("group_id", "contact_hash")`,
};
const AFTER: Record<string, string> = {
  needs_open_queue: `("group_id", ${RANK}, "created_at", "id") where ${OPEN}`,
  needs_open_category: `("group_id", "category", ${RANK}, "created_at", "id") where ${OPEN}`,
  needs_group_cell_recent: `("group_id", "h3_r8", "created_at")`,
  needs_group_contact_recent: `("group_id", "contact_hash", "created_at")`,
  needs_duplicates_unreviewed: `("group_id", "created_at") where "duplicate_of" is not null and "duplicate_reviewed_at" is null`,
  needs_duplicate_of: `("duplicate_of") where "duplicate_of" is not null`,
};

const raw = await open();
for (const [name, def] of Object.entries({ ...BEFORE, ...AFTER })) {
  await raw.query(`create index if not exists ${name} on needs ${def}`);
}
await raw.query("analyze needs");

const [group] = (
  await raw.query<{ group_id: string; n: number }>(
    "select group_id, count(*)::int as n from needs group by 1 order by 2 desc limit 1",
  )
).rows;
if (!group) throw new Error("no needs: load them with `npm run bench -- exchange --keep`");
const [cell] = (
  await raw.query<{ h3_r8: string; n: number }>(
    "select h3_r8, count(*)::int as n from needs where group_id = $1 and h3_r8 is not null group by 1 order by 2 desc limit 1",
    [group.group_id],
  )
).rows;

// ---- the statements ----

const since = () => new Date(Date.now() - 7 * 24 * 3600 * 1000);
const description =
  "family of four needs help this week with groceries rides to clinic and pharmacy pickup after work 123";
/** findPossibleDuplicate's SQL (unchanged by 0007: the indexes change its plan). */
const duplicate = {
  text: `select "id" from "needs" where ("needs"."group_id" = $1 and "needs"."created_at" >= $2 and ("needs"."contact_hash" = $3 or ("needs"."h3_r8" = $4 and similarity("needs"."description", $5) > $6))) order by "needs"."created_at" desc limit $7`,
  params: () => [group.group_id, since(), "0".repeat(64), cell?.h3_r8, description, 0.6, 1],
};
const offline = drizzle(new pg.Pool({ max: 1 })) as unknown as Db;
const filters = {
  statuses: ["new", "triaged"] as const,
  category: "groceries" as const,
  language: "es",
  near: { lat: 37.55, lng: -122.31, radiusKm: 3 },
};
const boardNow = boardNeedsQuery(
  offline,
  group.group_id,
  { ...filters, statuses: [...filters.statuses] },
  200,
).toSQL();
// Before 0007 boardNeeds also had an earth_box prefilter (useless without a GiST index).
const boardBefore = {
  text: boardNow.sql.replace(
    /earth_distance\(ll_to_earth\((\$\d+)::float8, (\$\d+)::float8\), ll_to_earth\("needs"."lat", "needs"."lng"\)\) <= (\$\d+)::float8/,
    (m, lat, lng, r) =>
      `earth_box(ll_to_earth(${lat}::float8, ${lng}::float8), ${r}::float8) @> ll_to_earth("needs"."lat", "needs"."lng") and ${m}`,
  ),
  params: boardNow.params,
};
if (boardBefore.text === boardNow.sql) throw new Error("the board SQL changed: update this bench");
const boardAll = boardNeedsQuery(
  offline,
  group.group_id,
  { statuses: ["new", "triaged"] },
  200,
).toSQL();
const boardAllBefore = boardAll; // same SQL (no near filter); only the indexes differ

async function openNeed(): Promise<string> {
  const [row] = (
    await raw.query<{ id: string }>(
      "select id from needs where group_id = $1 and status = 'new' order by random() limit 1",
      [group?.group_id],
    )
  ).rows;
  return row?.id as string;
}

type Variant = "before" | "after";
const times: Record<string, Record<Variant, number[]>> = {};

async function timed(label: string, variant: Variant, run: () => Promise<unknown>) {
  await raw.query("begin");
  try {
    for (const name of Object.keys(variant === "before" ? AFTER : BEFORE)) {
      await raw.query(`drop index ${name}`);
    }
    const started = performance.now();
    await run();
    const ms = performance.now() - started;
    times[label] ??= { before: [], after: [] };
    times[label][variant].push(ms);
  } finally {
    await raw.query("rollback");
  }
}

const statements: [string, (v: Variant) => () => Promise<unknown>][] = [
  ["duplicate check", () => () => raw.query(duplicate.text, duplicate.params())],
  [
    "board (category, language, 3 km)",
    (v) => () =>
      v === "before"
        ? raw.query(boardBefore.text, boardBefore.params)
        : raw.query(boardNow.sql, boardNow.params),
  ],
  [
    "board (no filter)",
    (v) => () =>
      raw.query(
        v === "before" ? boardAllBefore.sql : boardAll.sql,
        v === "before" ? boardAllBefore.params : boardAll.params,
      ),
  ],
];

for (let i = 0; i < RUNS + 3; i++) {
  // Alternate which variant goes first.
  const order: Variant[] = i % 2 ? ["before", "after"] : ["after", "before"];
  for (const [label, make] of statements) {
    for (const v of order) await timed(label, v, make(v));
  }
  // Writes: a claim's update of the need, and an intake's insert, with each index set.
  for (const v of order) {
    const id = await openNeed();
    await timed("claim: update of the need", v, () =>
      raw.query(`update needs set status = 'claimed', updated_at = $2 where id = $1`, [
        id,
        new Date(),
      ]),
    );
    await timed("intake: insert of a need", v, () =>
      raw.query(
        `insert into needs (id, group_id, status, category, description, urgency, languages, h3_r7, h3_r8, h3_r9, lat, lng, contact_channel, contact_hash, status_token_hash, short_code, created_at, updated_at)
         select $1::uuid, group_id, 'new', category, description, urgency, languages, h3_r7, h3_r8, h3_r9, lat, lng, 'sms', md5($1::text), md5('s' || $1::text), 'Y' || substr(md5($1::text), 1, 7), now(), now() from needs where id = $2`,
        [uuidv7(), id],
      ),
    );
  }
  if (i === 2) for (const k of Object.keys(times)) times[k] = { before: [], after: [] }; // warm-up
}

function pct(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return (
    Math.round(
      (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) * 10,
    ) / 10
  );
}
const backend = /^postgres/.test(target) ? "postgres" : "pglite";
const rows = Object.entries(times).map(([label, t]) => ({
  statement: label,
  before_p50_ms: pct(t.before, 50),
  before_p95_ms: pct(t.before, 95),
  after_p50_ms: pct(t.after, 50),
  after_p95_ms: pct(t.after, 95),
  p50_ratio_after_to_before: Math.round((pct(t.after, 50) / (pct(t.before, 50) || 1)) * 100) / 100,
}));
const load = (await import("node:os")).loadavg().map((n) => Math.round(n * 10) / 10);
const result = {
  backend,
  needs: group.n,
  busiest_cell_needs: cell?.n,
  runs: RUNS,
  load_average: load,
  date: new Date().toISOString(),
  rows,
};
console.table(rows);
console.log(JSON.stringify({ ...result, rows: undefined }));
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(
  path.join(here, "results", `exchange-indexes-${backend}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
await raw.close();
