// Nested HSDS JSON (single objects, lists, API pages, compiled service/organization objects, the
// tabular example's `{"services.csv": [...]}`) → flat table rows, one per HSDS record, with each
// nested child pointing at its parent. Pure: no I/O (docs/decisions/0023-hsds-import-export.md).
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import type { FlatRecords, HsdsProblem, HsdsRow } from "./tabular";

/**
 * A parent that arrived with a nested list: on import, its existing children of `table` (rows
 * whose `field` is `parentId`) that are not in `ids` are removed.
 */
export interface ChildSet {
  table: HsdsTableName;
  field: string;
  parentId: string;
  ids: string[];
}

export interface FlatHsds {
  records: FlatRecords;
  problems: HsdsProblem[];
  childSets: ChildSet[];
  /** Where each row came from (a JSON pointer), for problem reports. */
  pointers: WeakMap<HsdsRow, string>;
  /** The file the rows came from, when known. */
  file?: string | null;
}

type Spec = (typeof HSDS_TABLES)[number];
const SPECS = new Map<string, Spec>(HSDS_TABLES.map((t) => [t.name, t]));
const BY_FILE = new Map<string, HsdsTableName>(HSDS_TABLES.map((t) => [t.file, t.name]));

/** Nested lists and the table of their items (3.0 and 3.1 names). */
const LIST_KEYS: Record<string, HsdsTableName> = {
  phones: "phone",
  schedules: "schedule",
  service_areas: "service_area",
  service_at_locations: "service_at_location",
  languages: "language",
  funding: "funding",
  cost_options: "cost_option",
  required_documents: "required_document",
  contacts: "contact",
  attributes: "attribute",
  metadata: "metadata",
  capacities: "service_capacity",
  additional_urls: "url",
  additional_websites: "url",
  locations: "location",
  programs: "program",
  organization_identifiers: "organization_identifier",
  services: "service",
  addresses: "address",
  accessibility: "accessibility",
};

/** Nested single objects: their table, and the parent's field that holds their id. */
const ONE_KEYS: Record<string, { table: HsdsTableName; field: string }> = {
  organization: { table: "organization", field: "organization_id" },
  program: { table: "program", field: "program_id" },
  location: { table: "location", field: "location_id" },
  service: { table: "service", field: "service_id" },
  taxonomy_term: { table: "taxonomy_term", field: "taxonomy_term_id" },
  taxonomy_detail: { table: "taxonomy", field: "taxonomy_id" },
  unit: { table: "unit", field: "unit_id" },
};

/** Mutuo's extension fields carried in HSDS objects, and the column each one fills. */
export const EXTENSION_FIELDS: Partial<Record<HsdsTableName, Record<string, string>>> = {
  schedule: { x_mutuo_closed: "mutuo_closed" },
};

const TEXT_FIELDS = new Map(
  HSDS_TABLES.map((t) => [
    t.name,
    new Set<string>(t.fields.filter((f) => f.kind === "text").map((f) => f.name)),
  ]),
);

/** A number given for a text field (the tabular example's `"identifier": 1234567`) is that text. */
const scalar = (texts: Set<string>, key: string, value: unknown) =>
  texts.has(key) && (typeof value === "number" || typeof value === "boolean")
    ? String(value)
    : value;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function problem(
  severity: HsdsProblem["severity"],
  code: string,
  message: string,
  where: { table?: string | null; id?: unknown; pointer: string },
  params?: Record<string, string | number>,
): HsdsProblem {
  return {
    severity,
    code,
    message,
    table: where.table ?? null,
    id: typeof where.id === "string" ? where.id : null,
    file: null,
    pointer: where.pointer,
    ...(params ? { params } : {}),
  };
}

const has = (o: Record<string, unknown>, key: string) => o[key] !== undefined && o[key] !== null;

/**
 * Which HSDS table a top-level object is, from its shape (the rules are in the decision record);
 * null when it is none.
 */
export function detectTable(o: Record<string, unknown>): HsdsTableName | null {
  if (has(o, "location_type")) return "location";
  if (has(o, "status") || Array.isArray(o.service_at_locations)) return "service";
  if (isObject(o.taxonomy_detail) || has(o, "term_uri") || has(o, "taxonomy_id")) {
    return "taxonomy_term";
  }
  if (isObject(o.service) || isObject(o.location)) return "service_at_location";
  const orgOnly = [
    "website",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "parent_organization_id",
    "programs",
    "organization_identifiers",
    "locations",
    "services",
  ];
  if (orgOnly.some((k) => has(o, k))) return "organization";
  if (has(o, "version") && has(o, "name")) return "taxonomy";
  return bestFit(o);
}

/** The one table whose fields cover every key and whose required fields are all present. */
function bestFit(o: Record<string, unknown>): HsdsTableName | null {
  const keys = Object.keys(o);
  const fits = HSDS_TABLES.filter((t) => {
    const names = new Set<string>(t.fields.map((f) => f.name));
    return (
      keys.every((k) => names.has(k) || k in LIST_KEYS || k in ONE_KEYS || k.startsWith("x_")) &&
      t.fields.every((f) => !f.required || has(o, f.name))
    );
  });
  return fits.length === 1 ? (fits[0]?.name ?? null) : null;
}

