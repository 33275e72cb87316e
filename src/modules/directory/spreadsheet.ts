// A list of places (pantries, clinics…) from any spreadsheet, turned into HSDS records with a
// mapping (column → target, defaults, category choices). Each row becomes an organization (shared
// by rows with the same organization name), a service, its location, address, phone, hours,
// languages and Mutuo terms. Ids come from the row's key, so importing the file again updates.
// Format and rules: docs/decisions/0026-directory-spreadsheet-and-ohana-import.md.
import { normalise, numberOf } from "../imports/model";
import type { FlatRecords, HsdsProblem, HsdsRow } from "./hsds/tabular";
import {
  type CsvLimits,
  csvProblem,
  readCsvTable,
  splitLanguages,
  stableId,
} from "./import-common";
import {
  DIRECTORY_IMPORT_LIMITS,
  MULTI_COLUMN_TARGETS,
  type SheetMapping,
  type SheetTarget,
} from "./import-contract";
import { parseHours } from "./schedule/parse";
import { ACCESS_OF, categoryOfText, EMAIL, guessTargets, yesNo } from "./spreadsheet-columns";
import { type CategoryCode, TERM_BY_CODE } from "./taxonomy";

export type SheetFailure = { code: string; params: Record<string, string | number> };
export type SheetResult =
  | {
      ok: true;
      records: FlatRecords;
      problems: HsdsProblem[];
      /** Category texts no rule or choice maps: the mapping screen asks about these. */
      unknownCategories: string[];
      rows: number;
    }
  | ({ ok: false } & SheetFailure);

/** A file's columns, a few samples each, and the guesses (for the mapping screen). */
export function inspectSpreadsheet(
  bytes: Uint8Array,
):
  | { ok: true; rows: number; columns: { name: string; samples: string[]; guess: SheetTarget }[] }
  | ({ ok: false } & SheetFailure) {
  const read = readCsvTable(bytes, DIRECTORY_IMPORT_LIMITS);
  if (!read.ok) return read;
  const { header, rows } = read.table;
  const guesses = guessTargets(header);
  const columns = header.map((name, i) => {
    const samples = rows
      .map((r) => (r.cells[i] ?? "").trim())
      .filter(Boolean)
      .slice(0, 3);
    return { name, samples, guess: guesses[i] ?? ("ignore" as const) };
  });
  return { ok: true, rows: rows.length, columns };
}

// ---- rows → records ----

type Cells = (target: SheetTarget) => string;

interface RowContext {
  file: string;
  row: number;
  problems: HsdsProblem[];
  mapping: SheetMapping;
  columnOf: Map<SheetTarget, string[]>;
}

function rowProblem(
  ctx: RowContext,
  severity: HsdsProblem["severity"],
  target: SheetTarget | null,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): void {
  const column = target ? (ctx.columnOf.get(target)?.[0] ?? target) : null;
  ctx.problems.push(
    csvProblem(severity, ctx.file, ctx.row, column, code, `row ${ctx.row}: ${message}`, params),
  );
}

/**
 * Reads a spreadsheet with a mapping. File-level failures (encoding, size, a mapped column the
 * file lacks) return ok: false; row problems are errors (the row is rejected) or warnings.
 */
export function readSpreadsheet(
  bytes: Uint8Array,
  file: string,
  mapping: SheetMapping,
  limits: CsvLimits = DIRECTORY_IMPORT_LIMITS,
): SheetResult {
  const read = readCsvTable(bytes, limits);
  if (!read.ok) return read;
  const { header, rows } = read.table;
  const checked = checkMapping(header, mapping);
  if (!checked.ok) return checked;
  const records = emptyRecords();
  const problems: HsdsProblem[] = [];
  const unknownCategories = new Set<string>();
  const seenKeys = new Map<string, number>();
  const orgs = new Set<string>();
  for (const { row, cells } of rows) {
    const ctx: RowContext = { file, row, problems, mapping, columnOf: checked.columnOf };
    const get: Cells = (target) =>
      checked.indexes
        .filter(([t]) => t === target)
        .map(([, i]) => (cells[i] ?? "").trim())
        .filter(Boolean)
        .join("\n\n");
    const out = readRow(get, ctx, unknownCategories);
    if (!out) continue;
    const first = seenKeys.get(out.key);
    if (first !== undefined) {
      rowProblem(ctx, "error", "id", "csv_duplicate_row", `same key as row ${first}`, { first });
      continue;
    }
    seenKeys.set(out.key, row);
    if (!orgs.has(out.organization.id as string)) {
      orgs.add(out.organization.id as string);
      records.organization.push(out.organization);
    }
    for (const [table, list] of Object.entries(out.children) as [SheetTable, HsdsRow[]][]) {
      records[table].push(...list);
    }
  }
  return {
    ok: true,
    records,
    problems,
    unknownCategories: [...unknownCategories],
    rows: rows.length,
  };
}

