// The official HSDS JSON Schemas, loaded from a local folder and never fetched. They are not
// plain JSON Schema: no $id/$schema, extra keywords (constraints, core, example, …) and relative
// `$ref`s by file name ("phone.json"), so every file is registered under its file name with
// Ajv's draft 2020-12 in non-strict mode. The HSDS API's openapi.json refers to the same
// schemas by absolute URLs on the specification's GitHub branch: those are mapped to the local
// files (docs/decisions/0021-hsds-validation.md).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
// The file extension is needed: the built CLI is ESM and ajv has no "exports" map.
import Ajv2020Module, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { HsdsTableName } from "./tables";

// ajv and ajv-formats are CommonJS: depending on the loader the class sits on `.default`.
type Ajv2020Class = typeof Ajv2020Module;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: Ajv2020Class }).default ??
  Ajv2020Module) as Ajv2020Class;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;

export type { ValidateFunction };

export interface HsdsSchemas {
  readonly dir: string;
  /** True when the folder has the table's schema (3.0 has no unit, service_capacity, url). */
  hasTable(table: HsdsTableName): boolean;
  /** The validator of one HSDS object (e.g. service.json, with its nested objects). */
  validator(table: HsdsTableName): ValidateFunction;
  /** The raw schema of one table, for keywords Ajv ignores (e.g. `tabular_required`). */
  schema(table: HsdsTableName): HsdsSchemaJson;
  /** The validator of an HSDS API response, from the folder's openapi.json. */
  openapiResponseValidator(apiPath: string, method: "get", status?: string): ValidateFunction;
}

export interface HsdsSchemaJson {
  required?: string[];
  tabular_required?: string[];
  properties?: Record<string, unknown>;
}

/** The schemas folder is missing or unusable; the message says how to point at it. */
export class SchemaDirError extends Error {}

const HOW_TO_POINT =
  "point at the HSDS 3.0 schema folder (the specification's schema/ directory, from " +
  "https://github.com/openreferral/specification) with --schemas <dir> or MUTUO_HSDS_SCHEMAS";

/** A schema folder has service.json holding a schema (not a service: a data folder may too). */
function isSchemaFolder(dir: string): boolean {
  try {
    const service = JSON.parse(readFileSync(path.join(dir, "service.json"), "utf8"));
    return (
      service?.type === "object" && typeof service.properties?.service_at_locations === "object"
    );
  } catch {
    return false;
  }
}

function schemaFolder(dir: string): string | null {
  if (isSchemaFolder(dir)) return dir;
  // A copy of the whole specification: its schemas are in schema/.
  if (isSchemaFolder(path.join(dir, "schema"))) return path.join(dir, "schema");
  return null;
}

/**
 * Which schema folder to use: the `--schemas` flag, then MUTUO_HSDS_SCHEMAS (`configured`), then
 * ../shared/data/hsds/3.0/schema beside the working folder. The schemas are CC BY-SA, so Mutuo
 * does not ship them.
 */
