// The HSDS CSV tabular package: the official example package read and written back, and the
// ways real files go wrong (encodings, missing columns, cells that are not numbers).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  datapackageFor,
  type FlatRecords,
  MAX_PROBLEMS_PER_FILE,
  readTabularPackage,
  writeTabularPackage,
} from "./tabular";

const OFFICIAL_CSV = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0/examples/csv");
const temps: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mutuo-tabular-"));
  temps.push(dir);
  return dir;
}

/** A package holding only the given files (name → content). */
async function packageOf(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, name), content);
  return dir;
}

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const ORG_HEADER = "id,name,description,year_incorporated";
const ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";

describe("reading the official example package", () => {
  it("reads all 21 tables with HSDS field names and typed cells, and no problem", async () => {
    const { records, problems } = await readTabularPackage(OFFICIAL_CSV);
    expect(problems).toEqual([]);
    expect(Object.keys(records)).toHaveLength(21);
    const [location] = records.location ?? [];
    expect(location).toMatchObject({
      id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5",
      latitude: 100,
      longitude: 101,
    });
    const [schedule] = records.schedule ?? [];
    expect(schedule).toMatchObject({
      opens_at: "10:00:00",
      interval: 1,
      byday: "TH,FR",
      timezone: 3,
    });
    // Identifiers that look like numbers stay text: only number fields become numbers.
    expect(location?.external_identifier).toBe("10092008082");
  });

  it("gives back equal records after writing and reading again", async () => {
    const first = await readTabularPackage(OFFICIAL_CSV);
    const dir = await tempDir();
    await writeTabularPackage(dir, first.records);
    const second = await readTabularPackage(dir);
    expect(second.problems).toEqual([]);
    expect(second.records).toEqual(first.records);
  });
});

