// The state of one validation run and the checks applied to each record it reads: the table's
// JSON Schema (Ajv), the rules of rules.ts, ids unique per table, and references, which are
// resolved once everything has been read (records may refer forward).
import path from "node:path";
import type { ErrorObject } from "ajv";
import {
  detectTable,
  isApiPage,
  isApiRoot,
  isHsdsTable,
  isObject,
  isTabularJson,
  type Json,
  recordIssues,
  TABLE_BY_FILE,
} from "./rules";
import type { HsdsSchemas, ValidateFunction } from "./schemas";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import {
  FileProblems,
  type FlatRecords,
  type HsdsProblem,
  type HsdsRow,
  pointerSegment,
  tableSpec,
} from "./tabular";

/** A file-level problem (no record): the pointer is the whole file. */
export function fileProblem(code: string, message: string, params?: HsdsProblem["params"]) {
  return { severity: "error" as const, table: null, id: null, pointer: "", code, message, params };
}

// ---------------------------------------------------------------------------------------------
// The run: every record is checked as it is read; references are resolved at the end

interface Reference {
  table: HsdsTableName;
  value: string;
  required: boolean;
  field: string;
  complete: boolean;
  from: { table: HsdsTableName; id: string | null; pointer: string; sink: FileProblems };
}

/** Which record a JSON pointer is in (nested records too), or which record is a parent. */
interface Located {
  table: HsdsTableName;
  id: string | null;
}

function idSet(map: Map<HsdsTableName, Set<string>>, table: HsdsTableName): Set<string> {
  let set = map.get(table);
  if (!set) {
    set = new Set();
    map.set(table, set);
  }
  return set;
}

export class Run {
  readonly ids = new Map<HsdsTableName, Set<string>>();
  /** Ids of top-level records and rows: nested copies of one object may repeat, these not. */
  readonly topIds = new Map<HsdsTableName, Map<string, string | null>>();
  readonly references: Reference[] = [];
  readonly sinks: FileProblems[] = [];
  files = 0;
  records = 0;
  /** "<file> <table>" pairs already warned about having no schema. */
  readonly unschemed = new Set<string>();
  /** True while reading a tabular package, which is complete: a reference to a table it lacks is dangling. */
  complete = false;

  constructor(
    readonly schemas: HsdsSchemas,
    readonly type: HsdsTableName | undefined,
  ) {}

  sink(file: string): FileProblems {
    const sink = new FileProblems(file);
    this.sinks.push(sink);
    this.files++;
    return sink;
  }

  /**
   * Records an id. A top-level record repeating another's id in the same file is an error; in
   * another file of the folder, a warning (the official examples overlap so; importers keep
   * the last copy). Nested copies of one object (an organization in each service) may repeat.
   */
  register(
    table: HsdsTableName,
    id: string,
    top: boolean,
    sink: FileProblems,
    pointer: string,
  ): void {
    idSet(this.ids, table).add(id);
    if (!top) return;
    const files = this.topIds.get(table) ?? new Map<string, string | null>();
    this.topIds.set(table, files);
    if (!files.has(id)) {
      files.set(id, sink.file);
      return;
    }
    const sameFile = files.get(id) === sink.file;
    sink.add({
      severity: sameFile ? "error" : "warning",
      table,
      id,
      pointer: `${pointer}/id`,
      code: "duplicate_id",
      params: { table, id },
      message: sameFile
        ? `${table} ${id} appears more than once`
        : `${table} ${id} is also in ${files.get(id)}`,
    });
  }
}

/** One parsed JSON value: a list, an API page or root, a tabular package, or one object. */
export function checkTopLevel(run: Run, value: unknown, pointer: string, sink: FileProblems): void {
  if (Array.isArray(value)) {
    checkList(run, value, pointer, sink);
  } else if (isObject(value) && isApiPage(value)) {
    checkList(run, value.contents as unknown[], `${pointer}/contents`, sink);
  } else if (isObject(value) && isApiRoot(value) && !run.type) {
    run.records++;
    reportSchemaErrors(
      run.schemas.openapiResponseValidator("/", "get"),
      value,
      pointer,
      sink,
      null,
    );
  } else if (isObject(value) && isTabularJson(value) && !run.type) {
    checkTabularJson(run, value, pointer, sink);
  } else {
    checkTopObject(run, value, pointer, sink);
  }
}

