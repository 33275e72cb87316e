// HSDS 3.0 objects from the directory's tables, shaped like the specification's examples
// (service_full.json, organization_full.json, service_at_location_full.json). Loaded in batches:
// one query per table and nesting level for a whole list of ids, never one per record.
// Every object carries all of its row's HSDS fields (references included), so the same record
// nested in two places is the same object and re-importing it changes nothing. Mutuo's own
// columns stay out, except a closure: a schedule with `"x_mutuo_closed": true`.
import { inArray } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/connect";
import { HSDS_TABLES, type HsdsTableName } from "./tables";
import { tableOf } from "./upsert";

export type HsdsObject = Record<string, unknown>;

interface Shape {
  table: HsdsTableName;
  /** Nested lists: rows of `shape.table` whose `via` field is this object's id. */
  lists?: Record<string, { via: string; shape: Shape; onlyIfAny?: boolean }>;
  /** Nested single objects: the row of `shape.table` named by this object's `field`. */
  ones?: Record<string, { field: string; shape: Shape }>;
  /** Attach the attributes and metadata that name this object. */
  linked?: boolean;
}

type Spec = (typeof HSDS_TABLES)[number];
const FIELDS = new Map<string, readonly Spec["fields"][number][]>(
  HSDS_TABLES.map((t) => [t.name, t.fields]),
);

const CHUNK = 1000;

const TAXONOMY: Shape = { table: "taxonomy" };
const TERM: Shape = {
  table: "taxonomy_term",
  ones: { taxonomy_detail: { field: "taxonomy_id", shape: TAXONOMY } },
};
const ATTRIBUTE: Shape = {
  table: "attribute",
  ones: { taxonomy_term: { field: "taxonomy_term_id", shape: TERM } },
};
const METADATA: Shape = { table: "metadata" };
const plain = (table: HsdsTableName): Shape => ({ table, linked: true });
const LANGUAGE = plain("language");
const PHONE: Shape = {
  table: "phone",
  linked: true,
  lists: { languages: { via: "phone_id", shape: LANGUAGE } },
};
const CONTACT: Shape = {
  table: "contact",
  linked: true,
  lists: { phones: { via: "contact_id", shape: PHONE } },
};
const SCHEDULE = plain("schedule");
const UNIT = plain("unit");
const URL_SHAPE = plain("url");
const ORGANIZATION_ROW = plain("organization");
const PROGRAM = plain("program");

const LOCATION_FULL: Shape = {
  table: "location",
  linked: true,
  lists: {
    languages: { via: "location_id", shape: LANGUAGE },
    addresses: { via: "location_id", shape: plain("address") },
    contacts: { via: "location_id", shape: CONTACT },
    accessibility: { via: "location_id", shape: plain("accessibility") },
    phones: { via: "location_id", shape: PHONE },
    schedules: { via: "location_id", shape: SCHEDULE },
  },
};

const SAL_FULL: Shape = {
  table: "service_at_location",
  linked: true,
  lists: {
    contacts: { via: "service_at_location_id", shape: CONTACT },
    phones: { via: "service_at_location_id", shape: PHONE },
    schedules: { via: "service_at_location_id", shape: SCHEDULE },
  },
  ones: { location: { field: "location_id", shape: LOCATION_FULL } },
};

const SERVICE_FULL: Shape = {
  table: "service",
  linked: true,
  lists: {
    phones: { via: "service_id", shape: PHONE },
    schedules: { via: "service_id", shape: SCHEDULE },
    service_areas: { via: "service_id", shape: plain("service_area") },
    service_at_locations: { via: "service_id", shape: SAL_FULL },
    languages: { via: "service_id", shape: LANGUAGE },
    funding: { via: "service_id", shape: plain("funding") },
    cost_options: { via: "service_id", shape: plain("cost_option") },
    required_documents: { via: "service_id", shape: plain("required_document") },
    contacts: { via: "service_id", shape: CONTACT },
    // HSDS 3.1 lists, written only when there is something in them.
    capacities: {
      via: "service_id",
      shape: {
        table: "service_capacity",
        linked: true,
        ones: { unit: { field: "unit_id", shape: UNIT } },
      },
      onlyIfAny: true,
    },
    additional_urls: { via: "service_id", shape: URL_SHAPE, onlyIfAny: true },
  },
  ones: {
    organization: { field: "organization_id", shape: ORGANIZATION_ROW },
    program: { field: "program_id", shape: PROGRAM },
  },
};