describe("writing a package", () => {
  it("writes the table's HSDS columns in order, numbers plainly, absent as empty, no mutuo_ columns", async () => {
    const dir = await tempDir();
    await writeTabularPackage(dir, {
      organization: [
        {
          id: ORG_ID,
          name: 'Food "Bank", Inc.',
          description: "Line one\nline two",
          year_incorporated: 1999,
          mutuo_test: true,
        },
      ],
    });
    const csv = await readFile(path.join(dir, "organizations.csv"), "utf8");
    const [header, ...rest] = csv.split("\r\n");
    expect(header).toBe(
      "id,name,alternate_name,description,email,website,tax_status,tax_id,year_incorporated,legal_status,logo,uri,parent_organization_id",
    );
    expect(rest.join("\r\n")).toBe(
      `${ORG_ID},"Food ""Bank"", Inc.",,"Line one\nline two",,,,,1999,,,,\r\n`,
    );
    expect(csv).not.toContain("mutuo_");
    const back = await readTabularPackage(dir);
    expect(back.records.organization?.[0]).toEqual({
      id: ORG_ID,
      name: 'Food "Bank", Inc.',
      description: "Line one\nline two",
      year_incorporated: 1999,
    });
  });

  it("takes batches from an async iterable and describes the tables written in datapackage.json", async () => {
    async function* batches(): AsyncGenerator<FlatRecords> {
      yield { organization: [{ id: ORG_ID, name: "A", description: "a" }] };
      yield {
        service: [
          {
            id: "ac148810-d857-441c-9679-408f346de14b",
            organization_id: ORG_ID,
            name: "S",
            status: "active",
          },
        ],
        organization: [{ id: "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2", name: "B", description: "b" }],
      };
    }
    const dir = await tempDir();
    await writeTabularPackage(dir, batches());
    const { records } = await readTabularPackage(dir);
    expect(records.organization?.map((o) => o.name)).toEqual(["A", "B"]);
    expect(records.service).toHaveLength(1);
    const datapackage = JSON.parse(await readFile(path.join(dir, "datapackage.json"), "utf8"));
    expect(datapackage.resources.map((r: { path: string }) => r.path)).toEqual([
      "organizations.csv",
      "services.csv",
    ]);
    const services = datapackage.resources[1];
    expect(services).toMatchObject({
      name: "service",
      profile: "tabular-data-resource",
      schema: { primaryKey: "id" },
    });
    expect(services.schema.fields[0]).toEqual({
      name: "id",
      type: "string",
      format: "uuid",
      constraints: { required: true },
    });
    // Only keys to tables in the package: program_id's table was not written.
    expect(services.schema.foreignKeys).toEqual([
      { fields: "organization_id", reference: { resource: "organization", fields: "id" } },
    ]);
  });

  it("gives back any text and number it wrote (property)", async () => {
    const dir = await tempDir();
    const organization = fc.record({
      id: fc.uuid(),
      name: fc.string({ minLength: 1, unit: "grapheme" }),
      description: fc.string({ minLength: 1 }),
      year_incorporated: fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .filter((n) => !Object.is(n, -0)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(organization, { maxLength: 5 }), async (rows) => {
        await writeTabularPackage(dir, { organization: rows });
        const back = await readTabularPackage(dir);
        expect(back.problems).toEqual([]);
        expect(back.records.organization).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });

  it("fails, without hanging, when a file cannot be written", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "organizations.csv")); // a folder where the file should go
    const rows = Array.from({ length: 5000 }, () => ({
      id: ORG_ID,
      name: "A".repeat(200),
      description: "d",
    }));
    await expect(writeTabularPackage(dir, { organization: rows })).rejects.toThrow(/EISDIR/);
  });

  it("describes fields with the specification's types", () => {
    const [schedule] = datapackageFor(["schedule"]).resources;
    const type = (name: string) => schedule?.schema.fields.find((f) => f.name === name)?.type;
    expect([type("opens_at"), type("valid_from"), type("interval"), type("byday")]).toEqual([
      "time",
      "date",
      "number",
      "string",
    ]);
  });
});

describe("reading files that go wrong", () => {
  it("strips a UTF-8 byte-order mark", async () => {
    const dir = await packageOf({
      "organizations.csv": `\uFEFF${ORG_HEADER}\r\n${ORG_ID},A,a,\r\n`,
    });
    const { records, problems } = await readTabularPackage(dir);
    expect(problems).toEqual([]);
    expect(records.organization).toEqual([{ id: ORG_ID, name: "A", description: "a" }]);
  });

  it("refuses Latin-1 with the line of the first bad byte", async () => {
    const latin1 = Buffer.from(`${ORG_HEADER}\n${ORG_ID},A,a,\n${ORG_ID},Caf\xe9,a,\n`, "latin1");
    const { problems } = await readTabularPackage(await packageOf({ "organizations.csv": latin1 }));
    expect(problems).toMatchObject([
      { severity: "error", code: "not_utf8", table: "organization", params: { line: 3 } },
    ]);
    expect(problems[0]?.message).toContain("line 3");
  });

  it("refuses UTF-16 and says so", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${ORG_HEADER}\n`, "utf16le"),
    ]);
    const { problems } = await readTabularPackage(await packageOf({ "organizations.csv": utf16 }));
    expect(problems).toMatchObject([{ code: "not_utf8" }]);
    expect(problems[0]?.message).toContain("UTF-16");
  });

  it("reports cells that are not numbers with the data row's pointer, and leaves them out", async () => {
    const dir = await packageOf({
      "organizations.csv": `${ORG_HEADER}\n${ORG_ID},A,a,1999\n${ORG_ID},B,b,nineteen\n`,
    });
    const { records, problems } = await readTabularPackage(dir);
    expect(problems).toMatchObject([
      {
        code: "not_a_number",
        pointer: "/organizations.csv/2/year_incorporated",
        id: ORG_ID,
        params: { value: "nineteen" },
      },
    ]);
    expect(records.organization?.[1]).toEqual({ id: ORG_ID, name: "B", description: "b" });
  });

  it("reports missing required columns, and unknown columns and files as warnings", async () => {
    const dir = await packageOf({
      "organizations.csv": `id,name,colour\n${ORG_ID},A,blue\n`,
      "notes.csv": "a,b\n1,2\n",
    });
    const { records, problems } = await readTabularPackage(dir);
    const summary = problems.map((p) => [p.severity, p.code, p.pointer]);
    expect(summary).toEqual([
      ["warning", "unknown_file", "/notes.csv"],
      ["warning", "unknown_column", "/organizations.csv/0/colour"],
      ["error", "missing_column", "/organizations.csv/0"],
    ]);
    expect(problems[2]?.params).toEqual({ column: "description" });
    expect(records.organization).toEqual([{ id: ORG_ID, name: "A" }]);
  });

  it("reports rows with the wrong number of cells, an empty file and broken quoting", async () => {
    const dir = await packageOf({
      "organizations.csv": `${ORG_HEADER}\n${ORG_ID},A\n`,
      "services.csv": "",
      "phones.csv": 'id,number\n"1554f2e2-a373-45db-a3fa-9fc48a61c15e,"555\n',
    });
    const { problems } = await readTabularPackage(dir);
    const codes = Object.fromEntries(problems.map((p) => [path.basename(p.file ?? ""), p.code]));
    expect(codes).toEqual({
      "organizations.csv": "wrong_column_count",
      "services.csv": "empty_file",
      "phones.csv": "csv_syntax",
    });
  });

  it("stops a hopeless file after the problem limit and says so", async () => {
    const rows = Array.from({ length: MAX_PROBLEMS_PER_FILE + 50 }, () => `${ORG_ID},A,a,x`).join(
      "\n",
    );
    const { problems } = await readTabularPackage(
      await packageOf({ "organizations.csv": `${ORG_HEADER}\n${rows}\n` }),
    );
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems.at(-1)).toMatchObject({ code: "too_many_problems" });
  });

  it("says when a folder does not exist or holds no HSDS table", async () => {
    expect(
      (await readTabularPackage(path.join(os.tmpdir(), "mutuo-no-such-dir"))).problems,
    ).toMatchObject([{ code: "not_found" }]);
    expect(
      (await readTabularPackage(await packageOf({ "readme.txt": "hi" }))).problems,
    ).toMatchObject([{ code: "no_hsds_files" }]);
  });
});
