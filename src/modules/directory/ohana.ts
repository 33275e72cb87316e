// The Ohana API's CSV layout (the pre-HSDS format of Code for America's Ohana: organizations,
// programs, locations, addresses, mail_addresses, phones, services, regular_schedules,
// holiday_schedules, taxonomy) read into flat HSDS records. Ids are derived from Ohana's ids
// (stableId("ohana:<table>:<id>")) so a re-import updates what the last one wrote.
// Decisions (test rows, categories, holidays): docs/decisions/0026-directory-spreadsheet-and-ohana-import.md.
import { normalise } from "../imports/model";
import type { FlatRecords, HsdsProblem } from "./hsds/tabular";
import { categoriesIn, csvProblem, splitLanguages, stableId } from "./import-common";
import {
  type Files,
  id,
  list,
  OHANA_FILES,
  type Out,
  type Row,
  readOhanaFile,
  text,
} from "./ohana-csv";
import { mapHolidays, mapRegularSchedules } from "./ohana-hours";
import { TERM_BY_CODE } from "./taxonomy";

export const OHANA_TAXONOMY_ID = stableId("ohana:taxonomy:ohana");

/** Reads the folder's Ohana CSV files and maps them to HSDS; problems say what was refused. */
export async function readOhanaFolder(
  dir: string,
  opts: { year?: number } = {},
): Promise<{ records: FlatRecords; problems: HsdsProblem[] }> {
  const problems: HsdsProblem[] = [];
  const files: Files = {};
  for (const file of OHANA_FILES) {
    const rows = await readOhanaFile(dir, file, problems);
    if (rows) files[file] = rows;
  }
  if (problems.some((p) => p.severity === "error")) return { records: {}, problems };
  const year = opts.year ?? new Date().getUTCFullYear();
  return { records: mapOhana(files, year, problems), problems };
}

// ---- test and example records ----

const TEST_NAME = /\b(test|testing|example|sample|fake|demo)\b/i;
const TEST_DESCRIPTION =
  /(for test+ing purposes|created for testing|not a real (entry|service|organization)|^just a test\b|^sample \w+ description)/i;

/** A record of Ohana's demo data: named test/example/sample/fake, or described as one. */
export function looksLikeTest(names: string[], descriptions: string[]): boolean {
  return names.some((n) => TEST_NAME.test(n)) || descriptions.some((d) => TEST_DESCRIPTION.test(d));
}

// ---- the mapping, table by table ----

function mapOhana(files: Files, year: number, problems: HsdsProblem[]): FlatRecords {
  const out: Out = {
    organization: [],
    program: [],
    location: [],
    address: [],
    phone: [],
    service: [],
    service_at_location: [],
    schedule: [],
    language: [],
    accessibility: [],
    funding: [],
    service_area: [],
    required_document: [],
    taxonomy: [],
    taxonomy_term: [],
    attribute: [],
  };
  const testOrgs = mapOrganizations(files, out);
  mapPrograms(files, out);
  const { orgOfLocation, testLocations } = mapLocations(files, out, testOrgs);
  mapAddresses(files, out);
  const termNames = mapTaxonomy(files, out);
  mapServices(files, out, { orgOfLocation, testLocations, termNames }, problems);
  mapPhones(files, out, problems);
  mapRegularSchedules(files, out, problems);
  mapHolidays(files, out, year, problems);
  return out;
}

function mapOrganizations(files: Files, out: Out): Set<string> {
  const tests = new Set<string>();
  for (const r of files["organizations.csv"] ?? []) {
    const orgId = id("organization", r.get("id"));
    const test = looksLikeTest([r.get("name"), r.get("alternate_name")], [r.get("description")]);
    if (test) tests.add(r.get("id"));
    const year = /\b(\d{4})\b/.exec(r.get("date_incorporated"))?.[1];
    out.organization.push({
      id: orgId,
      name: r.get("name"),
      alternate_name: text(r.get("alternate_name")),
      // HSDS requires a description; Ohana's is optional.
      description: r.get("description") || r.get("name"),
      email: text(r.get("email")),
      website: text(r.get("website")),
      tax_status: text(r.get("tax_status")),
      tax_id: text(r.get("tax_id")),
      year_incorporated: year ? Number(year) : null,
      legal_status: text(r.get("legal_status")),
      mutuo_test: test,
    });
    for (const source of list(r.get("funding_sources"))) {
      out.funding.push({
        id: id("funding", `organization:${r.get("id")}:${normalise(source)}`),
        organization_id: orgId,
        source,
      });
    }
  }
  return tests;
}