const ORGANIZATION_FULL: Shape = {
  table: "organization",
  linked: true,
  lists: {
    funding: { via: "organization_id", shape: plain("funding") },
    contacts: { via: "organization_id", shape: CONTACT },
    phones: { via: "organization_id", shape: PHONE },
    locations: { via: "organization_id", shape: LOCATION_FULL },
    programs: { via: "organization_id", shape: PROGRAM },
    organization_identifiers: { via: "organization_id", shape: plain("organization_identifier") },
    additional_websites: { via: "organization_id", shape: URL_SHAPE, onlyIfAny: true },
    services: { via: "organization_id", shape: SERVICE_FULL },
  },
};

/** An organization with its own lists, without its places and services (exported apart). */
const ORGANIZATION_RECORD: Shape = {
  ...ORGANIZATION_FULL,
  lists: Object.fromEntries(
    Object.entries(ORGANIZATION_FULL.lists ?? {}).filter(
      ([key]) => key !== "locations" && key !== "services",
    ),
  ),
};

const SERVICE_LIST: Shape = {
  table: "service",
  ones: SERVICE_FULL.ones as NonNullable<Shape["ones"]>,
};
const SAL_LIST: Shape = {
  table: "service_at_location",
  ones: {
    location: { field: "location_id", shape: { table: "location" } },
    service: { field: "service_id", shape: { table: "service" } },
  },
};

/** The HSDS value of a column: timestamps as ISO 8601, everything else as stored. */
function hsdsValue(kind: string, value: unknown): unknown {
  if (kind === "datetime" && typeof value === "string") return new Date(value).toISOString();
  return value;
}

/** A row's HSDS fields (nulls left out), plus a closure's extension flag. */
export function hsdsFields(table: HsdsTableName, row: Record<string, unknown>): HsdsObject {
  const out: HsdsObject = {};
  for (const f of FIELDS.get(table) ?? []) {
    const value = row[f.name];
    if (value !== null && value !== undefined) out[f.name] = hsdsValue(f.kind, value);
  }
  if (table === "schedule" && row.mutuo_closed === true) out.x_mutuo_closed = true;
  return out;
}

/** Rows of a table whose `field` is one of `values`, in id order. */
export async function rowsWhere(
  db: Db,
  table: HsdsTableName,
  field: string,
  values: readonly string[],
): Promise<Record<string, unknown>[]> {
  const unique = [...new Set(values)];
  const t = tableOf(table);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    const rows = await db
      .select()
      .from(t)
      .where(inArray(t[field] as PgColumn, part))
      .orderBy(t.id as PgColumn);
    out.push(...(rows as Record<string, unknown>[]));
  }
  if (unique.length > CHUNK) out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return out;
}

function groupBy(objects: HsdsObject[], field: string): Map<string, HsdsObject[]> {
  const out = new Map<string, HsdsObject[]>();
  for (const o of objects) {
    const key = o[field];
    if (typeof key !== "string") continue;
    const list = out.get(key) ?? [];
    out.set(key, list);
    list.push(o);
  }
  return out;
}

