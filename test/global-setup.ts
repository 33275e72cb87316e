// Migrates one template database per test run; each test file then gets a fresh copy
// (PGlite: a dumped data folder loaded into a new in-memory instance; PostgreSQL: a new
// database created from a template database).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { pgliteExtensions, wrapPglite } from "../src/db/connect";
import { migrate } from "../src/db/migrate";
import { databaseNameIn } from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgRun: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    // Every database of this run shares the run's id, so the teardown drops only its own.
    const run = randomBytes(4).toString("hex");
    const template = `mutuo_tpl_${run}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const pool = new pg.Pool({ connectionString: databaseNameIn(serverUrl, template), max: 1 });
    const { drizzle } = await import("drizzle-orm/node-postgres");
    await migrate(drizzle(pool) as never);
    await pool.end();
    project.provide("pgTemplate", template);
    project.provide("pgRun", run);
    project.provide("pgliteTemplate", "");
    return async () => {
      // Drop the template and any per-file database a crashed run left behind.
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1 or datname = $2",
        [`mutuo_t_${run}_%`, template],
      );
      for (const { datname } of rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }

  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = wrapPglite(client);
  await migrate(database.db);
  const dump = await client.dumpDataDir("none");
  const dir = mkdtempSync(path.join(os.tmpdir(), "mutuo-test-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplate", "");
  project.provide("pgRun", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
