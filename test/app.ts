// Builds the real application on a fresh test database, for inject()-style HTTP tests.
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../src/config";
import type { Mailer } from "../src/lib/mail";
import { hashPassword } from "../src/lib/password";
import { ensureInstance } from "../src/modules/instance/store";
import { createFirstNetwork } from "../src/modules/setup/store";
import { buildApp } from "../src/server/app";
import { createTestDatabase, type TestDatabase } from "./db";

export const ADMIN = {
  email: "admin@example.org",
  password: "correct horse battery",
  name: "Ada Admin",
};

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Set when the app was set up (the default): the first network and its administrator. */
  networkId: string;
  adminId: string;
  /** Moves the injected clock. */
  advance(ms: number): void;
  now(): Date;
}

export interface TestAppOptions {
  webDir?: string;
  env?: Record<string, string>;
  /** Leave first-run setup undone. */
  fresh?: boolean;
  /** Where the app's emails go (e.g. memoryMailer()); otherwise the log. */
  mailer?: Mailer;
  beforeReady?: (app: FastifyInstance) => void;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await ensureInstance(database.db);
  let networkId = "";
  let adminId = "";
  if (!options.fresh) {
    const created = await createFirstNetwork(database.db, {
      networkName: "Test Network",
      defaultLanguage: "en",
      timeZone: "America/Los_Angeles",
      adminName: ADMIN.name,
      adminEmail: ADMIN.email,
      passwordHash: await hashPassword(ADMIN.password),
    });
    if (!created) throw new Error("setup failed");
    networkId = created.networkId;
    adminId = created.userId;
  }
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const app = await buildApp({
    config: loadConfig({ MUTUO_DATA_DIR: "/nonexistent", ...options.env }),
    database,
    webDir: options.webDir,
    clock: now,
    mailer: options.mailer,
  });
  try {
    options.beforeReady?.(app);
    await app.ready();
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
  return {
    app,
    database,
    networkId,
    adminId,
    now,
    advance(ms) {
      offset += ms;
    },
  };
}