/** True for the HSDS API's root document (`{version, profile, openapi_url}`): no records. */
const isApiRoot = (o: Record<string, unknown>) =>
  !has(o, "id") && (has(o, "openapi_url") || (has(o, "version") && has(o, "profile")));

class Flattener {
  readonly records: FlatRecords = {};
  readonly problems: HsdsProblem[] = [];
  readonly pointers = new WeakMap<HsdsRow, string>();
  private readonly seen = new Map<string, Map<string, HsdsRow>>();
  private readonly sets = new Map<string, ChildSet>();
  private readonly unknown = new Map<
    string,
    { table: string; field: string; pointer: string; count: number }
  >();

  get childSets(): ChildSet[] {
    return [...this.sets.values()];
  }

  root(input: unknown, table: HsdsTableName | undefined, pointer: string): void {
    if (Array.isArray(input)) {
      input.forEach((item, i) => {
        this.root(item, table, `${pointer}/${i}`);
      });
      return;
    }
    if (!isObject(input)) {
      this.problems.push(
        problem("error", "not_hsds", "Expected an HSDS object or a list of them.", {
          pointer: pointer || "/",
        }),
      );
      return;
    }
    if (Array.isArray(input.contents)) {
      this.root(input.contents, table, `${pointer}/contents`);
      return;
    }
    const files = Object.keys(input);
    if (files.length > 0 && files.every((k) => k.endsWith(".csv"))) {
      this.tabular(input, pointer);
      return;
    }
    if (!table && isApiRoot(input)) {
      this.problems.push(
        problem(
          "warning",
          "api_root_document",
          "This is the API's root document: it holds no records.",
          {
            pointer: pointer || "/",
          },
        ),
      );
      return;
    }
    const detected = table ?? detectTable(input);
    if (!detected) {
      this.problems.push(
        problem("error", "unknown_record_type", "Could not tell which HSDS object this is.", {
          id: input.id,
          pointer: pointer || "/",
        }),
      );
      return;
    }
    this.object(detected, input, pointer, null);
  }

  /** The tabular example in JSON: each `<file>.csv` key holds that table's flat rows. */
  private tabular(input: Record<string, unknown>, pointer: string): void {
    for (const [file, rows] of Object.entries(input)) {
      const table = BY_FILE.get(file);
      const at = `${pointer}/${file}`;
      if (!table || !Array.isArray(rows)) {
        this.problems.push(
          problem("warning", "unknown_table", `"${file}" is not an HSDS table: skipped.`, {
            pointer: at,
          }),
        );
        continue;
      }
      this.root(rows, table, at);
    }
  }

