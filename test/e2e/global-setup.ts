// Starts the real built server (`node bin/mutuo.js serve`) on a free port with a temporary
// data folder; the specs reach it through E2E_BASE_URL. E2E_DATABASE_URL runs it on PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

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
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["bin/mutuo.js", "serve"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      MUTUO_DATA_DIR: dataDir,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      LOG_LEVEL: "warn",
      // Links the server hands out (invitations, emails) point at this test server.
      MUTUO_PUBLIC_URL: baseUrl,
      // Every browser of the run signs up and in from 127.0.0.1: one IP, many people.
      MUTUO_RATE_LIMIT_SCALE: "20",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("server did not become healthy within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.E2E_BASE_URL = baseUrl;
  return async () => {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
