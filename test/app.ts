// Builds the real application on a fresh test database, for inject()-style HTTP tests.
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../src/config";
import { ensureInstance } from "../src/modules/instance/store";
import { buildApp } from "../src/server/app";
import { createTestDatabase, type TestDatabase } from "./db";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
}

export async function createTestApp(
  options: {
    webDir?: string;
    env?: Record<string, string>;
    beforeReady?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await ensureInstance(database.db);
  const app = await buildApp({
    config: loadConfig({ MUTUO_DATA_DIR: "/nonexistent", ...options.env }),
    database,
    webDir: options.webDir,
  });
  options.beforeReady?.(app);
  await app.ready();
  return { app, database };
}
