// Validating HSDS data: the official examples pass, and broken copies are reported with the
// record id, the JSON pointer and a stable code for each fault.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterEach, describe, expect, it } from "vitest";
import type { HsdsProblem } from "./tabular";
import { validateHsds } from "./validate";

const HSDS = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0");
const schemaDir = path.join(HSDS, "schema");
const EXAMPLES = path.join(HSDS, "examples");
const EXAMPLE_FILES = [
  "base.json",
  "location.json",
  "organization_full.json",
  "organization_list.json",
  "service_at_location_full.json",
  "service_at_location_list.json",
  "service_full.json",
  "service_list.json",
  "tabular.json",
  "taxonomy.json",
  "taxonomy_list.json",
  "taxonomy_term.json",
  "taxonomy_term_list.json",
];
const SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b";
const ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mutuo-validate-"));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(await tempDir(), name);
  await writeFile(file, content);
  return file;
}

/** A package holding only the given files (name → content). */
async function packageOf(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, name), content);
  return dir;
}

/** A copy of the official CSV package with some cells changed. */
async function brokenPackage(
  edit: (tables: Record<string, Record<string, string>[]>) => void,
): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(EXAMPLES, "csv"), dir, { recursive: true });
  const files = [
    "organizations.csv",
    "services.csv",
    "phones.csv",
    "schedules.csv",
    "locations.csv",
  ];
  const tables: Record<string, Record<string, string>[]> = {};
  for (const file of files)
    tables[file] = parse(await readFile(path.join(dir, file)), { columns: true, bom: true });
  edit(tables);
  for (const file of files) {
    const rows = tables[file] ?? [];
    await writeFile(
      path.join(dir, file),
      stringify(rows, { header: true, columns: Object.keys(rows[0] ?? {}) }),
    );
  }
  return dir;
}

const brief = (problems: HsdsProblem[]) =>
  problems.map((p) => `${p.code} ${p.table} ${p.id} ${p.pointer}`);

describe("the official examples", () => {
  it.each(EXAMPLE_FILES)("%s is recognised and has no error", async (file) => {
    const report = await validateHsds(path.join(EXAMPLES, file), { schemaDir });
    expect(report.errors).toEqual([]);
    expect(report.records).toBeGreaterThan(0);
    // Only latitude 100 (allowed by the schema, impossible on Earth) and references the
    // examples leave unresolved are warned about.
    const codes = new Set(report.warnings.map((w) => w.code));
    for (const code of codes)
      expect(["coordinates_out_of_range", "dangling_reference"]).toContain(code);
  });

  it("latitude 100 is a warning with its pointer, not an error", async () => {
    const report = await validateHsds(path.join(EXAMPLES, "location.json"), { schemaDir });
    expect(report.warnings).toMatchObject([
      {
        severity: "warning",
        code: "coordinates_out_of_range",
        table: "location",
        pointer: "/latitude",
        params: { value: 100 },
      },
    ]);
  });

  it("the CSV package has no error; its optional references that lead nowhere are warnings", async () => {
    const report = await validateHsds(path.join(EXAMPLES, "csv"), { schemaDir });
    expect(report.errors).toEqual([]);
    expect(report.files).toBe(21);
    expect(report.records).toBe(21);
    expect(brief(report.warnings)).toContain(
      "dangling_reference location 3a19ff88-4620-4d17-9830-ac1d859eb5d5 /locations.csv/1/organization_id",
    );
  });

  it("the whole examples folder has no error (objects repeated across files are warned about)", async () => {
    const report = await validateHsds(EXAMPLES, { schemaDir });
    expect(report.errors).toEqual([]);
    expect(report.files).toBe(EXAMPLE_FILES.length);
    expect(report.warnings.some((w) => w.code === "duplicate_id")).toBe(true);
  });
});