function mapPrograms(files: Files, out: Out): void {
  for (const r of files["programs.csv"] ?? []) {
    out.program.push({
      id: id("program", r.get("id")),
      organization_id: id("organization", r.get("organization_id")),
      name: r.get("name"),
      alternate_name: text(r.get("alternate_name")),
      description: r.get("name"),
    });
  }
}

/** Ohana's accessibility codes, in words. */
const ACCESSIBILITY: Record<string, string> = {
  cd: "Assistance for the deaf (TDD/TTY)",
  deaf_interpreter: "Deaf interpreter",
  disabled_parking: "Disabled parking",
  elevator: "Elevator",
  ramp: "Ramp",
  restroom: "Accessible restroom",
  tape_braille: "Tape or braille materials",
  tty: "TTY",
  wheelchair: "Wheelchair accessible",
  wheelchair_van: "Wheelchair van",
};

function mapLocations(files: Files, out: Out, testOrgs: Set<string>) {
  const orgOfLocation = new Map<string, string>();
  const testLocations = new Set<string>();
  for (const r of files["locations.csv"] ?? []) {
    const ohanaId = r.get("id");
    const locationId = id("location", ohanaId);
    orgOfLocation.set(ohanaId, r.get("organization_id"));
    const test =
      testOrgs.has(r.get("organization_id")) ||
      looksLikeTest(
        [r.get("name"), r.get("alternate_name")],
        [r.get("description"), r.get("short_desc")],
      );
    if (test) testLocations.add(ohanaId);
    const lat = r.get("latitude");
    const lng = r.get("longitude");
    out.location.push({
      id: locationId,
      location_type: r.get("virtual") === "true" ? "virtual" : "physical",
      url: text(r.get("website")),
      organization_id: id("organization", r.get("organization_id")),
      name: text(r.get("name")),
      alternate_name: text(r.get("alternate_name")),
      description: text(r.get("description")) ?? text(r.get("short_desc")),
      transportation: text(r.get("transportation")),
      latitude: lat === "" ? null : Number(lat),
      longitude: lng === "" ? null : Number(lng),
      external_identifier: ohanaId,
      external_identifier_type: "ohana",
      mutuo_test: test,
    });
    for (const lang of splitLanguages(r.get("languages"))) {
      out.language.push({
        id: id("language", `location:${ohanaId}:${normalise(lang.name)}`),
        location_id: locationId,
        name: lang.name,
        code: lang.code,
      });
    }
    for (const code of list(r.get("accessibility"))) {
      out.accessibility.push({
        id: id("accessibility", `${ohanaId}:${code}`),
        location_id: locationId,
        description: ACCESSIBILITY[code] ?? code,
        details: code,
      });
    }
  }
  return { orgOfLocation, testLocations };
}

function mapAddresses(files: Files, out: Out): void {
  const kinds = [
    ["addresses.csv", "address", "physical"],
    ["mail_addresses.csv", "mail_address", "postal"],
  ] as const;
  for (const [file, prefix, type] of kinds) {
    for (const r of files[file] ?? []) {
      out.address.push({
        id: id(prefix, r.get("id")),
        location_id: id("location", r.get("location_id")),
        attention: text(r.get("attention")),
        address_1: r.get("address_1"),
        address_2: text(r.get("address_2")),
        city: r.get("city"),
        state_province: r.get("state_province"),
        postal_code: r.get("postal_code"),
        country: r.get("country") || "US",
        address_type: type,
      });
    }
  }
}