function checkList(run: Run, items: unknown[], pointer: string, sink: FileProblems): void {
  for (const [i, item] of items.entries()) {
    checkTopObject(run, item, `${pointer}/${i}`, sink);
    if (sink.full) {
      sink.stop();
      return;
    }
  }
}

function checkTopObject(run: Run, value: unknown, pointer: string, sink: FileProblems): void {
  run.records++;
  if (!isObject(value)) {
    sink.add({ ...fileProblem("not_an_object", "expected an HSDS object"), pointer });
    return;
  }
  const table = run.type ?? detectTable(value, run.schemas);
  if (!table) {
    sink.add({
      ...fileProblem("unknown_type", "cannot tell which HSDS object this is: give it with --type"),
      id: typeof value.id === "string" ? value.id : null,
      pointer,
    });
    return;
  }
  checkJsonObject(run, table, value, pointer, sink);
}

/** The JSON form of the tabular package ({"organizations.csv": [rows], …}): rows are cells. */
function checkTabularJson(run: Run, value: Json, pointer: string, sink: FileProblems): void {
  const records: FlatRecords = {};
  for (const [file, rows] of Object.entries(value)) {
    const table = TABLE_BY_FILE.get(file) as HsdsTableName;
    if (!Array.isArray(rows)) {
      sink.add({
        ...fileProblem("not_a_list", `${file} must be a list of rows`),
        pointer: `${pointer}/${pointerSegment(file)}`,
      });
      continue;
    }
    records[table] = rows.map((row) => (isObject(row) ? cellsAsValues(table, row) : {}));
  }
  run.complete = true;
  checkFlatRecords(run, records, [], () => sink.file ?? "", sink, pointer, 0);
  run.complete = false;
}