describe("a broken copy of the CSV package", () => {
  it("reports each fault with its code, record id and pointer", async () => {
    const dir = await brokenPackage((t) => {
      const [organization] = t["organizations.csv"] ?? [];
      const [service] = t["services.csv"] ?? [];
      const [phone] = t["phones.csv"] ?? [];
      const [schedule] = t["schedules.csv"] ?? [];
      if (!organization || !service || !phone || !schedule) throw new Error("example rows missing");
      service.name = "";
      service.organization_id = "0bc248fa-0000-4650-9ba4-8f1a24ef16a2";
      phone.id = "not-a-uuid";
      schedule.opens_at = "25:00";
      schedule.byday = "MO,XX";
      schedule.valid_to = "2004-12-31";
      t["organizations.csv"]?.push({ ...organization, name: "Copy" });
    });
    const report = await validateHsds(dir, { schemaDir });
    expect(brief(report.errors).sort()).toEqual(
      [
        `duplicate_id organization ${ORG_ID} /organizations.csv/2/id`,
        `missing_field service ${SERVICE_ID} /services.csv/1/name`,
        `dangling_reference service ${SERVICE_ID} /services.csv/1/organization_id`,
        "bad_format phone not-a-uuid /phones.csv/1/id",
        "bad_time schedule 48102e86-bb50-41c4-8f1e-e269368c41d1 /schedules.csv/1/opens_at",
        "bad_byday schedule 48102e86-bb50-41c4-8f1e-e269368c41d1 /schedules.csv/1/byday",
        "valid_to_before_valid_from schedule 48102e86-bb50-41c4-8f1e-e269368c41d1 /schedules.csv/1/valid_to",
      ].sort(),
    );
    const dangling = report.errors.find((e) => e.code === "dangling_reference");
    expect(dangling?.file).toBe(path.join(dir, "services.csv"));
    expect(dangling?.params).toEqual({
      field: "organization_id",
      table: "organization",
      value: "0bc248fa-0000-4650-9ba4-8f1a24ef16a2",
    });
  });

  it("does not repeat a missing required column as a missing value on every row", async () => {
    const dir = await brokenPackage((t) => {
      for (const row of t["services.csv"] ?? []) delete row.status;
    });
    const report = await validateHsds(dir, { schemaDir });
    expect(brief(report.errors)).toEqual(["missing_column service null /services.csv/0"]);
  });

  it("checks a single table file on its own, without asking for the tables it refers to", async () => {
    const report = await validateHsds(path.join(EXAMPLES, "csv", "services.csv"), { schemaDir });
    expect(report).toMatchObject({ files: 1, records: 1, errors: [], warnings: [] });
  });
});

describe("HSDS 3.1 tables", () => {
  const UNIT = "8896b788-7b3e-11ef-8db9-7f3d040352b3";
  const capacityPackage = () =>
    packageOf({
      "services.csv": `id,organization_id,name,status\n${SERVICE_ID},${ORG_ID},Beds,active\n`,
      "organizations.csv": `id,name,description\n${ORG_ID},Shelter,Beds for the night\n`,
      "units.csv": `id,name\n${UNIT},Bed\n`,
      "service_capacity.csv": `id,service_id,unit_id,available,updated\n0bc248fa-dc27-4650-9ba4-8f1a24ef16a2,${SERVICE_ID},${UNIT},12,2024-09-25T14:23:06.5+01:00\n`,
    });

  it("pass with the 3.1 schemas (the unit is referred to by unit_id, not nested)", async () => {
    const report = await validateHsds(await capacityPackage(), {
      schemaDir: path.join(HSDS, "../3.1-dev/schema"),
    });
    expect(report).toMatchObject({ records: 4, errors: [], warnings: [] });
  });

  it("with the 3.0 schemas, are checked by the other rules with one warning per table", async () => {
    const report = await validateHsds(await capacityPackage(), { schemaDir });
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => `${w.code} ${w.table}`).sort()).toEqual([
      "no_schema service_capacity",
      "no_schema unit",
    ]);
  });
});

