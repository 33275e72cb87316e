// The `mutuo import` command: what it refuses before opening the database, and its summary.

import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config";
import type { ImportSummary } from "../modules/directory/hsds/store";
import { runExport } from "./directory-export";
import { formatImportSummary, importExitCode, runImport } from "./directory-import";
import { STOPPED_EXIT_CODE, stopOnSignal } from "./stop-signal";

const config = loadConfig({});

const summary = (over: Partial<ImportSummary>): ImportSummary => ({
  importId: "0190a000-0000-7000-8000-000000000001",
  dryRun: false,
  created: {},
  updated: {},
  unchanged: {},
  rejected: [],
  warnings: [],
  services: { created: 0, updated: 0 },
  ...over,
});

const rejection = (i: number) => ({
  severity: "error" as const,
  table: "service",
  id: `id-${i}`,
  file: "services.ndjson",
  pointer: `/${i}/name`,
  code: "missing_required",
  message: "name is required",
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("mutuo import", () => {
  it("refuses an unknown source, a bad time zone and an unknown table with exit code 1", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((text: string) => errors.push(text));
    expect(await runImport(config, ["nonsense"])).toBe(1);
    expect(await runImport(config, ["hsds", "--time-zone", "Mars/Olympus", "x.json"])).toBe(1);
    expect(await runImport(config, ["hsds", "--type", "spaceship", "x.json"])).toBe(1);
    expect(await runImport(config, ["hsds"])).toBe(1);
    expect(errors.join("\n")).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(errors.join("\n")).toContain('"spaceship" is not an HSDS table');
  });

  it("prints counts per table, and each rejection with its place, capped", () => {
    const text = formatImportSummary(
      "services.ndjson",
      summary({
        rejected: Array.from({ length: 60 }, (_, i) => rejection(i + 1)),
        moreRejected: 5,
      }),
      false,
    );
    expect(text).toContain("Import of services.ndjson refused: nothing was written.");
    expect(text).toContain("Rejected (65):");
    expect(text).toContain(
      "  services.ndjson /1/name service id-1: name is required [missing_required]",
    );
    expect(text).toContain("… and 15 more");
    const applied = formatImportSummary(
      "org.json",
      summary({ created: { service: 3, phone: 1200 }, updated: { organization: 1 } }),
      false,
    );
    expect(applied).toContain("created: service 3, phone 1,200");
    expect(applied).toContain("updated: organization 1");
  });
});

describe("mutuo import hsds and mutuo export hsds", () => {
  it("import the official CSV package into an embedded database, then export it as JSON", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "mutuo-cli-"));
    const dataConfig = loadConfig({ MUTUO_DATA_DIR: path.join(scratch, "data") });
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => out.push(text));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const examples = path.resolve(__dirname, "../../../shared/data/hsds/3.0/examples/csv");
      expect(await runImport(dataConfig, ["hsds", examples])).toBe(0);
      expect(out.join("\n")).toContain("created: organization 1, program 1, service 1");
      const exported = path.join(scratch, "export");
      expect(await runExport(dataConfig, ["hsds", "--format", "json", exported])).toBe(0);
      expect(existsSync(path.join(exported, "services.json"))).toBe(true);
      expect(await runImport(dataConfig, ["hsds", "--dry-run", exported])).toBe(0);
      expect(out.at(-1)).toContain("would be updated: organization 1");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("stopping an import with Ctrl-C", () => {
  it("the first signal asks to stop, a second quits at once", () => {
    const proc = Object.assign(new EventEmitter(), { exit: vi.fn() });
    const said: string[] = [];
    const stop = stopOnSignal(() => said.push("stopping"), proc as never);
    expect(stop.signal.aborted).toBe(false);
    proc.emit("SIGINT", "SIGINT");
    expect(stop.signal.aborted).toBe(true);
    expect(said).toEqual(["stopping"]);
    expect(proc.exit).not.toHaveBeenCalled();
    proc.emit("SIGINT", "SIGINT");
    expect(proc.exit).toHaveBeenCalledWith(130);
    stop.dispose();
    expect(proc.listenerCount("SIGINT") + proc.listenerCount("SIGTERM")).toBe(0);
  });

  it("says how far it got and how to finish, and exits with 130", () => {
    const stopped = summary({ interrupted: { recordsDone: 1250, recordsTotal: 5000 } });
    expect(formatImportSummary("big.ndjson", stopped, false)).toBe(
      [
        "Import of big.ndjson stopped after 1,250 of 5,000 records: those are written.",
        "Run the same command again to finish it: records already written are updated, never duplicated.",
      ].join("\n"),
    );
    expect(importExitCode(stopped)).toBe(STOPPED_EXIT_CODE);
    const rolledBack = summary({ interrupted: { recordsDone: 0, recordsTotal: 12 } });
    expect(formatImportSummary("one.json", rolledBack, false)).toBe(
      "Import of one.json stopped: nothing was written.",
    );
  });

  it("stops a streamed import after a batch; running the command again finishes it", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "mutuo-cli-stop-"));
    const dataConfig = loadConfig({ MUTUO_DATA_DIR: path.join(scratch, "data") });
    const file = path.join(scratch, "orgs.ndjson");
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({
        id: `0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`,
        name: `Org ${i}`,
        description: "d",
        website: "http://example.org",
      }),
    );
    await writeFile(file, `${lines.join("\n")}\n`);
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => out.push(text));
    vi.spyOn(console, "error").mockImplementation((text: string) => err.push(text));
    let pressed = false;
    vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      // Ctrl-C as the first progress line of the writing pass appears.
      if (!pressed && String(text).includes("%")) {
        pressed = true;
        process.emit("SIGINT", "SIGINT");
      }
      return true;
    });
    try {
      expect(await runImport(dataConfig, ["hsds", file])).toBe(STOPPED_EXIT_CODE);
      expect(err.join("\n")).toContain("Stopping after the batch being written");
      expect(out.at(-1)).toContain("stopped after 250 of 1,000 records");
      expect(process.listenerCount("SIGINT")).toBe(0);
      expect(await runImport(dataConfig, ["hsds", file])).toBe(0);
      expect(err.at(-1)).toMatch(/stopped after 250 of 1,000 records; this one finishes it/);
      expect(out.at(-1)).toContain("created: organization 750");
      expect(out.at(-1)).toContain("unchanged: organization 250");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