type SheetTable =
  | "organization"
  | "service"
  | "location"
  | "service_at_location"
  | "address"
  | "phone"
  | "schedule"
  | "language"
  | "attribute";

function emptyRecords(): Record<SheetTable, HsdsRow[]> {
  return {
    organization: [],
    service: [],
    location: [],
    service_at_location: [],
    address: [],
    phone: [],
    schedule: [],
    language: [],
    attribute: [],
  };
}

/** Every mapped column must exist; a single-column target may be mapped once; a name is needed. */
function checkMapping(
  header: readonly string[],
  mapping: SheetMapping,
):
  | { ok: true; indexes: [SheetTarget, number][]; columnOf: Map<SheetTarget, string[]> }
  | ({ ok: false } & SheetFailure) {
  const indexes: [SheetTarget, number][] = [];
  const columnOf = new Map<SheetTarget, string[]>();
  for (const [column, target] of Object.entries(mapping.columns)) {
    if (target === "ignore") continue;
    const at = header.indexOf(column.trim());
    if (at < 0) return { ok: false, code: "csv_missing_column", params: { column } };
    const had = columnOf.get(target) ?? [];
    if (had.length > 0 && !MULTI_COLUMN_TARGETS.includes(target)) {
      return { ok: false, code: "csv_target_twice", params: { target, column } };
    }
    columnOf.set(target, [...had, column]);
    indexes.push([target, at]);
  }
  if (!columnOf.has("organization_name") && !columnOf.has("service_name")) {
    return { ok: false, code: "csv_no_name_column", params: {} };
  }
  if (!columnOf.has("address_1") && !(columnOf.has("latitude") && columnOf.has("longitude"))) {
    return { ok: false, code: "csv_no_place_column", params: {} };
  }
  return { ok: true, indexes, columnOf };
}

interface RowRecords {
  key: string;
  organization: HsdsRow;
  children: Partial<Record<SheetTable, HsdsRow[]>>;
}

/** One row: null (with problems recorded) when it cannot become a listing. */
function readRow(get: Cells, ctx: RowContext, unknown: Set<string>): RowRecords | null {
  const before = ctx.problems.length;
  const orgName = get("organization_name") || get("service_name");
  const serviceName = get("service_name") || orgName;
  if (!orgName) rowProblem(ctx, "error", "organization_name", "csv_missing_name", "no name");
  const place = readPlace(get, ctx);
  const category = readCategory(get, ctx, unknown);
  const hours = get("hours") ? parseHours(get("hours")) : { rules: [], problems: [] };
  if (hours.problems.length > 0) {
    rowProblem(
      ctx,
      "error",
      "hours",
      "csv_hours_unreadable",
      `cannot read hours "${get("hours")}"`,
      {
        value: get("hours"),
      },
    );
  }
  if (ctx.problems.slice(before).some((p) => p.severity === "error") || !place) return null;

  const source = ctx.mapping.source ? `${normalise(ctx.mapping.source)}:` : "";
  const key = get("id")
    ? `id:${get("id")}`
    : `row:${normalise(orgName)}|${normalise(serviceName)}|${normalise(get("address_1"))}|${normalise(get("postal_code"))}`;
  const idOf = (table: string, suffix = "") => stableId(`csv:${source}${table}:${key}${suffix}`);
  const organizationId = stableId(`csv:${source}organization:${normalise(orgName)}`);
  const serviceId = idOf("service");
  const locationId = idOf("location");
  const description = [get("description"), get("notes")].filter(Boolean).join("\n\n");
  const children: RowRecords["children"] = {
    service: [
      {
        id: serviceId,
        organization_id: organizationId,
        name: serviceName,
        description: description || null,
        email: readEmail(get, ctx),
        url: get("website") || null,
        status: "active",
      },
    ],
    location: [
      {
        id: locationId,
        location_type: "physical",
        organization_id: organizationId,
        name: serviceName,
        latitude: place.latitude,
        longitude: place.longitude,
      },
    ],
    service_at_location: [
      { id: idOf("service_at_location"), service_id: serviceId, location_id: locationId },
    ],
    address: place.address
      ? [{ id: idOf("address"), location_id: locationId, ...place.address }]
      : [],
    phone: get("phone")
      ? [{ id: idOf("phone"), service_id: serviceId, number: get("phone"), type: "voice" }]
      : [],
    schedule: hours.rules.map((rule, i) => ({
      ...rule,
      id: idOf("schedule", `:${i}`),
      service_id: serviceId,
    })),
    language: splitLanguages(get("languages")).map((lang) => ({
      id: idOf("language", `:${normalise(lang.name)}`),
      service_id: serviceId,
      name: lang.name,
      code: lang.code,
    })),
    attribute: termsOf(get, ctx, category).map((code) => ({
      id: idOf("attribute", `:${code}`),
      link_id: serviceId,
      link_type: "service",
      link_entity: "service",
      taxonomy_term_id: TERM_BY_CODE.get(code)?.id,
    })),
  };
  for (const lang of children.language ?? []) {
    if (!lang.code) {
      rowProblem(
        ctx,
        "warning",
        "languages",
        "csv_unknown_language",
        `unknown language "${lang.name}"`,
        {
          value: String(lang.name),
        },
      );
    }
  }
  const organization = { id: organizationId, name: orgName, description: orgName };
  return { key, organization, children };
}