/** Ohana's taxonomy as an HSDS taxonomy; returns each code's name (for category guesses). */
function mapTaxonomy(files: Files, out: Out): Map<string, string> {
  const names = new Map<string, string>();
  const rows = files["taxonomy.csv"] ?? [];
  if (rows.length === 0) return names;
  out.taxonomy.push({
    id: OHANA_TAXONOMY_ID,
    name: "Ohana",
    description: "The service taxonomy of the Ohana API (Code for America), as imported.",
    uri: "https://github.com/codeforamerica/ohana-api",
  });
  for (const r of rows) {
    const code = r.get("taxonomy_id");
    names.set(code, r.get("name"));
    out.taxonomy_term.push({
      id: id("taxonomy_term", code),
      code,
      name: r.get("name"),
      description: r.get("name"),
      parent_id: r.get("parent_id") ? id("taxonomy_term", r.get("parent_id")) : null,
      taxonomy: "Ohana",
      taxonomy_id: OHANA_TAXONOMY_ID,
    });
  }
  return names;
}

const SERVICE_STATUS: Record<string, string> = {
  active: "active",
  inactive: "inactive",
  defunct: "defunct",
  "temporarily closed": "temporarily closed",
};

interface ServiceContext {
  orgOfLocation: Map<string, string>;
  testLocations: Set<string>;
  termNames: Map<string, string>;
}

function mapServices(files: Files, out: Out, ctx: ServiceContext, problems: HsdsProblem[]) {
  for (const r of files["services.csv"] ?? []) {
    const ohanaId = r.get("id");
    const serviceId = id("service", ohanaId);
    const locationOhanaId = r.get("location_id");
    const orgOhanaId = ctx.orgOfLocation.get(locationOhanaId);
    if (!orgOhanaId) {
      problems.push(
        csvProblem(
          "error",
          "services.csv",
          r.row,
          "location_id",
          "ohana_unknown_location",
          `service ${ohanaId} names location ${locationOhanaId}, which is not in locations.csv`,
          { value: locationOhanaId },
          "service",
          serviceId,
        ),
      );
      continue;
    }
    const status = SERVICE_STATUS[r.get("status").toLowerCase()];
    if (!status) {
      problems.push(
        csvProblem(
          "error",
          "services.csv",
          r.row,
          "status",
          "ohana_unknown_status",
          `service ${ohanaId} has status "${r.get("status")}"`,
          { value: r.get("status") },
          "service",
          serviceId,
        ),
      );
      continue;
    }
    const test =
      ctx.testLocations.has(locationOhanaId) ||
      looksLikeTest([r.get("name"), r.get("alternate_name")], [r.get("description")]);
    out.service.push({
      id: serviceId,
      organization_id: id("organization", orgOhanaId),
      program_id: r.get("program_id") ? id("program", r.get("program_id")) : null,
      name: r.get("name"),
      alternate_name: text(r.get("alternate_name")),
      description: text(r.get("description")),
      url: text(r.get("website")),
      email: text(r.get("email")),
      status,
      interpretation_services: text(r.get("interpretation_services")),
      application_process: text(r.get("application_process")),
      fees_description: text(r.get("fees")),
      wait_time: text(r.get("wait_time")),
      eligibility_description: text(r.get("eligibility")),
      mutuo_test: test,
    });
    out.service_at_location.push({
      id: id("service_at_location", ohanaId),
      service_id: serviceId,
      location_id: id("location", locationOhanaId),
    });
    mapServiceLists(r, serviceId, out);
    mapServiceTerms(r, serviceId, out, ctx.termNames);
  }
}

/** Comma-separated Ohana columns that are HSDS tables of their own. */
function mapServiceLists(r: Row, serviceId: string, out: Out): void {
  const s = r.get("id");
  for (const source of list(r.get("funding_sources"))) {
    out.funding.push({
      id: id("funding", `service:${s}:${normalise(source)}`),
      service_id: serviceId,
      source,
    });
  }
  for (const name of list(r.get("service_areas"))) {
    out.service_area.push({
      id: id("service_area", `${s}:${normalise(name)}`),
      service_id: serviceId,
      name,
    });
  }
  const documents = r.get("required_documents");
  if (documents) {
    out.required_document.push({
      id: id("required_document", s),
      service_id: serviceId,
      document: documents,
    });
  }
  for (const lang of splitLanguages(r.get("languages"))) {
    out.language.push({
      id: id("language", `service:${s}:${normalise(lang.name)}`),
      service_id: serviceId,
      name: lang.name,
      code: lang.code,
    });
  }
}

