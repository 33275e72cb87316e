// The resource directory: one table per HSDS object (hsds/columns.ts, generated from the
// specification's tabular package; property and column names are HSDS field names), plus
// Mutuo's own columns (marked below) and tables (corrections, import runs).
// HSDS ids are kept as ids. There are no foreign-key constraints between HSDS tables: records
// arrive in any order from other systems, and the importer checks every reference itself
// (docs/decisions/0020-directory-storage.md).
import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { groups } from "../groups/schema";
import {
  accessibilityColumns,
  addressColumns,
  attributeColumns,
  contactColumns,
  costOptionColumns,
  fundingColumns,
  languageColumns,
  locationColumns,
  metadataColumns,
  metaTableDescriptionColumns,
  organizationColumns,
  organizationIdentifierColumns,
  phoneColumns,
  programColumns,
  requiredDocumentColumns,
  scheduleColumns,
  serviceAreaColumns,
  serviceAtLocationColumns,
  serviceCapacityColumns,
  serviceColumns,
  taxonomyColumns,
  taxonomyTermColumns,
  unitColumns,
  urlColumns,
} from "./hsds/columns";

/** Mutuo's bookkeeping on every top-level record: when it arrived and last changed here. */
const stamps = {
  mutuo_created_at: timestamp("mutuo_created_at", { withTimezone: true }).notNull().defaultNow(),
  mutuo_updated_at: timestamp("mutuo_updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const hsdsOrganization = pgTable(
  "hsds_organization",
  {
    ...organizationColumns,
    // Mutuo: the partner group whose coordinators may edit this organization's listings.
    mutuo_steward_group_id: uuid("mutuo_steward_group_id").references(() => groups.id, {
      onDelete: "set null",
    }),
    // Mutuo: a test or example record of the source (kept, never shown in search).
    mutuo_test: boolean("mutuo_test").notNull().default(false),
    ...stamps,
  },
  (t) => [
    index("hsds_organization_steward").on(t.mutuo_steward_group_id),
    index("hsds_organization_parent").on(t.parent_organization_id),
  ],
);

export const hsdsProgram = pgTable("hsds_program", programColumns, (t) => [
  index("hsds_program_organization").on(t.organization_id),
]);

export const hsdsService = pgTable(
  "hsds_service",
  {
    ...serviceColumns,
    // Mutuo: lower-cased, accent-free text of the service, its organization and its terms
    // (with their Spanish and English names), for search. Kept by search-doc.ts.
    mutuo_search_doc: text("mutuo_search_doc").notNull().default(""),
    // Mutuo: when someone last confirmed the listing is true (stale after 180 days).
    mutuo_verified_at: timestamp("mutuo_verified_at", { withTimezone: true }),
    mutuo_verified_by: uuid("mutuo_verified_by").references(() => users.id, {
      onDelete: "set null",
    }),
    mutuo_test: boolean("mutuo_test").notNull().default(false),
    ...stamps,
  },
  (t) => [
    index("hsds_service_organization").on(t.organization_id),
    index("hsds_service_program").on(t.program_id),
    index("hsds_service_last_modified").on(t.last_modified),
    index("hsds_service_verified").on(t.mutuo_verified_at),
  ],
);

export const hsdsLocation = pgTable(
  "hsds_location",
  {
    ...locationColumns,
    // Mutuo: the IANA time zone its schedules are read in (HSDS has only a number offset).
    mutuo_time_zone: text("mutuo_time_zone"),
    // Mutuo: true when latitude/longitude are a real point (in range, not 0,0): only then is
    // the location on maps and in "near me". Out-of-range values are kept as received.
    mutuo_placed: boolean("mutuo_placed").notNull().default(false),
    mutuo_h3_r7: text("mutuo_h3_r7"),
    mutuo_h3_r8: text("mutuo_h3_r8"),
    mutuo_h3_r9: text("mutuo_h3_r9"),
    mutuo_test: boolean("mutuo_test").notNull().default(false),
    ...stamps,
  },
  (t) => [
    index("hsds_location_organization").on(t.organization_id),
    index("hsds_location_h3_r7").on(t.mutuo_h3_r7),
    index("hsds_location_earth")
      .using("gist", sql`ll_to_earth(${t.latitude}, ${t.longitude})`)
      .where(sql`${t.mutuo_placed}`),
  ],
);

export const hsdsServiceAtLocation = pgTable(
  "hsds_service_at_location",
  serviceAtLocationColumns,
  (t) => [index("hsds_sal_service").on(t.service_id), index("hsds_sal_location").on(t.location_id)],
);

export const hsdsAddress = pgTable("hsds_address", addressColumns, (t) => [
  index("hsds_address_location").on(t.location_id),
]);

export const hsdsPhone = pgTable("hsds_phone", phoneColumns, (t) => [
  index("hsds_phone_service").on(t.service_id),
  index("hsds_phone_location").on(t.location_id),
  index("hsds_phone_organization").on(t.organization_id),
  index("hsds_phone_contact").on(t.contact_id),
  index("hsds_phone_sal").on(t.service_at_location_id),
]);

export const hsdsContact = pgTable("hsds_contact", contactColumns, (t) => [
  index("hsds_contact_organization").on(t.organization_id),
  index("hsds_contact_service").on(t.service_id),
  index("hsds_contact_sal").on(t.service_at_location_id),
  index("hsds_contact_location").on(t.location_id),
]);

export const hsdsSchedule = pgTable(
  "hsds_schedule",
  {
    ...scheduleColumns,
    // Mutuo: a closure (a holiday, a closed week): closed during its dates/times, whatever the
    // regular hours say. Exported as an HSDS schedule with this extension field.
    mutuo_closed: boolean("mutuo_closed").notNull().default(false),
  },
  (t) => [
    index("hsds_schedule_service").on(t.service_id),
    index("hsds_schedule_location").on(t.location_id),
    index("hsds_schedule_sal").on(t.service_at_location_id),
  ],
);

export const hsdsFunding = pgTable("hsds_funding", fundingColumns, (t) => [
  index("hsds_funding_organization").on(t.organization_id),
  index("hsds_funding_service").on(t.service_id),
]);

export const hsdsServiceArea = pgTable("hsds_service_area", serviceAreaColumns, (t) => [
  index("hsds_service_area_service").on(t.service_id),
]);

export const hsdsRequiredDocument = pgTable(
  "hsds_required_document",
  requiredDocumentColumns,
  (t) => [index("hsds_required_document_service").on(t.service_id)],
);

export const hsdsLanguage = pgTable("hsds_language", languageColumns, (t) => [
  index("hsds_language_service").on(t.service_id),
  index("hsds_language_location").on(t.location_id),
  index("hsds_language_phone").on(t.phone_id),
  index("hsds_language_code").on(t.code, t.service_id),
]);

export const hsdsAccessibility = pgTable("hsds_accessibility", accessibilityColumns, (t) => [
  index("hsds_accessibility_location").on(t.location_id),
]);

export const hsdsTaxonomy = pgTable("hsds_taxonomy", taxonomyColumns);

export const hsdsTaxonomyTerm = pgTable("hsds_taxonomy_term", taxonomyTermColumns, (t) => [
  index("hsds_taxonomy_term_taxonomy").on(t.taxonomy_id),
  index("hsds_taxonomy_term_parent").on(t.parent_id),
  index("hsds_taxonomy_term_code").on(t.code),
]);

export const hsdsAttribute = pgTable("hsds_attribute", attributeColumns, (t) => [
  index("hsds_attribute_link").on(t.link_id),
  index("hsds_attribute_term").on(t.taxonomy_term_id, t.link_id),
]);

export const hsdsMetadata = pgTable("hsds_metadata", metadataColumns, (t) => [
  index("hsds_metadata_resource").on(t.resource_id),
]);

export const hsdsMetaTableDescription = pgTable(
  "hsds_meta_table_description",
  metaTableDescriptionColumns,
);

export const hsdsCostOption = pgTable("hsds_cost_option", costOptionColumns, (t) => [
  index("hsds_cost_option_service").on(t.service_id),
]);

export const hsdsOrganizationIdentifier = pgTable(
  "hsds_organization_identifier",
  organizationIdentifierColumns,
  (t) => [index("hsds_organization_identifier_organization").on(t.organization_id)],
);

export const hsdsUnit = pgTable("hsds_unit", unitColumns);

export const hsdsServiceCapacity = pgTable("hsds_service_capacity", serviceCapacityColumns, (t) => [
  index("hsds_service_capacity_service").on(t.service_id),
]);

export const hsdsUrl = pgTable("hsds_url", urlColumns, (t) => [
  index("hsds_url_organization").on(t.organization_id),
  index("hsds_url_service").on(t.service_id),
]);

/** Every HSDS table by its HSDS name, for generic import and export. */
export const HSDS_DB_TABLES = {
  organization: hsdsOrganization,
  program: hsdsProgram,
  service: hsdsService,
  attribute: hsdsAttribute,
  service_at_location: hsdsServiceAtLocation,
  location: hsdsLocation,
  phone: hsdsPhone,
  contact: hsdsContact,
  address: hsdsAddress,
  schedule: hsdsSchedule,
  funding: hsdsFunding,
  service_area: hsdsServiceArea,
  required_document: hsdsRequiredDocument,
  language: hsdsLanguage,
  accessibility: hsdsAccessibility,
  taxonomy_term: hsdsTaxonomyTerm,
  metadata: hsdsMetadata,
  meta_table_description: hsdsMetaTableDescription,
  cost_option: hsdsCostOption,
  organization_identifier: hsdsOrganizationIdentifier,
  taxonomy: hsdsTaxonomy,
  unit: hsdsUnit,
  service_capacity: hsdsServiceCapacity,
  url: hsdsUrl,
} as const;

// Every word of the services' search documents (search-doc.ts keeps it): a visitor's misspelt
// word is corrected against this short list (trigram index) before the documents are searched,
// so typo-tolerant search costs a lookup here instead of a similarity over every document.
export const directoryWords = pgTable(
  "directory_words",
  { word: text("word").primaryKey() },
  (t) => [index("directory_words_trgm").using("gin", sql`${t.word} gin_trgm_ops`)],
);

// One row per service at a place (HSDS service_at_location), or per service without a place: the
// search's whole view of a listing in one row (search-rows.ts keeps it from the hsds_* tables,
// in the same transaction as every write to them). A search reads this table alone — one GiST
// scan near a point, words tested on the rows it finds — instead of joining six tables per
// candidate (docs/decisions/0028-directory-search-performance.md).
export const directorySearch = pgTable(
  "directory_search",
  {
    /** The service_at_location's id, or the service's own when it has no place. */
    id: uuid("id").primaryKey(),
    service_id: uuid("service_id").notNull(),
    sal_id: uuid("sal_id"),
    location_id: uuid("location_id"),
    organization_id: uuid("organization_id"),
    /** Service status is active. */
    active: boolean("active").notNull(),
    /** The service, its organization or its place is a test record of its source. */
    test: boolean("test").notNull(),
    /** The place has coordinates (hsds_location.mutuo_placed). */
    placed: boolean("placed").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** hsds_service.mutuo_search_doc. */
    doc: text("doc").notNull(),
    /** lower(unaccent(service name)): a word found here scores. */
    name_key: text("name_key").notNull(),
    name: text("name").notNull(),
    /** Languages spoken at the service or at the place. */
    languages: text("languages").array().notNull(),
    /** Taxonomy terms of the service (hsds_attribute, link_entity service). */
    term_ids: uuid("term_ids").array().notNull(),
    time_zone: text("time_zone"),
    /** The schedule rules that decide its hours (search.ts rulesFor), as ScheduleRule objects. */
    rules: jsonb("rules").notNull(),
  },
  (t) => [
    index("directory_search_earth")
      .using("gist", sql`ll_to_earth(${t.latitude}, ${t.longitude})`)
      .where(sql`${t.placed} and not ${t.test}`),
    index("directory_search_service").on(t.service_id),
    index("directory_search_location").on(t.location_id),
    index("directory_search_sal").on(t.sal_id),
    index("directory_search_organization").on(t.organization_id),
  ],
);

// What a streamed import changed, one row per committed batch, until the import's end rebuilds
// the documents and search rows of all of it at once (search-doc.ts `flushSearchRefresh`; also
// run at start, for an import that stopped half-way).
export const directorySearchPending = pgTable("directory_search_pending", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** A SearchRowScope: { serviceIds, organizationIds, locationIds, salIds }. */
  scope: jsonb("scope").notNull(),
});

