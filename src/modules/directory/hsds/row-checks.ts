// What the importer checks on each row before anything is written, built from HSDS_TABLES:
// required fields, value kinds and formats, the service status list, coordinates, opening
// times. Pure: references between records are checked by store.ts, which sees all of them.
import { latLngToCell } from "h3-js";
import { HSDS_TABLES, type HsdsField, type HsdsTableName } from "./tables";
import type { HsdsProblem, HsdsRow } from "./tabular";

type Spec = (typeof HSDS_TABLES)[number];
const SPECS = new Map<string, Spec>(HSDS_TABLES.map((t) => [t.name, t]));

export const SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

export type RowIssue = Pick<HsdsProblem, "severity" | "code" | "message"> & {
  field: string;
  params?: Record<string, string | number>;
};

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a value does not fit its field's kind, or null when it does. */
function kindIssue(field: HsdsField, value: unknown): string | null {
  if (field.kind === "number")
    return typeof value === "number" && Number.isFinite(value) ? null : "not_a_number";
  if (typeof value !== "string") return "expected_text";
  switch (field.kind) {
    case "uuid":
      return UUID.test(value) ? null : "invalid_uuid";
    case "date":
      return validDate(value) ? null : "invalid_date";
    case "time":
      return TIME.test(value) ? null : "invalid_time";
    case "datetime":
      return DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? null : "invalid_datetime";
    default:
      return null;
  }
}

const KIND_MESSAGES: Record<string, string> = {
  not_a_number: "must be a number",
  expected_text: "must be text",
  invalid_uuid: "must be a UUID",
  invalid_date: "must be a date (YYYY-MM-DD)",
  invalid_time: "must be a time (HH:MM or HH:MM:SS, 24 h)",
  invalid_datetime: "must be a date and time (ISO 8601)",
};

/** Every problem of one row that can be seen without other rows. */
export function checkRow(table: HsdsTableName, row: HsdsRow): RowIssue[] {
  const spec = SPECS.get(table) as Spec;
  const issues: RowIssue[] = [];
  for (const field of spec.fields) {
    const value = row[field.name];
    const empty = value === undefined || value === null || value === "";
    if (empty) {
      if (field.required) {
        issues.push({
          severity: "error",
          code: "missing_required",
          field: field.name,
          message: `${field.name} is required`,
          params: { field: field.name },
        });
      }
      continue;
    }
    const code = kindIssue(field, value);
    if (code) {
      issues.push({
        severity: "error",
        code,
        field: field.name,
        message: `${field.name} ${KIND_MESSAGES[code]}`,
        params: { field: field.name, value: String(value).slice(0, 80) },
      });
    }
  }
  if (
    table === "service" &&
    typeof row.status === "string" &&
    !SERVICE_STATUSES.includes(row.status)
  ) {
    issues.push({
      severity: "error",
      code: "invalid_status",
      field: "status",
      message: `status must be one of ${SERVICE_STATUSES.join(", ")}`,
      params: { value: row.status.slice(0, 80) },
    });
  }
  if (
    table === "schedule" &&
    row.mutuo_closed !== undefined &&
    typeof row.mutuo_closed !== "boolean"
  ) {
    issues.push({
      severity: "error",
      code: "not_a_boolean",
      field: "x_mutuo_closed",
      message: "x_mutuo_closed must be true or false",
      params: { field: "x_mutuo_closed" },
    });
  }
  if (table === "location") issues.push(...coordinateIssues(row));
  return issues;
}

function coordinateIssues(row: HsdsRow): RowIssue[] {
  const { latitude: lat, longitude: lng } = row;
  if (typeof lat !== "number" || typeof lng !== "number") return [];
  if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) return [];
  return [
    {
      severity: "warning",
      code: "coordinates_out_of_range",
      field: Math.abs(lat) > 90 ? "latitude" : "longitude",
      message: `latitude ${lat}, longitude ${lng} is not a point on Earth: the location is kept but not placed on maps`,
      params: { latitude: lat, longitude: lng },
    },
  ];
}

/** Mutuo's map columns of a location: placed only at a real point (in range, not 0,0). */
export function placement(row: HsdsRow): {
  mutuo_placed: boolean;
  mutuo_h3_r7: string | null;
  mutuo_h3_r8: string | null;
  mutuo_h3_r9: string | null;
} {
  const { latitude: lat, longitude: lng } = row;
  const placed =
    typeof lat === "number" &&
    typeof lng === "number" &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180 &&
    !(lat === 0 && lng === 0);
  if (!placed)
    return { mutuo_placed: false, mutuo_h3_r7: null, mutuo_h3_r8: null, mutuo_h3_r9: null };
  return {
    mutuo_placed: true,
    mutuo_h3_r7: latLngToCell(lat, lng, 7),
    mutuo_h3_r8: latLngToCell(lat, lng, 8),
    mutuo_h3_r9: latLngToCell(lat, lng, 9),
  };
}
