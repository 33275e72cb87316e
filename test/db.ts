// The test-database factory: a fresh, migrated database for each test file, on PGlite by
// default or on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase, pgliteExtensions, wrapPglite } from "../src/db/connect";
import { databaseNameIn } from "./pg";

export interface TestDatabase extends Database {
  /** postgres://… of this database when on a server; undefined on PGlite. */
  url: string | undefined;
}

/** A new database name belonging to this test run (dropped at its end if left behind). */
export function scratchDatabaseName(): string {
  return `mutuo_t_${inject("pgRun")}_${randomBytes(6).toString("hex")}`;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject("pgTemplate");
  if (serverUrl && template) {
    const name = scratchDatabaseName();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    const url = databaseNameIn(serverUrl, name);
    const database = await openDatabase({ url, poolMax: 20 });
    return {
      ...database,
      url,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const tar = readFileSync(inject("pgliteTemplate"));
  const client = await PGlite.create({
    loadDataDir: new Blob([tar]),
    extensions: pgliteExtensions,
  });
  return { ...wrapPglite(client), url: undefined };
}