interface Place {
  latitude: number | null;
  longitude: number | null;
  address: HsdsRow | null;
}

/** Coordinates (both or neither, in range) and an address (complete, after defaults). */
function readPlace(get: Cells, ctx: RowContext): Place | null {
  const lat = get("latitude");
  const lng = get("longitude");
  const latitude = lat ? numberOf(lat) : null;
  const longitude = lng ? numberOf(lng) : null;
  let ok = true;
  if (lat && (latitude === null || Math.abs(latitude) > 90)) {
    rowProblem(
      ctx,
      "error",
      "latitude",
      "csv_bad_latitude",
      `latitude "${lat}" is not between -90 and 90`,
      { value: lat },
    );
    ok = false;
  }
  if (lng && (longitude === null || Math.abs(longitude) > 180)) {
    rowProblem(
      ctx,
      "error",
      "longitude",
      "csv_bad_longitude",
      `longitude "${lng}" is not between -180 and 180`,
      { value: lng },
    );
    ok = false;
  }
  if (ok && (latitude === null) !== (longitude === null)) {
    rowProblem(
      ctx,
      "error",
      latitude === null ? "latitude" : "longitude",
      "csv_half_coordinates",
      "only one coordinate",
    );
    ok = false;
  }
  const address = readAddress(get, ctx, latitude !== null);
  if (address === false || !ok) return null;
  return { latitude, longitude, address };
}

/** The address after defaults; null when the row has only coordinates; false when incomplete. */
function readAddress(get: Cells, ctx: RowContext, hasCoordinates: boolean): HsdsRow | null | false {
  const d = ctx.mapping.defaults ?? {};
  const address_1 = get("address_1");
  if (!address_1) {
    if (hasCoordinates) return null;
    rowProblem(ctx, "error", "address_1", "csv_missing_address", "no address and no coordinates");
    return false;
  }
  const fields = {
    city: get("city") || d.city || "",
    state_province: get("state_province") || d.state_province || "",
    postal_code: get("postal_code") || d.postal_code || "",
    country: (get("country") || d.country || "").toUpperCase(),
  };
  const missing = Object.entries(fields).find(([, v]) => !v)?.[0];
  if (missing) {
    rowProblem(
      ctx,
      "error",
      missing as SheetTarget,
      "csv_incomplete_address",
      `the address has no ${missing}`,
      {
        field: missing,
      },
    );
    return false;
  }
  return { address_1, address_2: get("address_2") || null, ...fields, address_type: "physical" };
}

function readCategory(get: Cells, ctx: RowContext, unknown: Set<string>): CategoryCode | null {
  const text = get("category");
  if (!text) return ctx.mapping.defaults?.category ?? null;
  const found = categoryOfText(text, ctx.mapping.categories);
  if (!found) {
    unknown.add(normalise(text));
    rowProblem(ctx, "error", "category", "csv_unknown_category", `unknown category "${text}"`, {
      value: text,
    });
  }
  return found;
}

function readEmail(get: Cells, ctx: RowContext): string | null {
  const email = get("email");
  if (!email) return null;
  if (EMAIL.test(email)) return email;
  rowProblem(
    ctx,
    "warning",
    "email",
    "csv_bad_email",
    `"${email}" is not an email address; left out`,
    { value: email },
  );
  return null;
}

/** The row's Mutuo terms: its category and the access terms its yes/no answers earn. */
function termsOf(get: Cells, ctx: RowContext, category: CategoryCode | null): string[] {
  const codes: string[] = category ? [category] : [];
  for (const [target, rule] of Object.entries(ACCESS_OF) as [
    SheetTarget,
    { code: string; when: boolean },
  ][]) {
    const text = get(target);
    const answer = yesNo(text);
    if (answer === "unclear") {
      rowProblem(
        ctx,
        "warning",
        target,
        "csv_unclear_yes_no",
        `"${text}" is neither yes nor no; ignored`,
        { value: text },
      );
    } else if (answer === rule.when) codes.push(rule.code);
  }
  return codes;
}