/** Values typed as a CSV reader would type them (identifier 1234567 is the text "1234567"). */
function cellsAsValues(table: HsdsTableName, row: Json): HsdsRow {
  const out: HsdsRow = {};
  for (const field of tableSpec(table).fields) {
    const value = row[field.name];
    if (value === undefined || value === null || value === "") continue;
    out[field.name] = field.kind === "number" || typeof value !== "number" ? value : String(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking records

/** Children the table schemas do not list but compiled API objects nest. */
const EXTRA_CHILDREN: Partial<Record<HsdsTableName, Record<string, HsdsTableName>>> = {
  organization: { services: "service" },
  service_at_location: { service: "service" },
};

interface Child {
  table: HsdsTableName;
  /** Not covered by the parent's schema: validated against its own. */
  extra: boolean;
}

/** The nested objects of a table, found through its schema's `$ref`s (phones → phone.json). */
function childTables(schemas: HsdsSchemas, table: HsdsTableName): Map<string, Child> {
  const children = new Map<string, Child>();
  for (const [key, property] of Object.entries(schemas.schema(table).properties ?? {})) {
    const p = property as { $ref?: string; items?: { $ref?: string } };
    const child = (p.$ref ?? p.items?.$ref ?? "").replace(/\.json$/, "");
    if (isHsdsTable(child)) children.set(key, { table: child, extra: false });
  }
  for (const [key, child] of Object.entries(EXTRA_CHILDREN[table] ?? {})) {
    children.set(key, { table: child, extra: true });
  }
  return children;
}

function checkJsonObject(
  run: Run,
  table: HsdsTableName,
  value: Json,
  pointer: string,
  sink: FileProblems,
): void {
  const located = new Map<string, Located>();
  walk(run, table, value, pointer, sink, located, null, true);
  checkSchema(run, table, value, pointer, sink, located);
}

/**
 * Validates against the table's schema. A table the folder has no schema for (3.1's unit with
 * the 3.0 schemas) gets a warning: its records are still checked by the other rules.
 */
function checkSchema(
  run: Run,
  table: HsdsTableName,
  value: unknown,
  pointer: string,
  sink: FileProblems,
  located: Map<string, Located>,
  skipMissing?: (field: string) => boolean,
): void {
  if (run.schemas.hasTable(table)) {
    reportSchemaErrors(run.schemas.validator(table), value, pointer, sink, located, skipMissing);
    return;
  }
  if (run.unschemed.has(`${sink.file} ${table}`)) return;
  run.unschemed.add(`${sink.file} ${table}`);
  sink.add({
    severity: "warning",
    table,
    id: null,
    pointer,
    code: "no_schema",
    params: { table },
    message: `the schemas folder has no ${table}.json: ${table} records are not checked against a schema`,
  });
}

/** Registers ids and references of an object and its nested children, and applies the rules. */
function walk(
  run: Run,
  table: HsdsTableName,
  value: Json,
  pointer: string,
  sink: FileProblems,
  located: Map<string, Located>,
  parent: Located | null,
  top: boolean,
): void {
  const id = typeof value.id === "string" ? value.id : null;
  located.set(pointer, { table, id });
  if (id !== null) run.register(table, id, top, sink, pointer);
  checkRecord(run, table, value, pointer, sink, parent);
  if (!run.schemas.hasTable(table)) return;
  const self = { table, id };
  for (const [key, child] of childTables(run.schemas, table)) {
    const nested = value[key];
    const here = `${pointer}/${pointerSegment(key)}`;
    const items = Array.isArray(nested)
      ? nested.map((item, i) => [item, `${here}/${i}`] as const)
      : [[nested, here] as const];
    for (const [item, at] of items) {
      if (!isObject(item)) continue;
      walk(run, child.table, item, at, sink, located, self, false);
      if (child.extra) checkSchema(run, child.table, item, at, sink, located);
    }
  }
}

/** Rows of a tabular package (CSV or its JSON form): schema, then the same rules as JSON. */
export function checkFlatRecords(
  run: Run,
  records: FlatRecords,
  readProblems: HsdsProblem[],
  fileOf: (table: HsdsTableName) => string,
  only?: FileProblems,
  base = "",
  firstRow = 1,
): void {
  const sinkOf = (file: string | null) =>
    only ?? run.sinks.find((s) => s.file === file) ?? run.sink(file ?? "");
  const missingColumns = new Set<string>();
  for (const problem of readProblems) {
    if (problem.code === "missing_column")
      missingColumns.add(`${problem.table}.${problem.params?.column}`);
    sinkOf(problem.file).add(problem);
  }
  for (const { name: table } of HSDS_TABLES) {
    const rows = records[table];
    if (!rows) continue;
    const file = fileOf(table);
    const sink = sinkOf(file);
    const segment = `${base}/${pointerSegment(only ? tableSpec(table).file : path.basename(file))}`;
    const schemaRequired = new Set(
      run.schemas.hasTable(table) ? (run.schemas.schema(table).required ?? []) : [],
    );
    const tabularRequired = tableSpec(table).fields.filter(
      (f) => f.required && !schemaRequired.has(f.name) && !missingColumns.has(`${table}.${f.name}`),
    );
    // A missing column was reported once; a required nested object (3.1's service_capacity.unit)
    // is no column at all: rows have its id instead.
    const columns = new Set(tableSpec(table).fields.map((f) => f.name));
    const skip = (missing: string) =>
      missingColumns.has(`${table}.${missing}`) || !columns.has(missing);
    for (const [i, row] of rows.entries()) {
      run.records++;
      const pointer = `${segment}/${i + firstRow}`;
      const id = typeof row.id === "string" ? row.id : null;
      // Past the error limit rows are not checked, but their ids still count for references.
      if (sink.full) {
        sink.stop();
        if (id !== null) run.register(table, id, false, sink, pointer);
        continue;
      }
      if (id !== null) run.register(table, id, true, sink, pointer);
      for (const field of tabularRequired) {
        if (row[field.name] === undefined) missingField(table, id, pointer, field.name, sink);
      }
      checkRecord(run, table, row, pointer, sink, null);
      const located = new Map([[pointer, { table, id }]]);
      checkSchema(run, table, row, pointer, sink, located, skip);
    }
  }
}

function missingField(
  table: string | null,
  id: string | null,
  pointer: string,
  field: string,
  sink: FileProblems,
): void {
  sink.add({
    severity: "error",
    table,
    id,
    pointer: `${pointer}/${pointerSegment(field)}`,
    code: "missing_field",
    params: { field },
    message: `${field} is required`,
  });
}

/** Ajv's errors as problems, each attributed to the nested record it is in. */
function reportSchemaErrors(
  validate: ValidateFunction,
  value: unknown,
  pointer: string,
  sink: FileProblems,
  located: Map<string, Located> | null,
  skipMissing: (field: string) => boolean = () => false,
): void {
  if (validate(value)) return;
  for (const error of validate.errors ?? []) {
    const missing = error.keyword === "required" ? String(error.params.missingProperty) : null;
    if (missing !== null && skipMissing(missing)) continue;
    const at = `${pointer}${error.instancePath}`;
    const owner = ownerOf(located, at);
    const [table, id] = [owner?.table ?? null, owner?.id ?? null];
    if (missing !== null) missingField(table, id, at, missing, sink);
    else sink.add({ severity: "error", table, id, pointer: at, ...schemaMessage(error) });
  }
}

function ownerOf(located: Map<string, Located> | null, pointer: string): Located | null {
  if (!located) return null;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const found = located.get(p);
    if (found) return found;
    if (p === "") return null;
  }
}

function schemaMessage(error: ErrorObject): Pick<HsdsProblem, "code" | "params" | "message"> {
  const field = error.instancePath.split("/").pop() ?? "";
  switch (error.keyword) {
    case "format":
      return {
        code: "bad_format",
        params: { field, format: String(error.params.format) },
        message: `${field} must be a valid ${error.params.format}`,
      };
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).join(", ");
      return {
        code: "not_allowed",
        params: { field, allowed },
        message: `${field} must be one of: ${allowed}`,
      };
    }
    case "type":
      return {
        code: "wrong_type",
        params: { field, type: String(error.params.type) },
        message: `${field} must be of type ${error.params.type}`,
      };
    default:
      return {
        code: "schema_violation",
        params: { field, keyword: error.keyword },
        message: `${field || "the object"} ${error.message ?? "does not match the schema"}`,
      };
  }
}

