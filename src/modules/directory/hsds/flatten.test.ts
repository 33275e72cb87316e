// Flattening nested HSDS JSON into table rows: what each official example shape becomes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectTable, flattenHsds } from "./flatten";

const EXAMPLES = path.resolve(__dirname, "../../../../../shared/data/hsds/3.0/examples");
const example = (file: string): unknown =>
  JSON.parse(readFileSync(path.join(EXAMPLES, file), "utf8"));
const counts = (records: Record<string, unknown[] | undefined>) =>
  Object.fromEntries(Object.entries(records).map(([table, rows]) => [table, rows?.length]));

describe("flattenHsds", () => {
  it("a compiled service becomes one row per record, each child pointing at its parent", () => {
    const { records, problems } = flattenHsds(example("service_full.json"));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const [service] = records.service ?? [];
    expect(service).toMatchObject({ organization_id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610" });
    expect(service?.program_id).toBe("e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42");
    // The program nested in the service takes the service's organization (it is required).
    expect(records.program?.[0]?.organization_id).toBe("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");
    // One phone listed under the service, its place and a contact is one row linked to all.
    expect(records.phone).toHaveLength(1);
    expect(records.phone?.[0]).toMatchObject({
      service_id: service?.id,
      contact_id: "1e7efce3-639b-4880-940c-b95cd30cdb50",
      service_at_location_id: "e94c9f38-1e8f-4564-91d4-d53501ab1765",
    });
    expect(records.attribute?.[0]).toMatchObject({
      link_id: service?.id,
      link_entity: "link_entity",
      taxonomy_term_id: "3f7b145d-84af-42d7-8fae-eaca714b02b2",
    });
    expect(records.taxonomy_term?.[0]?.taxonomy_id).toBe("5c4d79d7-cc55-470e-9f1f-8cad074e4892");
    expect(records.metadata?.[0]?.resource_id).toBe(service?.id);
  });

  it("lists, API pages and the tabular example are read as their records", () => {
    expect(counts(flattenHsds(example("service_list.json")).records)).toMatchObject({
      service: 1,
      organization: 1,
      program: 1,
    });
    const sal = flattenHsds(example("service_at_location_list.json")).records;
    expect(sal.service_at_location?.[0]).toMatchObject({
      service_id: sal.service?.[0]?.id,
      location_id: sal.location?.[0]?.id,
    });
    const tabular = flattenHsds(example("tabular.json"));
    expect(tabular.records.service).toHaveLength(1);
    expect(tabular.records.organization_identifier?.[0]?.identifier).toBe("1234567");
    expect(flattenHsds(example("base.json")).problems.map((p) => p.code)).toEqual([
      "api_root_document",
    ]);
  });

  it("tells each example's type by its shape", () => {
    const types = Object.fromEntries(
      [
        "location",
        "organization_full",
        "service_full",
        "service_at_location_full",
        "taxonomy",
        "taxonomy_term",
      ].map((name) => [name, detectTable(example(`${name}.json`) as Record<string, unknown>)]),
    );
    expect(types).toEqual({
      location: "location",
      organization_full: "organization",
      service_full: "service",
      service_at_location_full: "service_at_location",
      taxonomy: "taxonomy",
      taxonomy_term: "taxonomy_term",
    });
  });

  it("the same id with different values is a conflict; unknown fields are one warning each", () => {
    const { problems } = flattenHsds([
      {
        id: "0190a000-0000-7000-8000-000000000001",
        name: "A",
        description: "d",
        website: "w",
        x_color: 1,
      },
      {
        id: "0190a000-0000-7000-8000-000000000001",
        name: "B",
        description: "d",
        website: "w",
        x_color: 2,
      },
    ]);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ["conflicting_duplicate", "/1/name"],
      ["unknown_field", "/0/x_color"],
    ]);
  });

  it("a nested list is remembered so that re-imports remove what it no longer has", () => {
    const { childSets } = flattenHsds({
      id: "0190a000-0000-7000-8000-000000000001",
      name: "S",
      status: "active",
      phones: [{ id: "0190a000-0000-7000-8000-000000000002", number: "1" }],
      schedules: [],
    });
    expect(childSets).toEqual([
      {
        table: "phone",
        field: "service_id",
        parentId: "0190a000-0000-7000-8000-000000000001",
        ids: ["0190a000-0000-7000-8000-000000000002"],
      },
      {
        table: "schedule",
        field: "service_id",
        parentId: "0190a000-0000-7000-8000-000000000001",
        ids: [],
      },
    ]);
  });
});
