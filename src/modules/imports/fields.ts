// What an import may hold: pure data, shared with the web client (no parser, no I/O).

export const IMPORT_LIMITS = {
  /** The file, decoded from base64. */
  maxBytes: 2 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  maxRows: 5000,
  maxColumns: 200,
  /** Problems listed in one report; the counts always cover every row. */
  maxProblemsListed: 500,
} as const;

export const IMPORT_KINDS = ["needs", "volunteers"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const NEED_FIELDS = [
  "description",
  "category",
  "urgency",
  "householdSize",
  "languages",
  "locationText",
  "lat",
  "lng",
  "contactName",
  "contactEmail",
  "contactPhone",
  "sensitiveNotes",
  "createdAt",
] as const;
export type NeedField = (typeof NEED_FIELDS)[number];

export const VOLUNTEER_FIELDS = ["name", "email", "phone", "languages"] as const;
export type VolunteerField = (typeof VOLUNTEER_FIELDS)[number];

export const TARGETS = ["ignore", ...NEED_FIELDS, "name", "email", "phone"] as const;
export type Target = (typeof TARGETS)[number];

/** Fields several columns may feed (their texts are joined); every other field takes one column. */
export const MULTI_COLUMN_FIELDS: readonly Target[] = [
  "description",
  "locationText",
  "sensitiveNotes",
];

export const FIELDS_OF: Record<ImportKind, readonly Target[]> = {
  needs: NEED_FIELDS,
  volunteers: VOLUNTEER_FIELDS,
};

/** Without these mapped, nothing can be imported. */
export const REQUIRED_FIELDS: Record<ImportKind, readonly Target[]> = {
  needs: ["description"],
  volunteers: ["name", "email"],
};