/** Builds the objects of `shape` for these rows, loading each nested table once for all. */
async function build(db: Db, shape: Shape, rows: Record<string, unknown>[]): Promise<HsdsObject[]> {
  const objects = rows.map((r) => hsdsFields(shape.table, r));
  if (objects.length === 0) return objects;
  const ids = objects.map((o) => o.id as string);
  for (const [key, one] of Object.entries(shape.ones ?? {})) {
    const wanted = objects
      .map((o) => o[one.field])
      .filter((v): v is string => typeof v === "string");
    if (wanted.length === 0) continue;
    const found = await build(db, one.shape, await rowsWhere(db, one.shape.table, "id", wanted));
    const byId = new Map(found.map((f) => [f.id as string, f]));
    for (const o of objects) {
      const child = byId.get(o[one.field] as string);
      if (child) o[key] = child;
    }
  }
  for (const [key, list] of Object.entries(shape.lists ?? {})) {
    const children = await build(
      db,
      list.shape,
      await rowsWhere(db, list.shape.table, list.via, ids),
    );
    const byParent = groupBy(children, list.via);
    for (const o of objects) {
      const mine = byParent.get(o.id as string) ?? [];
      if (mine.length > 0 || !list.onlyIfAny) o[key] = mine;
    }
  }
  if (shape.linked) await attachLinked(db, objects, ids);
  return objects;
}

/** The attributes (with their terms) and metadata that name these objects. */
async function attachLinked(db: Db, objects: HsdsObject[], ids: string[]): Promise<void> {
  const attributes = groupBy(
    await build(db, ATTRIBUTE, await rowsWhere(db, "attribute", "link_id", ids)),
    "link_id",
  );
  const metadata = groupBy(
    await build(db, METADATA, await rowsWhere(db, "metadata", "resource_id", ids)),
    "resource_id",
  );
  for (const o of objects) {
    const a = attributes.get(o.id as string);
    const m = metadata.get(o.id as string);
    if (a) o.attributes = a;
    if (m) o.metadata = m;
  }
}

async function compile(db: Db, shape: Shape, ids: readonly string[]): Promise<HsdsObject[]> {
  const objects = await build(db, shape, await rowsWhere(db, shape.table, "id", ids));
  const byId = new Map(objects.map((o) => [o.id as string, o]));
  return ids.map((id) => byId.get(id)).filter((o): o is HsdsObject => o !== undefined);
}

/** HSDS services in the order of `ids` (missing ids left out); `full` nests everything. */
export function compileServices(db: Db, ids: readonly string[], opts: { full: boolean }) {
  return compile(db, opts.full ? SERVICE_FULL : SERVICE_LIST, ids);
}

/** HSDS organizations; `full` nests their locations, programs, services and the rest. */
export function compileOrganizations(db: Db, ids: readonly string[], opts: { full: boolean }) {
  return compile(db, opts.full ? ORGANIZATION_FULL : { table: "organization" }, ids);
}

/**
 * HSDS organizations with their contacts, phones, programs and the rest, but not their
 * locations and services: an export writes those on their own, a batch at a time.
 */
export function compileOrganizationRecords(db: Db, ids: readonly string[]) {
  return compile(db, ORGANIZATION_RECORD, ids);
}

/** HSDS service_at_location objects; the list form nests the bare location and service. */
export async function compileServiceAtLocations(
  db: Db,
  ids: readonly string[],
  opts: { full: boolean },
) {
  if (!opts.full) return compile(db, SAL_LIST, ids);
  const sals = await compile(db, SAL_FULL, ids);
  const services = await compile(db, { ...SERVICE_FULL, lists: withoutSals() }, serviceIdsOf(sals));
  const byId = new Map(services.map((s) => [s.id as string, s]));
  for (const sal of sals) {
    const service = byId.get(sal.service_id as string);
    if (service) sal.service = service;
  }
  return sals;
}

/** A full service inside its own service_at_location does not repeat its other places. */
function withoutSals(): NonNullable<Shape["lists"]> {
  const { service_at_locations: _, ...rest } = SERVICE_FULL.lists ?? {};
  return rest;
}

const serviceIdsOf = (sals: HsdsObject[]) =>
  sals.map((s) => s.service_id).filter((v): v is string => typeof v === "string");

/** HSDS taxonomy terms, each with its taxonomy as `taxonomy_detail`. */
export function compileTaxonomyTerms(db: Db, ids: readonly string[]) {
  return compile(db, TERM, ids);
}

export function compileTaxonomies(db: Db, ids: readonly string[]) {
  return compile(db, TAXONOMY, ids);
}

/** A full location (for locations no organization holds). */
export function compileLocations(db: Db, ids: readonly string[]) {
  return compile(db, LOCATION_FULL, ids);
}