/** Ohana taxonomy terms as attributes, and the Mutuo categories its words clearly name. */
function mapServiceTerms(r: Row, serviceId: string, out: Out, termNames: Map<string, string>) {
  const s = r.get("id");
  const codes = list(r.get("taxonomy_ids")).filter((code) => termNames.has(code));
  for (const code of codes) {
    out.attribute.push({
      id: id("attribute", `${s}:${code}`),
      link_id: serviceId,
      link_type: "service",
      link_entity: "service",
      taxonomy_term_id: id("taxonomy_term", code),
    });
  }
  const words = [r.get("keywords"), ...codes.map((c) => termNames.get(c) ?? "")].join(", ");
  for (const category of ohanaCategories(words)) {
    const term = TERM_BY_CODE.get(category);
    if (!term) continue;
    out.attribute.push({
      id: id("attribute", `${s}:mutuo:${category}`),
      link_id: serviceId,
      link_type: "service",
      link_entity: "service",
      taxonomy_term_id: term.id,
    });
  }
}

/** Ohana's keyword vocabulary (AIRS-like headings) → Mutuo categories, beyond the plain words. */
const OHANA_KEYWORDS: [RegExp, string][] = [
  [/\b(meal sites|home-delivered meals|congregate meals)\b/i, "meals"],
  [/\b(food pantr|emergency food|food banks?|commodity)\b/i, "food_pantry"],
  [/\b(health services|community clinics|outpatient care|dental)\b/i, "health"],
  [/\b(counseling|mental health|psychiatric)\b/i, "mental_health"],
  [/\b(employment|job development|job information)\b/i, "employment"],
  [/\b(education services|libraries|literacy)\b/i, "education"],
  [/\b(adult protection and care|older adults|senior|geriatric|adult day)\b/i, "seniors"],
  [/\b(clothing)\b/i, "clothing"],
  [/\b(emergency shelter|housing|shelter)\b/i, "shelter"],
  [/\b(legal services|legal aid)\b/i, "legal"],
  [/\b(immigration|citizenship)\b/i, "immigration"],
  [/\b(child protection|family development|children)\b/i, "childcare"],
];

function ohanaCategories(words: string): Set<string> {
  const found = new Set<string>(categoriesIn(words));
  for (const [pattern, code] of OHANA_KEYWORDS) if (pattern.test(words)) found.add(code);
  return found;
}

const PHONE_TYPES: Record<string, string> = {
  voice: "voice",
  fax: "fax",
  cell: "cell",
  hotline: "voice",
  tty: "textphone",
  sms: "text",
  text: "text",
  video: "video",
  pager: "pager",
};

function mapPhones(files: Files, out: Out, problems: HsdsProblem[]): void {
  for (const r of files["phones.csv"] ?? []) {
    const links = {
      location_id: r.get("location_id") ? id("location", r.get("location_id")) : null,
      service_id: r.get("service_id") ? id("service", r.get("service_id")) : null,
      organization_id: r.get("organization_id")
        ? id("organization", r.get("organization_id"))
        : null,
    };
    if (!links.location_id && !links.service_id && !links.organization_id) {
      // contacts.csv (staff names) is not imported, so a contact's own phone has nobody to belong to.
      problems.push(
        csvProblem(
          "warning",
          "phones.csv",
          r.row,
          "contact_id",
          "ohana_phone_of_contact",
          `phone ${r.get("id")} belongs only to contact ${r.get("contact_id")}, which is not imported`,
          { value: r.get("id") },
          "phone",
          id("phone", r.get("id")),
        ),
      );
      continue;
    }
    const extension = r.get("extension");
    const notes = [r.get("department"), r.get("vanity_number") && `(${r.get("vanity_number")})`]
      .filter(Boolean)
      .join(" ");
    const prefix = r.get("country_prefix");
    out.phone.push({
      id: id("phone", r.get("id")),
      ...links,
      number: prefix ? `${prefix} ${r.get("number")}` : r.get("number"),
      extension: /^\d+$/.test(extension) ? Number(extension) : null,
      type: PHONE_TYPES[r.get("number_type").toLowerCase()] ?? "voice",
      description: text(notes),
    });
  }
}
