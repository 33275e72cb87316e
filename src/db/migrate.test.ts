import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { scratchDatabaseName } from "../../test/db";
import { databaseNameIn } from "../../test/pg";
import { type Database, openDatabase, pgliteExtensions, queryRows, wrapPglite } from "./connect";
import { migrate } from "./migrate";

// A database that has never been migrated: the template-based factory is already migrated.
async function emptyDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return wrapPglite(await PGlite.create({ extensions: pgliteExtensions }));
  const name = scratchDatabaseName();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ url: databaseNameIn(serverUrl, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

describe("migrations", () => {
  it("apply exactly once when two runs race, and a third run applies nothing", async () => {
    const database = await emptyDatabase();
    try {
      const [a, b] = await Promise.all([migrate(database.db), migrate(database.db)]);
      expect(a.applied.length + b.applied.length).toBe(a.total);
      expect([a.applied.length, b.applied.length]).toContain(0);
      const again = await migrate(database.db);
      expect(again.applied).toEqual([]);
      const rows = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from mutuo_migrations`,
      );
      expect(rows[0]?.n).toBe(a.total);
    } finally {
      await database.close();
    }
  });

  it("enable the extensions search and maps rely on", async () => {
    const database = await emptyDatabase();
    try {
      await migrate(database.db);
      const rows = await queryRows<{ extname: string }>(
        database.db,
        sql`select extname from pg_extension`,
      );
      expect(rows.map((r) => r.extname)).toEqual(
        expect.arrayContaining(["pg_trgm", "unaccent", "cube", "earthdistance"]),
      );
      const probe = await queryRows<{ sim: number; plain: string; km: number }>(
        database.db,
        sql`
        select similarity('despensa', 'despensa de comida') as sim,
               unaccent('Señora Ibáñez') as plain,
               round((earth_distance(ll_to_earth(37.5, -122.3), ll_to_earth(37.6, -122.3)) / 1000)::numeric, 1)::float as km`,
      );
      expect(probe[0]?.sim).toBeGreaterThan(0.3);
      expect(probe[0]?.plain).toBe("Senora Ibanez");
      expect(probe[0]?.km).toBeCloseTo(11.1, 0);
    } finally {
      await database.close();
    }
  });
});