export function resolveSchemaDir(
  configured: string | undefined,
  cliFlag?: string,
  cwd: string = process.cwd(),
): string {
  const given = cliFlag ?? configured;
  if (given) {
    const dir = schemaFolder(path.resolve(cwd, given));
    if (!dir)
      throw new SchemaDirError(`${given} holds no HSDS schemas (service.json): ${HOW_TO_POINT}`);
    return dir;
  }
  const fallback = schemaFolder(path.resolve(cwd, "../shared/data/hsds/3.0/schema"));
  if (fallback) return fallback;
  throw new SchemaDirError(`no HSDS schemas found: ${HOW_TO_POINT}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new SchemaDirError(`${file} is not a readable JSON schema (${(error as Error).message})`);
  }
}

/** Schema files by their key: "phone.json", "compiled/tabular.json". openapi.json is not one. */
function schemaFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".json") && name !== "openapi.json") files.set(name, path.join(dir, name));
  }
  const compiled = path.join(dir, "compiled");
  if (existsSync(compiled)) {
    for (const name of readdirSync(compiled)) {
      if (name.endsWith(".json")) files.set(`compiled/${name}`, path.join(compiled, name));
    }
  }
  return files;
}

/**
 * The local key for an openapi.json `$ref` URL such as
 * https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/service.json.
 * The compiled/ files it names are not all published: a missing compiled/X.json is X.json (the
 * same object, nested through `$ref`s), and a missing X_list.json is X.json too, since list items
 * are the object with only its one-to-one fields and every array field is optional.
 */
export function localSchemaKey(url: string, keys: ReadonlySet<string>): string | null {
  const match = /\/schema\/(compiled\/)?([A-Za-z0-9_]+)\.json$/.exec(url);
  if (!match) return null;
  const [, compiled = "", name = ""] = match;
  const candidates = [
    `${compiled}${name}.json`,
    `${name}.json`,
    `${name.replace(/_list$/, "")}.json`,
  ];
  return candidates.find((key) => keys.has(key)) ?? null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function pointerGet(doc: Json, pointer: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  return node;
}

/** Copies an openapi schema with its `$ref`s pointing at registered schemas or inlined. */
function localizeRefs(node: Json, doc: Json, keys: ReadonlySet<string>, depth = 0): Json {
  if (depth > 50) throw new SchemaDirError("openapi.json has $ref cycles");
  if (Array.isArray(node)) return node.map((item) => localizeRefs(item, doc, keys, depth));
  if (node === null || typeof node !== "object") return node;
  const ref = node.$ref;
  if (typeof ref === "string") {
    if (ref.startsWith("#/")) {
      const target = pointerGet(doc, ref.slice(1));
      if (target === undefined) throw new SchemaDirError(`openapi.json: ${ref} does not exist`);
      const { $ref: _ref, ...rest } = node;
      const inlined = localizeRefs(target, doc, keys, depth + 1);
      return Object.keys(rest).length
        ? { allOf: [inlined, localizeRefs(rest, doc, keys, depth)] }
        : inlined;
    }
    const key = keys.has(ref) ? ref : localSchemaKey(ref, keys);
    if (!key) throw new SchemaDirError(`openapi.json: no local schema for ${ref}`);
    return { ...node, $ref: key };
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, localizeRefs(v, doc, keys, depth)]),
  );
}

/**
 * Known mistakes of the published openapi.json, corrected: it answers
 * GET /service_at_locations/{id} with compiled/service.json although its own description (and
 * the official example service_at_location_full.json) is a fully nested service_at_location.
 */
const OPENAPI_CORRECTIONS: Record<string, { wrong: string; right: string }> = {
  "/service_at_locations/{id}": {
    wrong: "compiled/service.json",
    right: "service_at_location.json",
  },
};

function correctedSchema(apiPath: string, schema: Json): Json {
  const correction = OPENAPI_CORRECTIONS[apiPath];
  const ref =
    schema !== null && typeof schema === "object" && !Array.isArray(schema) && schema.$ref;
  if (correction && typeof ref === "string" && ref.endsWith(`/schema/${correction.wrong}`)) {
    return { $ref: correction.right };
  }
  return schema;
}

const cache = new Map<string, HsdsSchemas>();

/** Loads (once per folder) every schema of an HSDS schema folder. */
export function loadHsdsSchemas(dir: string): HsdsSchemas {
  const resolved = path.resolve(dir);
  const cached = cache.get(resolved);
  if (cached) return cached;
  const schemas = buildSchemas(resolved);
  cache.set(resolved, schemas);
  return schemas;
}

function buildSchemas(dir: string): HsdsSchemas {
  if (!schemaFolder(dir)) throw new SchemaDirError(`${dir} holds no HSDS schemas: ${HOW_TO_POINT}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const files = schemaFiles(dir);
  const raw = new Map<string, HsdsSchemaJson>();
  for (const [key, file] of files) {
    const json = readJson(file) as HsdsSchemaJson;
    raw.set(key, json);
    ajv.addSchema(json as object, key);
  }
  const keys = new Set(files.keys());
  const responseValidators = new Map<string, ValidateFunction>();
  let openapi: Json | undefined;

  const tableKey = (table: HsdsTableName) => {
    const key = `${table}.json`;
    if (!keys.has(key)) throw new SchemaDirError(`${dir} has no schema for ${table} (${key})`);
    return key;
  };

  return {
    dir,
    hasTable: (table) => keys.has(`${table}.json`),
    validator(table) {
      const validate = ajv.getSchema(tableKey(table));
      if (!validate) throw new SchemaDirError(`${dir}: ${table}.json does not compile`);
      return validate;
    },
    schema: (table) => raw.get(tableKey(table)) ?? {},
    openapiResponseValidator(apiPath, method, status = "200") {
      const id = `${method} ${apiPath} ${status}`;
      const known = responseValidators.get(id);
      if (known) return known;
      openapi ??= readJson(path.join(dir, "openapi.json")) as Json;
      const schema = pointerGet(
        openapi,
        `/paths/${apiPath.replaceAll("/", "~1")}/${method}/responses/${status}/content/application~1json/schema`,
      );
      if (schema === undefined) {
        throw new SchemaDirError(
          `openapi.json has no ${status} JSON response for ${method} ${apiPath}`,
        );
      }
      const localized = localizeRefs(correctedSchema(apiPath, schema), openapi, keys);
      const validate = ajv.compile(localized as object);
      responseValidators.set(id, validate);
      return validate;
    },
  };
}
