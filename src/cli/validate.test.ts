// `mutuo validate hsds`: what a person running it sees, and its exit status.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runValidate, type ValidateIo } from "./validate";

const HSDS = path.resolve(__dirname, "../../../shared/data/hsds/3.0");
const SCHEMAS = path.join(HSDS, "schema");

async function run(argv: string[], env: NodeJS.ProcessEnv = { MUTUO_HSDS_SCHEMAS: SCHEMAS }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ValidateIo = { out: (line) => out.push(line), err: (line) => err.push(line), env };
  const code = await runValidate(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mutuo-cli-validate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mutuo validate hsds", () => {
  it("passes the official CSV package, printing its warnings and a summary", async () => {
    const { code, out } = await run(["hsds", path.join(HSDS, "examples/csv")]);
    expect(code).toBe(0);
    const locations = path.join(HSDS, "examples/csv/locations.csv");
    expect(out).toContain(
      `${locations} location 3a19ff88-4620-4d17-9830-ac1d859eb5d5 /locations.csv/1/latitude: warning: latitude 100 is outside -90..90`,
    );
    expect(out.split("\n").at(-1)).toBe("valid: 21 files, 21 records, 0 errors, 5 warnings");
  });

  it("fails an invalid file with exit 1 and one line per problem", async () => {
    const file = path.join(dir, "service.json");
    await writeFile(
      file,
      JSON.stringify({ id: "ac148810-d857-441c-9679-408f346de14b", status: "open" }),
    );
    const { code, out } = await run(["hsds", file]);
    expect(code).toBe(1);
    expect(out.split("\n")).toEqual([
      `${file} service ac148810-d857-441c-9679-408f346de14b /name: name is required`,
      `${file} service ac148810-d857-441c-9679-408f346de14b /status: status must be one of: active, inactive, defunct, temporarily closed`,
      "invalid: 1 file, 1 record, 2 errors, 0 warnings",
    ]);
  });

  it("prints the report as JSON with --json, and takes --type and --schemas", async () => {
    const file = path.join(dir, "thing.json");
    await writeFile(
      file,
      JSON.stringify([{ id: "ac148810-d857-441c-9679-408f346de14b", name: "n", number: "5" }]),
    );
    const { code, out } = await run(
      ["hsds", "--json", "--type", "phone", "--schemas", SCHEMAS, file],
      {},
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ files: 1, records: 1, errors: [], warnings: [] });
  });

  it("explains how to use it, and refuses what it cannot run with exit 2", async () => {
    expect(await run(["--help"])).toMatchObject({
      code: 0,
      out: expect.stringContaining("--schemas DIR"),
    });
    expect(await run(["json", "x"])).toMatchObject({
      code: 2,
      err: expect.stringContaining('expected "hsds"'),
    });
    expect(await run(["hsds", "--type", "spaceship", "x"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--type spaceship"),
    });
    expect(await run(["hsds", "--colour", "x"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--colour"),
    });
    const noSchemas = await run(["hsds", "--schemas", dir, "x"]);
    expect(noSchemas).toMatchObject({
      code: 2,
      err: expect.stringContaining("MUTUO_HSDS_SCHEMAS"),
    });
  });

  it("reports a path that does not exist as invalid", async () => {
    const { code, out } = await run(["hsds", path.join(dir, "missing.json")]);
    expect(code).toBe(1);
    expect(out).toContain("does not exist");
  });
});
