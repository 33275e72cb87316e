// Request and response shapes of spreadsheet imports (also imported by the web client).
import { z } from "zod";
import { CATEGORY_IDS, URGENCIES } from "../exchange/categories";
import { IMPORT_KINDS, IMPORT_LIMITS, TARGETS } from "./model";

/** Base64 of the largest file, with room for padding; a longer body is refused by size. */
export const MAX_FILE_BASE64 = Math.ceil(IMPORT_LIMITS.maxBytes / 3) * 4 + 4;
/** The route's body limit: a little over the largest file in base64 (and a mapping). */
export const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

export const importParams = z.strictObject({ groupId: z.uuid() });

const fileRequest = {
  kind: z.enum(IMPORT_KINDS),
  /** The CSV file's bytes, base64: the server checks the encoding itself. */
  file: z.string().min(1).max(IMPORT_BODY_LIMIT),
};

/** Step 1: the file's columns, with a guess at what each holds. */
export const importColumnsRequest = z.strictObject(fileRequest);

const valueText = z.string().max(200);

export const importMappingRequest = z.strictObject({
  ...fileRequest,
  /** One target per column of the file, in order ("ignore" leaves a column out). */
  mapping: z.array(z.enum(TARGETS)).min(1).max(IMPORT_LIMITS.maxColumns),
  /** Month-first (US) or day-first dates; guessed from the file when absent. */
  dateOrder: z.enum(["mdy", "dmy"]).optional(),
  /** A coordinator's choice for free-text values, by the text as the report shows it. */
  values: z
    .strictObject({
      category: z.record(valueText, z.enum(CATEGORY_IDS)).optional(),
      urgency: z.record(valueText, z.enum(URGENCIES)).optional(),
    })
    .optional(),
});
export type ImportMappingRequest = z.infer<typeof importMappingRequest>;

/** Step 3: write. `expectedCount` is the dry run's "would create": if it changed, nothing is written. */
export const importConfirmRequest = importMappingRequest.extend({
  expectedCount: z.number().int().min(0).max(IMPORT_LIMITS.maxRows),
});
export type ImportConfirmRequest = z.infer<typeof importConfirmRequest>;

// ---- responses ----

export const importColumnsResponse = z.object({
  kind: z.enum(IMPORT_KINDS),
  rowCount: z.number().int(),
  delimiter: z.enum([",", ";", "\t"]),
  dateOrder: z.enum(["mdy", "dmy"]),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      /** The first value in the column, shortened: enough to recognise it. */
      sample: z.string(),
      guess: z.enum(TARGETS),
    }),
  ),
});
export type ImportColumnsView = z.infer<typeof importColumnsResponse>;

const valueChoice = z.object({
  /** The text as the file has it (normalised: the key for `values`). */
  text: z.string(),
  count: z.number().int(),
  mapsTo: z.string(),
  /** Guessed from words, or fallen back to the default: worth a look. */
  guessed: z.boolean(),
});

export const importReportResponse = z.object({
  kind: z.enum(IMPORT_KINDS),
  dryRun: z.boolean(),
  dateOrder: z.enum(["mdy", "dmy"]),
  counts: z.object({
    rows: z.number().int(),
    /** Needs (or invitations) created — or that would be, in a dry run. */
    create: z.number().int(),
    duplicate: z.number().int(),
    /** Already members of the group (volunteers). */
    existing: z.number().int(),
    invalid: z.number().int(),
    warnings: z.number().int(),
  }),
  problems: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      code: z.string(),
      severity: z.enum(["error", "warning"]),
      message: z.string(),
    }),
  ),
  /** Problems not listed (the counts include them). */
  problemsNotListed: z.number().int(),
  values: z.object({ category: z.array(valueChoice), urgency: z.array(valueChoice) }),
  /** After a real import of volunteers: invitations whose email could not be sent. */
  emailsFailed: z.number().int().optional(),
});
export type ImportReportView = z.infer<typeof importReportResponse>;
