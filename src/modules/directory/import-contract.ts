// The admins' directory import over HTTP, shared with the web client: inspect a file, dry-run
// it, confirm it. The spreadsheet mapping (column → HSDS target) is also the JSON file format of
// `mutuo import csv --mapping` (docs/decisions/0026-directory-spreadsheet-and-ohana-import.md).
import { z } from "zod";
import { CATEGORY_CODES } from "./taxonomy";

export const DIRECTORY_IMPORT_LIMITS = {
  /** The uploaded file, decoded. */
  maxBytes: 20 * 1024 * 1024,
  /** Data rows of a spreadsheet (the header row not counted). */
  maxRows: 50_000,
  maxColumns: 200,
  /** Problems listed in one report; the counts always cover every record. */
  maxProblemsListed: 500,
} as const;
export const MAX_FILE_BASE64 = Math.ceil(DIRECTORY_IMPORT_LIMITS.maxBytes / 3) * 4 + 4;
/** The JSON body around the file: mapping and options are small. */
export const DIRECTORY_IMPORT_BODY_LIMIT = MAX_FILE_BASE64 + 256 * 1024;

/** What a spreadsheet column can become. Requirement columns hold yes/no answers. */
export const SHEET_TARGETS = [
  "ignore",
  "id",
  "organization_name",
  "service_name",
  "description",
  "address_1",
  "address_2",
  "city",
  "state_province",
  "postal_code",
  "country",
  "latitude",
  "longitude",
  "phone",
  "email",
  "website",
  "hours",
  "languages",
  "category",
  "id_required",
  "proof_of_address_required",
  "income_proof_required",
  "appointment_required",
  "walk_in",
  "free",
  "notes",
] as const;
export type SheetTarget = (typeof SHEET_TARGETS)[number];
/** Targets several columns may feed (their texts are joined). */
export const MULTI_COLUMN_TARGETS: readonly SheetTarget[] = ["description", "notes"];

export const sheetMapping = z.strictObject({
  /** Names this spreadsheet in ids, so two lists with the same row ids do not collide. */
  source: z.string().trim().max(100).optional(),
  /** Header text → target; unmapped columns are ignored. */
  columns: z.record(z.string().max(500), z.enum(SHEET_TARGETS)),
  /** Values used when a row's cell is empty (or no column holds them). */
  defaults: z
    .strictObject({
      city: z.string().trim().max(200).optional(),
      state_province: z.string().trim().max(100).optional(),
      postal_code: z.string().trim().max(20).optional(),
      country: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/)
        .optional(),
      category: z.enum(CATEGORY_CODES).optional(),
    })
    .optional(),
  /** A category text (as written in the file) → a Mutuo category, chosen on the mapping screen. */
  categories: z.record(z.string().max(500), z.enum(CATEGORY_CODES)).optional(),
});
export type SheetMapping = z.infer<typeof sheetMapping>;

export const IMPORT_FORMATS = ["hsds-json", "hsds-ndjson", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const fileFields = {
  fileName: z.string().trim().min(1).max(300),
  /** The file's bytes, base64 (a data: URL prefix is accepted). */
  file: z
    .string()
    .min(1)
    .max(MAX_FILE_BASE64 + 200),
};

export const inspectRequest = z.strictObject(fileFields);

export const inspectResponse = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** For a spreadsheet: each column with a few sample values and what it probably holds. */
  columns: z.array(
    z.object({ name: z.string(), samples: z.array(z.string()), guess: z.enum(SHEET_TARGETS) }),
  ),
  rows: z.number().int(),
});
export type InspectView = z.infer<typeof inspectResponse>;

export const importRequest = z.strictObject({
  ...fileFields,
  format: z.enum(IMPORT_FORMATS),
  mapping: sheetMapping.optional(),
  /** IANA time zone of the imported locations' hours; the directory default when absent. */
  timeZone: z.string().trim().min(1).max(64).optional(),
  skipInvalid: z.boolean().optional(),
});
export type ImportRequest = z.infer<typeof importRequest>;

export const importConfirmRequest = importRequest.extend({
  /** The dry run's digest: a different file or mapping is refused (409) instead of written. */
  expectedDigest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ImportConfirmRequest = z.infer<typeof importConfirmRequest>;

const reportProblem = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  /** Translated for the viewer. */
  text: z.string(),
  table: z.string().nullable(),
  file: z.string().nullable(),
  pointer: z.string(),
  /** The spreadsheet row (header = 1), when the problem is a CSV row's. */
  row: z.number().int().nullable(),
});

export const importReportResponse = z.object({
  dryRun: z.boolean(),
  importId: z.string().nullable(),
  digest: z.string(),
  /** Records per HSDS table. */
  created: z.record(z.string(), z.number().int()),
  updated: z.record(z.string(), z.number().int()),
  services: z.object({ created: z.number().int(), updated: z.number().int() }),
  rejectedCount: z.number().int(),
  warningCount: z.number().int(),
  /** Listed up to DIRECTORY_IMPORT_LIMITS.maxProblemsListed. */
  rejected: z.array(reportProblem),
  warnings: z.array(reportProblem),
  /** A category text of the file no rule knows (choose one in the mapping to import those rows). */
  unknownCategories: z.array(z.string()),
  /** Some imported services, to link to. */
  serviceIds: z.array(z.string()),
});
export type ImportReportView = z.infer<typeof importReportResponse>;

/** Imports are listed newest first, this many to a page. */
export const IMPORT_HISTORY_PER_PAGE = 10;

export const importHistoryQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

/**
 * What became of an import: `refused` (errors, nothing written), `failed` (an error stopped it;
 * a streamed import keeps the batches it had committed), `interrupted` (stopped on purpose, or
 * its process died: no progress for a while), `running`, `applied`.
 */
export const IMPORT_OUTCOMES = ["running", "applied", "refused", "failed", "interrupted"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const importHistoryItem = z.object({
  id: z.string(),
  source: z.string(),
  format: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The last committed batch (or the end). */
  updatedAt: z.string(),
  /** Who started it from the web; null for the command line. */
  startedBy: z.string().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  /** Records written and committed, of those the import was to write. */
  recordsDone: z.number().int(),
  recordsTotal: z.number().int().nullable(),
  /** A later import of the same file that finished what this one left undone. */
  completedBy: z.object({ id: z.string(), finishedAt: z.string().nullable() }).nullable(),
});
export type ImportHistoryItem = z.infer<typeof importHistoryItem>;

export const importHistoryResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  imports: z.array(importHistoryItem),
});
export type ImportHistoryView = z.infer<typeof importHistoryResponse>;