describe("JSON input", () => {
  const service = { id: SERVICE_ID, name: "Counselling", status: "active" };

  it("reports duplicate ids within a list, and nested children that contradict their parent", async () => {
    const phone = { id: "1554f2e2-a373-45db-a3fa-9fc48a61c15e", number: "555", service_id: ORG_ID };
    const file = await tempFile(
      "services.json",
      JSON.stringify([service, { ...service, phones: [phone] }]),
    );
    const report = await validateHsds(file, { schemaDir });
    expect(brief(report.errors)).toEqual([
      `duplicate_id service ${SERVICE_ID} /1/id`,
      `parent_mismatch phone ${phone.id} /1/phones/0/service_id`,
    ]);
  });

  it("reads an API page, checks attributes' links and reports missing fields of nested objects", async () => {
    const attribute = {
      id: "ae58cc39-8b70-4ab1-8aea-786882e5ac8e",
      taxonomy_term_id: ORG_ID,
      link_entity: "service",
      link_id: ORG_ID,
    };
    const page = {
      total_items: 2,
      contents: [
        { ...service, attributes: [attribute] },
        {
          ...service,
          id: "e94c9f38-1e8f-4564-91d4-d53501ab1765",
          organization: { id: ORG_ID, name: "Org" },
        },
      ],
    };
    const report = await validateHsds(await tempFile("page.json", JSON.stringify(page)), {
      schemaDir,
    });
    expect(brief(report.errors)).toEqual([
      `parent_mismatch attribute ${attribute.id} /contents/0/attributes/0/link_id`,
      `missing_field organization ${ORG_ID} /contents/1/organization/description`,
    ]);
  });

  it("checks services nested in a compiled organization against the service schema", async () => {
    const organization = JSON.parse(
      await readFile(path.join(EXAMPLES, "organization_full.json"), "utf8"),
    );
    organization.services[0].status = "open";
    const report = await validateHsds(
      await tempFile("organization.json", JSON.stringify(organization)),
      { schemaDir },
    );
    expect(brief(report.errors)).toEqual([`not_allowed service ${SERVICE_ID} /services/0/status`]);
  });

  it("reads NDJSON line by line, pointing at line numbers", async () => {
    const lines = [
      JSON.stringify(service),
      "",
      `{"id": "${ORG_ID}", "name": "Org", "description": "d", "year_incorporated": "1999"}`,
      "{oops",
    ];
    const report = await validateHsds(await tempFile("data.ndjson", lines.join("\n")), {
      schemaDir,
    });
    expect(report.records).toBe(2);
    expect(brief(report.errors)).toEqual([
      `wrong_type organization ${ORG_ID} /3/year_incorporated`,
      "not_json null null /4",
    ]);
    expect(report.errors[1]?.message).toBe("not valid JSON at line 4, column 2");
  });

  it("says when it cannot tell what an object is, and takes --type", async () => {
    const file = await tempFile("thing.json", JSON.stringify({ id: SERVICE_ID, colour: "blue" }));
    expect(brief((await validateHsds(file, { schemaDir })).errors)).toEqual([
      `unknown_type null ${SERVICE_ID} `,
    ]);
    const typed = await validateHsds(file, { schemaDir, type: "service" });
    expect(brief(typed.errors)).toEqual([
      `missing_field service ${SERVICE_ID} /name`,
      `missing_field service ${SERVICE_ID} /status`,
    ]);
  });
});

describe("files that are not HSDS at all", () => {
  const codeOf = async (file: string) =>
    (await validateHsds(file, { schemaDir })).errors.map((e) => e.code);

  it("names the line and column where JSON breaks", async () => {
    const report = await validateHsds(await tempFile("bad.json", '{"id": "x",\n "name": tru}'), {
      schemaDir,
    });
    // Where parsing stopped: the "}" that cannot follow "tru".
    expect(report.errors).toMatchObject([{ code: "not_json", params: { line: 2, column: 13 } }]);
  });

  it("refuses garbage, empty files, UTF-16, Latin-1 and paths that do not exist", async () => {
    expect(await codeOf(await tempFile("garbage.json", "MZ\u0090\u0000 binary garbage"))).toEqual([
      "not_json",
    ]);
    expect(
      await codeOf(
        await tempFile(
          "random.json",
          Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)),
        ),
      ),
    ).toEqual(["not_utf8"]);
    expect(await codeOf(await tempFile("empty.json", ""))).toEqual(["empty_file"]);
    expect(await codeOf(await tempFile("blank.ndjson", "\n\n"))).toEqual(["empty_file"]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`{"id": "${SERVICE_ID}"}`, "utf16le"),
    ]);
    const report = await validateHsds(await tempFile("utf16.json", utf16), { schemaDir });
    expect(report.errors).toMatchObject([{ code: "not_utf8" }]);
    expect(report.errors[0]?.message).toContain("UTF-16");
    expect(
      await codeOf(await tempFile("latin1.json", Buffer.from('{"name": "Caf\xe9"}', "latin1"))),
    ).toEqual(["not_utf8"]);
    expect(await codeOf(path.join(os.tmpdir(), "mutuo-no-such-file.json"))).toEqual(["not_found"]);
    expect(await codeOf(await tempFile("notes.txt", "hello"))).toEqual(["unknown_file_type"]);
  });

  it("lists at most 1,000 problems of a long garbage file, then says it stopped", async () => {
    const garbage = "this is not json\n".repeat(5000);
    const report = await validateHsds(await tempFile("garbage.ndjson", garbage), { schemaDir });
    expect(report.errors).toHaveLength(1001);
    expect(report.errors.at(-1)).toMatchObject({ code: "too_many_problems" });
  });
});
