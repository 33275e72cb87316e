// Applies the SQL migrations drizzle-kit generated, once, under an advisory lock, so that two
// instances starting together (or `mutuo migrate` run twice) apply each migration exactly once.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { type Db, queryRows } from "./connect";

// Any constant unique to Mutuo: "mutuo" in ASCII.
const MIGRATION_LOCK = 0x6d7574756f;

export function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/db/migrations when run from source; dist/migrations beside the built bundle.
  for (const candidate of [
    path.join(here, "migrations"),
    path.join(here, "..", "src", "db", "migrations"),
  ]) {
    if (existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
  }
  throw new Error(`migrations folder not found near ${here}`);
}

export interface MigrationResult {
  applied: string[];
  total: number;
}

export async function migrate(db: Db, folder = migrationsFolder()): Promise<MigrationResult> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const journal = readFileSync(path.join(folder, "meta", "_journal.json"), "utf8");
  const tags = (JSON.parse(journal) as { entries: { tag: string; when: number }[] }).entries;
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create table if not exists mutuo_migrations (
      id integer primary key,
      tag text not null,
      hash text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = await queryRows<{ id: number }>(tx, sql`select id from mutuo_migrations`);
    const doneIds = new Set(done.map((r) => Number(r.id)));
    for (const [index, migration] of migrations.entries()) {
      if (doneIds.has(index)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      const tag = tags[index]?.tag ?? String(index);
      await tx.execute(
        sql`insert into mutuo_migrations (id, tag, hash) values (${index}, ${tag}, ${migration.hash})`,
      );
      applied.push(tag);
    }
  });
  return { applied, total: migrations.length };
}