export type SuggestionStatus = "open" | "accepted" | "dismissed";

// A correction anyone may suggest for a listing ("the hours are wrong"), queued for review by
// the listing's stewards or the network's admins. The optional email is shown only to them.
export const directorySuggestions = pgTable(
  "directory_suggestions",
  {
    id: uuid("id").primaryKey(),
    service_id: uuid("service_id").notNull(),
    /** What it is about: hours, phone, address, requirements, closed, other. */
    topic: text("topic").notNull(),
    message: text("message").notNull(),
    email: text("email"),
    language: text("language").notNull(),
    suggested_by: uuid("suggested_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<SuggestionStatus>().notNull().default("open"),
    reviewed_by: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewed_at: timestamp("reviewed_at", { withTimezone: true }),
    review_note: text("review_note"),
    created_at: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("directory_suggestions_open").on(t.created_at).where(sql`${t.status} = 'open'`),
    index("directory_suggestions_service").on(t.service_id),
  ],
);

/**
 * `interrupted`: stopped on purpose (Ctrl-C) after `records_done` records. A `running` row whose
 * `updated_at` stopped moving is shown as interrupted too (its process died; import-history.ts).
 */
export type DirectoryImportStatus = "running" | "applied" | "failed" | "interrupted";

// One import into the directory (CLI or web): what came in and what happened, so an import
// that stopped half-way is visible with how far it got, and its summary can be shown again.
export const directoryImports = pgTable(
  "directory_imports",
  {
    id: uuid("id").primaryKey(),
    /** hsds-json, hsds-ndjson, hsds-csv, ohana, csv */
    format: text("format").notNull(),
    source: text("source").notNull(),
    sha256: text("sha256"),
    status: text("status").$type<DirectoryImportStatus>().notNull(),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    /** Records written and committed so far (a streamed import commits batch by batch). */
    records_done: integer("records_done").notNull().default(0),
    /** Records the import checked and will write (known before the first write). */
    records_total: integer("records_total"),
    summary: jsonb("summary"),
    /** A later import of the same source that finished what this one left undone. */
    completed_by: uuid("completed_by"),
    started_by: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    started_at: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finished_at: timestamp("finished_at", { withTimezone: true }),
    /** Moves with every committed batch: a running import that stops moving has died. */
    updated_at: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("directory_imports_started").on(t.started_at)],
);