/** The rules beyond JSON Schema for one record, and its references for the end of the run. */
function checkRecord(
  run: Run,
  table: HsdsTableName,
  value: Json,
  pointer: string,
  sink: FileProblems,
  parent: Located | null,
): void {
  const id = typeof value.id === "string" ? value.id : null;
  for (const { field, ...issue } of recordIssues(table, value)) {
    sink.add({ ...issue, table, id, pointer: `${pointer}/${pointerSegment(field)}` });
  }
  collectReferences(run, table, value, pointer, sink, parent);
}

function collectReferences(
  run: Run,
  table: HsdsTableName,
  value: Json,
  pointer: string,
  sink: FileProblems,
  parent: Located | null,
): void {
  const spec = tableSpec(table);
  const id = typeof value.id === "string" ? value.id : null;
  const from = { table, id, pointer, sink };
  const keys = spec.foreignKeys.map((fk) => ({
    ...fk,
    required: spec.fields.find((f) => f.name === fk.field)?.required ?? false,
  }));
  if (
    table === "attribute" &&
    typeof value.link_entity === "string" &&
    isHsdsTable(value.link_entity)
  ) {
    keys.push({ field: "link_id", table: value.link_entity, required: true });
  }
  for (const key of keys) {
    const target = value[key.field];
    if (typeof target !== "string" || !isHsdsTable(key.table)) continue;
    if (parent && parent.table === key.table) {
      // A nested child refers to its parent by nesting; an id that says otherwise contradicts it.
      if (parent.id !== null && target !== parent.id) {
        sink.add({
          severity: "error",
          table,
          id,
          pointer: `${pointer}/${pointerSegment(key.field)}`,
          code: "parent_mismatch",
          params: { field: key.field, value: target, parent: parent.id },
          message: `${key.field} ${target} is not the ${key.table} it is nested in (${parent.id})`,
        });
      }
      continue;
    }
    run.references.push({
      table: key.table,
      value: target,
      required: key.required,
      field: key.field,
      complete: run.complete,
      from,
    });
  }
}

/** References resolve within the input; a required one that does not is an error. */
export function resolveReferences(run: Run): void {
  for (const ref of run.references) {
    const known = run.ids.get(ref.table);
    // Single JSON objects may point outside the file: only tables present in the input (or any
    // table of a complete tabular package) are checked.
    if (!known && !ref.complete) continue;
    if (known?.has(ref.value)) continue;
    ref.from.sink.add({
      severity: ref.required ? "error" : "warning",
      table: ref.from.table,
      id: ref.from.id,
      pointer: `${ref.from.pointer}/${pointerSegment(ref.field)}`,
      code: "dangling_reference",
      params: { field: ref.field, table: ref.table, value: ref.value },
      message: `${ref.field} ${ref.value} is no ${ref.table} in the input`,
    });
  }
}
