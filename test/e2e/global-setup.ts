// Starts the real built server (`node bin/mutuo.js serve`) on a free port with a temporary
// data folder; the specs reach it through E2E_BASE_URL. E2E_DATABASE_URL runs it on PostgreSQL.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, root, startServer } from "../serve";

export default async function globalSetup() {
  // A server started by hand (for a quick look while developing) is used as it is.
  if (process.env.E2E_BASE_URL) return async () => undefined;
  if (
    !existsSync(path.join(root, "dist", "cli.js")) ||
    !existsSync(path.join(root, "dist", "web", "index.html"))
  ) {
    throw new Error("e2e needs the built app: run `npm run build` first");
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-e2e-"));
  // Emails are kept as JSON files here, so specs can open the links they carry.
  const outbox = path.join(dataDir, "outbox");
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startServer(
    ["bin/mutuo.js", "serve"],
    {
      MUTUO_DATA_DIR: dataDir,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      LOG_LEVEL: "warn",
      // Links the server hands out (invitations, emails) point at this test server.
      MUTUO_PUBLIC_URL: baseUrl,
      // Every browser of the run signs up and in from 127.0.0.1: one IP, many people.
      MUTUO_RATE_LIMIT_SCALE: "20",
      MUTUO_MAIL_OUTBOX_DIR: outbox,
    },
    { showOutput: true, port },
  );
  process.env.E2E_BASE_URL = server.baseUrl;
  process.env.E2E_MAIL_OUTBOX = outbox;
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
