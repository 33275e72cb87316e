// Which of the directory benchmark's searches are slow in SQL, and their plans: runs the same
// queries as `npm run bench -- directory` (same seed) against a database the benchmark kept
// (--keep), prints the slowest with EXPLAIN (ANALYZE, BUFFERS).
// node --import tsx bench/directory-slow.ts <postgres url> [--top N]
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { buildSearchSql } from "../src/modules/directory/search";
import { searchQueries } from "./directory";

const url = process.argv[2];
if (!url) throw new Error("usage: directory-slow.ts <postgres url> [--top N]");
const top = Number(process.argv[process.argv.indexOf("--top") + 1] || 3);
const pool = new pg.Pool({ connectionString: url, max: 1 });
const dialect = new PgDialect();
const queries = searchQueries(300, 20261126 + 1);
const timed: { ms: number; q: (typeof queries)[number]; sql: string; params: unknown[] }[] = [];
for (const q of queries) {
  const s = dialect.sqlToQuery(buildSearchSql(q));
  const started = performance.now();
  await pool.query(s.sql, s.params);
  timed.push({ ms: performance.now() - started, q, sql: s.sql, params: s.params });
}
timed.sort((a, b) => b.ms - a.ms);
const at = (p: number) => timed[Math.floor(((100 - p) / 100) * timed.length)]?.ms.toFixed(1);
console.log(`SQL p50 ${at(50)} ms, p95 ${at(95)} ms over ${timed.length} searches`);
for (const t of timed.slice(0, top)) {
  console.log(`${t.ms.toFixed(1)} ms ${JSON.stringify(t.q)}`);
  const plan = await pool.query(`explain (analyze, buffers) ${t.sql}`, t.params);
  for (const row of plan.rows) console.log(row["QUERY PLAN"]);
}
await pool.end();