  /** One object of `table` (nested under `parent` when given) and everything inside it. */
  object(
    table: HsdsTableName,
    input: Record<string, unknown>,
    pointer: string,
    parent: { table: HsdsTableName; row: HsdsRow } | null,
  ): HsdsRow {
    const spec = SPECS.get(table) as Spec;
    const fields = new Set<string>(spec.fields.map((f) => f.name));
    const texts = TEXT_FIELDS.get(table) as Set<string>;
    const extensions = EXTENSION_FIELDS[table] ?? {};
    const row: HsdsRow = {};
    const lists: [string, unknown[]][] = [];
    const ones: [string, Record<string, unknown>][] = [];
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || value === null) continue;
      if (fields.has(key) && !isObject(value) && !Array.isArray(value))
        row[key] = scalar(texts, key, value);
      else if (key in extensions) row[extensions[key] as string] = value;
      else if (Array.isArray(value) && key in LIST_KEYS) lists.push([key, value]);
      else if (isObject(value) && key in ONE_KEYS) ones.push([key, value]);
      else if (fields.has(key))
        row[key] = value; // a wrong type: the importer's checks report it
      else this.unknownField(table, key, `${pointer}/${key}`);
    }
    if (parent) linkToParent(table, row, parent);
    // Single nested objects first: they may fill this row's references (service.organization_id).
    for (const [key, value] of ones) {
      const { field } = ONE_KEYS[key] as { field: string };
      if (fields.has(field) && !has(row, field) && typeof value.id === "string")
        row[field] = value.id;
    }
    for (const [key, value] of ones) {
      const { table: childTable } = ONE_KEYS[key] as { table: HsdsTableName };
      this.object(childTable, value, `${pointer}/${key}`, { table, row });
    }
    const kept = this.keep(table, row, pointer);
    for (const [key, items] of lists)
      this.list(table, kept, LIST_KEYS[key] as HsdsTableName, key, items, pointer);
    return kept;
  }

  private list(
    table: HsdsTableName,
    row: HsdsRow,
    childTable: HsdsTableName,
    key: string,
    items: unknown[],
    pointer: string,
  ): void {
    const ids: string[] = [];
    items.forEach((item, i) => {
      const at = `${pointer}/${key}/${i}`;
      if (!isObject(item)) {
        this.problems.push(
          problem("error", "not_an_object", `Each item of "${key}" must be an object.`, {
            table: childTable,
            pointer: at,
          }),
        );
        return;
      }
      const child = this.object(childTable, item, at, { table, row });
      if (typeof child.id === "string") ids.push(child.id);
    });
    const field = parentField(childTable, table);
    if (!field || typeof row.id !== "string") return;
    const setKey = `${childTable}\u0000${field}\u0000${row.id}`;
    const existing = this.sets.get(setKey);
    if (existing) existing.ids.push(...ids.filter((id) => !existing.ids.includes(id)));
    else this.sets.set(setKey, { table: childTable, field, parentId: row.id, ids });
  }

  /** Adds a row, or merges it into the earlier row of the same id (a conflict is a problem). */
  private keep(table: HsdsTableName, row: HsdsRow, pointer: string): HsdsRow {
    const id = row.id;
    const byId = this.seen.get(table) ?? new Map<string, HsdsRow>();
    this.seen.set(table, byId);
    const earlier = typeof id === "string" ? byId.get(id) : undefined;
    if (!earlier) {
      if (typeof id === "string") byId.set(id, row);
      const rows = this.records[table] ?? [];
      this.records[table] = rows;
      rows.push(row);
      this.pointers.set(row, pointer);
      return row;
    }
    for (const [field, value] of Object.entries(row)) {
      const before = earlier[field];
      if (before === undefined || before === null) earlier[field] = value;
      else if (!sameValue(before, value)) {
        this.problems.push(
          problem(
            "error",
            "conflicting_duplicate",
            `The ${table} ${String(id)} appears twice with different "${field}" values.`,
            { table, id, pointer: `${pointer}/${field}` },
            { field },
          ),
        );
      }
    }
    return earlier;
  }

  private unknownField(table: string, field: string, pointer: string): void {
    const key = `${table}.${field}`;
    const entry = this.unknown.get(key);
    if (entry) entry.count++;
    else this.unknown.set(key, { table, field, pointer, count: 1 });
  }

  /** One warning per unknown field of a table (not one per record), with how often it came. */
  finish(): void {
    for (const { table, field, pointer, count } of this.unknown.values()) {
      this.problems.push(
        problem(
          "warning",
          "unknown_field",
          `"${field}" is not an HSDS field of ${table}: ignored (${count} times).`,
          { table, pointer },
          { field, count },
        ),
      );
    }
  }
}

const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === "object" && JSON.stringify(a) === JSON.stringify(b));

/** The child's field that names its parent: an HSDS foreign key, or the generic link fields. */
export function parentField(child: HsdsTableName, parent: HsdsTableName): string | null {
  if (child === "attribute") return "link_id";
  if (child === "metadata") return "resource_id";
  const spec = SPECS.get(child) as Spec;
  const fk = spec.foreignKeys.find((k) => k.table === parent);
  return fk ? fk.field : null;
}

/**
 * Points a nested child at its parent (unless it already says otherwise). A child with no
 * reference to its parent's table (a 3.1 service_area under a service_at_location) takes the
 * parent's own references of the same name; a required reference it lacks (a program nested in a
 * service has no organization_id) is taken from the parent too.
 */
function linkToParent(
  table: HsdsTableName,
  row: HsdsRow,
  parent: { table: HsdsTableName; row: HsdsRow },
) {
  const parentId = parent.row.id;
  const field = parentField(table, parent.table);
  if (field && !has(row, field) && parentId !== undefined) row[field] = parentId;
  if (table === "attribute" && !has(row, "link_entity")) row.link_entity = parent.table;
  if (table === "metadata" && !has(row, "resource_type")) row.resource_type = parent.table;
  const spec = SPECS.get(table) as Spec;
  for (const f of spec.fields) {
    const inherit = field === null ? f.kind === "uuid" && f.name !== "id" : f.required;
    if (inherit && !has(row, f.name) && has(parent.row, f.name) && f.name !== "id") {
      row[f.name] = parent.row[f.name];
    }
  }
}

/** Flattens nested HSDS JSON; `table` forces the type of the top-level objects. */
export function flattenHsds(
  input: unknown,
  opts: { table?: HsdsTableName; pointer?: string } = {},
): FlatHsds {
  const flattener = new Flattener();
  flattener.root(input, opts.table, opts.pointer ?? "");
  flattener.finish();
  return {
    records: flattener.records,
    problems: flattener.problems,
    childSets: flattener.childSets,
    pointers: flattener.pointers,
  };
}

/** Flattens several documents (NDJSON lines) into one batch, each with its own pointer. */
export function flattenMany(
  documents: { value: unknown; pointer: string }[],
  table?: HsdsTableName,
): FlatHsds {
  const flattener = new Flattener();
  for (const d of documents) flattener.root(d.value, table, d.pointer);
  flattener.finish();
  return {
    records: flattener.records,
    problems: flattener.problems,
    childSets: flattener.childSets,
    pointers: flattener.pointers,
  };
}
