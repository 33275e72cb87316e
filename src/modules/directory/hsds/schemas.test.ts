// The official HSDS schemas loaded from the local copy (never fetched): table schemas with their
// relative $refs, and the HSDS API's openapi.json response schemas with their absolute URLs
// mapped to the local files.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadHsdsSchemas, localSchemaKey, resolveSchemaDir, SchemaDirError } from "./schemas";

const HSDS = path.resolve(__dirname, "../../../../../shared/data/hsds");
const SCHEMAS = path.join(HSDS, "3.0/schema");
const example = (name: string) =>
  JSON.parse(readFileSync(path.join(HSDS, "3.0/examples", name), "utf8"));
const schemas = loadHsdsSchemas(SCHEMAS);

describe("table schemas", () => {
  it("accept the official examples, nested objects included", () => {
    const cases = [
      ["service", "service_full.json"],
      ["organization", "organization_full.json"],
      ["location", "location.json"],
      ["service_at_location", "service_at_location_full.json"],
      ["taxonomy", "taxonomy.json"],
      ["taxonomy_term", "taxonomy_term.json"],
    ] as const;
    for (const [table, file] of cases) {
      const validate = schemas.validator(table);
      expect(validate(example(file)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("reject a nested phone with a bad id through the relative $ref to phone.json", () => {
    const service = example("service_full.json");
    service.phones[0].id = "not-a-uuid";
    const validate = schemas.validator("service");
    expect(validate(service)).toBe(false);
    expect(validate.errors).toMatchObject([{ instancePath: "/phones/0/id", keyword: "format" }]);
  });

  it("are loaded once per folder, and say which tables a folder lacks", () => {
    expect(loadHsdsSchemas(SCHEMAS)).toBe(schemas);
    expect(schemas.hasTable("service_capacity")).toBe(false);
    expect(() => schemas.validator("service_capacity")).toThrow(SchemaDirError);
    const next = loadHsdsSchemas(path.join(HSDS, "3.1-dev/schema"));
    expect(next.validator("service_capacity")({ id: "x" })).toBe(false);
  });
});

describe("openapi response validators", () => {
  const cases = [
    ["/services/{id}", "service_full.json"],
    ["/services", "service_list.json"],
    ["/organizations/{id}", "organization_full.json"],
    ["/organizations", "organization_list.json"],
    ["/service_at_locations/{id}", "service_at_location_full.json"],
    ["/service_at_locations", "service_at_location_list.json"],
    ["/taxonomies/{id}", "taxonomy.json"],
    ["/taxonomies", "taxonomy_list.json"],
    ["/taxonomy_terms/{id}", "taxonomy_term.json"],
    ["/taxonomy_terms", "taxonomy_term_list.json"],
    ["/", "base.json"],
  ] as const;
  it.each(cases)("%s accepts the official example %s", (apiPath, file) => {
    const validate = schemas.openapiResponseValidator(apiPath, "get");
    expect(validate(example(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("/services/{id} rejects a broken service with a pointer to each fault", () => {
    const service = example("service_full.json");
    delete service.name;
    service.status = "open";
    service.service_at_locations[0].location.location_type = "moon";
    const validate = schemas.openapiResponseValidator("/services/{id}", "get");
    expect(validate(service)).toBe(false);
    const faults = validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`);
    expect(faults).toEqual(
      ["/ required", "/status enum", "/service_at_locations/0/location/location_type enum"].map(
        (f) => f.replace(/^\/ /, " "),
      ),
    );
  });

  it("a page checks both its paging fields (#/components) and its contents", () => {
    const page = example("service_list.json");
    page.total_items = "one";
    page.contents[0].status = "open";
    const validate = schemas.openapiResponseValidator("/services", "get");
    expect(validate(page)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
      "/contents/0/status",
      "/total_items",
    ]);
  });

  it("refuses a path the API does not have", () => {
    expect(() => schemas.openapiResponseValidator("/nothing", "get")).toThrow(
      /no 200 JSON response/,
    );
  });

  it("maps the specification's URLs to local files", () => {
    const keys = new Set(["service.json", "service_at_location.json", "compiled/tabular.json"]);
    const base = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";
    expect(localSchemaKey(`${base}/compiled/service.json`, keys)).toBe("service.json");
    expect(localSchemaKey(`${base}/compiled/service_at_location_list.json`, keys)).toBe(
      "service_at_location.json",
    );
    expect(localSchemaKey(`${base}/compiled/tabular.json`, keys)).toBe("compiled/tabular.json");
    expect(localSchemaKey(`${base}/unknown.json`, keys)).toBeNull();
  });
});

describe("choosing the schema folder", () => {
  it("takes the flag, then the configured folder, then ../shared beside the working folder", () => {
    const v31 = path.join(HSDS, "3.1-dev/schema");
    expect(resolveSchemaDir(SCHEMAS, v31)).toBe(v31);
    expect(resolveSchemaDir(v31, undefined)).toBe(v31);
    expect(resolveSchemaDir(undefined, undefined, path.resolve(__dirname, "../../../.."))).toBe(
      SCHEMAS,
    );
    // A copy of the whole specification is accepted: its schemas are in schema/.
    expect(resolveSchemaDir(path.join(HSDS, "3.0"))).toBe(SCHEMAS);
  });

  it("explains how to point at the schemas when there are none", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "mutuo-schemas-"));
    try {
      expect(() => resolveSchemaDir(undefined, undefined, empty)).toThrow(
        /--schemas <dir> or MUTUO_HSDS_SCHEMAS/,
      );
      expect(() => resolveSchemaDir(undefined, empty)).toThrow(SchemaDirError);
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});
