// The real `mutuo serve` process: it keeps its data across restarts and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db";

const root = path.resolve(import.meta.dirname, "..");

interface Running {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the server printed so far. */
  output: () => string;
}

function serve(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", "serve"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1], output: () => output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited early (${code}):\n${output}`)));
  });
}

function stop(running: Running): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    running.child.removeAllListeners("exit");
    running.child.on("exit", (code) => resolve({ code, ms: Date.now() - started }));
    running.child.kill("SIGTERM");
  });
}

async function instanceId(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/meta`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { instanceId: string }).instanceId;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "mutuo-data-"));
let serverDb: TestDatabase | undefined;

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await serverDb?.close();
});

describe("mutuo serve on the embedded database", () => {
  it("keeps its data across a restart and exits 0 on SIGTERM within 10 s", async () => {
    const first = await serve({ MUTUO_DATA_DIR: dataDir });
    const id = await instanceId(first.baseUrl);
    const health = await fetch(`${first.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: { kind: "pglite" } });
    // Secret tokens in links never reach the logs.
    const token = "Tok3n_".repeat(8).slice(0, 43);
    await fetch(`${first.baseUrl}/api/v1/invitations/${token}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(first.output()).toContain("/api/v1/invitations/[token]");
    expect(first.output()).not.toContain(token);
    const firstStop = await stop(first);
    expect(firstStop.code).toBe(0);
    expect(firstStop.ms).toBeLessThan(10_000);

    const second = await serve({ MUTUO_DATA_DIR: dataDir });
    expect(await instanceId(second.baseUrl)).toBe(id);
    const secondStop = await stop(second);
    expect(secondStop.code).toBe(0);
  }, 120_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)("mutuo serve on PostgreSQL", () => {
  it("serves from DATABASE_URL and exits 0 on SIGTERM", async () => {
    serverDb = await createTestDatabase();
    const running = await serve({ DATABASE_URL: serverDb.url ?? "" });
    const health = await fetch(`${running.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: { kind: "postgres" } });
    await instanceId(running.baseUrl);
    const stopped = await stop(running);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
  }, 120_000);
});
