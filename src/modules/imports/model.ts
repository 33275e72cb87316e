// Pure rules of spreadsheet imports: reading the bytes of a CSV exported by Google Forms or
// Airtable, guessing what each column holds from its header (English and Spanish), turning cell
// text into a need's or a volunteer's fields, and spotting rows that repeat. No I/O, no clock.
import { parse } from "csv-parse/sync";
import { email as emailSchema } from "../accounts/contract";
import { isPhoneNumber } from "../accounts/model";
import { CATEGORY_IDS, type CategoryId, URGENCIES, type Urgency } from "../exchange/categories";

import {
  FIELDS_OF,
  IMPORT_LIMITS,
  type ImportKind,
  MULTI_COLUMN_FIELDS,
  type NeedField,
  REQUIRED_FIELDS,
  type Target,
} from "./fields";

export * from "./fields";

export type DateOrder = "mdy" | "dmy";

// ---- bytes → table ----

export type ReadResult =
  | {
      ok: true;
      header: string[];
      /** Data rows with their spreadsheet row number (the header is row 1). */
      rows: { row: number; cells: string[] }[];
      delimiter: "," | ";" | "\t";
    }
  | {
      ok: false;
      code:
        | "import_empty"
        | "import_not_utf8"
        | "import_not_text"
        | "import_malformed"
        | "import_too_many_rows"
        | "import_too_many_columns";
      params?: Record<string, number>;
    };

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
  }
  return false;
}

/** The delimiter of the first record: whichever of , ; tab occurs most outside quotes. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch] += 1;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

/**
 * Reads a CSV file's bytes: UTF-8 with or without a byte order mark, comma, semicolon or tab
 * separated, quoted cells spanning lines. Anything else (UTF-16, Latin-1, a spreadsheet saved
 * as .xlsx, an image) is refused by name rather than read as mojibake.
 */
export function readCsv(bytes: Uint8Array): ReadResult {
  let text: string;
  try {
    // fatal: an invalid byte sequence throws instead of becoming U+FFFD; the BOM is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: "import_not_utf8" };
  }
  // NUL and other C0 controls (besides tab and line ends) never appear in a text export.
  if (hasControlCharacters(text)) {
    return { ok: false, code: "import_not_text" };
  }
  if (text.trim() === "") return { ok: false, code: "import_empty" };
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: IMPORT_LIMITS.maxBytes,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, code: "import_malformed", params: { line: Number(line) || 1 } };
  }
  const [first, ...rest] = records;
  if (!first) return { ok: false, code: "import_empty" };
  const header = first.record.map((h) => h.trim());
  if (header.length > IMPORT_LIMITS.maxColumns) {
    return {
      ok: false,
      code: "import_too_many_columns",
      params: { max: IMPORT_LIMITS.maxColumns },
    };
  }
  const rows = rest
    .map((r, index) => ({ row: index + 2, cells: r.record }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length === 0) return { ok: false, code: "import_empty" };
  if (rows.length > IMPORT_LIMITS.maxRows) {
    return { ok: false, code: "import_too_many_rows", params: { max: IMPORT_LIMITS.maxRows } };
  }
  return { ok: true, header, rows, delimiter };
}

// ---- headers → a proposed mapping ----

/** Lower case, no accents, words separated by single spaces: "¿Qué necesitas?" → "que necesitas". */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Tried in this order on each header; the first that matches (and is still free) wins. */
const HEADER_RULES: [Target, RegExp][] = [
  [
    "createdAt",
    /^(timestamp|marca (temporal|de tiempo)|created( at| time)?|creado|fecha( de)? (creacion|envio|registro)|submitted( at)?|submission (date|time)|fecha)$/,
  ],
  ["email", /\b(e ?mail|correo)\b/],
  ["phone", /\b(phone|telephone|telefono|celular|movil|mobile|whatsapp|cell)\b/],
  ["lat", /^(lat|latitude|latitud)$/],
  ["lng", /^(lng|lon|long|longitude|longitud)$/],
  [
    "householdSize",
    /(household|how many people|people in|cuantas personas|personas (en|que viven)|tamano (del|de la) (hogar|familia)|family size|miembros)/,
  ],
  ["languages", /\b(languages?|idiomas?|lenguas?|language spoken|preferred language)\b/],
  [
    "urgency",
    /\b(urgency|urgent|urgencia|urgente|how soon|priority|prioridad|cuando lo necesitas)\b/,
  ],
  [
    "category",
    /\b(category|categoria|type of (help|need|request)|tipo de (ayuda|necesidad|solicitud)|kind of help|type)\b/,
  ],
  [
    "description",
    /(what do you need|what (is|are) your need|que necesitas|que necesita|en que (te|le) podemos ayudar|how can we help|describe|description|descripcion|necesidad|request|solicitud|need)/,
  ],
  [
    "locationText",
    /\b(address|direccion|zip( code)?|postal|codigo postal|neighbou?rhood|barrio|cross streets|calles|location|ubicacion|city|ciudad|colonia|zona|area|where)\b/,
  ],
  ["name", /\b(name|nombre|full name|nombre completo|your name|tu nombre|su nombre)\b/],
  [
    "sensitiveNotes",
    /\b(notes?|notas?|comments?|comentarios?|anything else|algo mas|private|privad[oa]|additional|adicional)\b/,
  ],
];

/** The need fields that take a volunteer field's rule ("email" is a need's contactEmail). */
const NEED_ALIASES: Partial<Record<Target, NeedField>> = {
  email: "contactEmail",
  phone: "contactPhone",
  name: "contactName",
};

/** What each column probably holds, for this kind of import; "ignore" when unsure. */
export function guessMapping(header: readonly string[], kind: ImportKind): Target[] {
  const allowed = FIELDS_OF[kind];
  const taken = new Set<Target>();
  return header.map((raw) => {
    const h = normalise(raw);
    if (!h) return "ignore";
    for (const [rule, pattern] of HEADER_RULES) {
      if (!pattern.test(h)) continue;
      const target: Target = kind === "needs" ? (NEED_ALIASES[rule] ?? rule) : rule;
      if (!allowed.includes(target)) continue;
      if (taken.has(target) && !MULTI_COLUMN_FIELDS.includes(target)) continue;
      taken.add(target);
      return target;
    }
    return "ignore";
  });
}

/** True when the header row reads as Spanish (Google Forms' "Marca temporal" and friends). */
export function looksSpanish(header: readonly string[]): boolean {
  const text = ` ${header.map(normalise).join(" ")} `;
  return /\b(marca temporal|que|necesitas|telefono|correo|direccion|nombre|idioma|urgencia|personas|codigo)\b/.test(
    text,
  );
}

// ---- mapping checks ----

export type MappingProblem =
  | { code: "import_mapping_length"; params: { columns: number; mapped: number } }
  | { code: "import_mapping_field"; params: { field: Target } }
  | { code: "import_mapping_twice"; params: { field: Target } }
  | { code: "import_mapping_required"; params: { field: Target } };

/** A mapping must name one target per column, fit the kind, and map every required field. */
export function checkMapping(
  header: readonly string[],
  mapping: readonly Target[],
  kind: ImportKind,
): MappingProblem | null {
  if (mapping.length !== header.length) {
    return {
      code: "import_mapping_length",
      params: { columns: header.length, mapped: mapping.length },
    };
  }
  const seen = new Set<Target>();
  for (const target of mapping) {
    if (target === "ignore") continue;
    if (!FIELDS_OF[kind].includes(target)) {
      return { code: "import_mapping_field", params: { field: target } };
    }
    if (seen.has(target) && !MULTI_COLUMN_FIELDS.includes(target)) {
      return { code: "import_mapping_twice", params: { field: target } };
    }
    seen.add(target);
  }
  for (const field of REQUIRED_FIELDS[kind]) {
    if (!seen.has(field)) return { code: "import_mapping_required", params: { field } };
  }
  return null;
}

// ---- cell values ----

const CATEGORY_WORDS: [CategoryId, RegExp][] = [
  [
    "meals",
    /\b(meals?|cooked|hot food|comidas? (preparadas?|calientes?)|cenas?|almuerzos?|desayunos?)\b/,
  ],
  [
    "medication_pickup",
    /\b(medic\w*|pharmac\w*|farmacia|prescriptions?|recetas?|medicinas?|medicamentos?)\b/,
  ],
  [
    "groceries",
    /\b(grocer\w*|food|comida|alimentos?|despensa|supermercado|mercado|viveres|mandado de comida)\b/,
  ],
  ["ride", /\b(rides?|transport\w*|viajes?|aventon|raite|lift|driving|drive)\b/],
  [
    "childcare",
    /\b(child\w*|kids?|babysit\w*|ninos?|ninera|cuidado (de ninos|infantil)|guarderia)\b/,
  ],
  [
    "emotional_support",
    /\b(emotional|emocional|support|apoyo|company|compania|talk|hablar|lonel\w*|soledad|escuchar)\b/,
  ],
  ["housing", /\b(housing|vivienda|rent|renta|alquiler|shelter|refugio|alojamiento|casa)\b/],
  ["cash", /\b(cash|money|dinero|efectivo|financ\w*|bills?|facturas?|pagos?)\b/],
  ["errands", /\b(errands?|mandados?|recados?|tramites?|pick ?up)\b/],
  ["translation", /\b(translat\w*|traduc\w*|interpret\w*)\b/],
  ["other", /\b(other|otros?|otra)\b/],
];

export type ValueMap<V extends string> = Readonly<Record<string, V>>;

/** The key a free-text value is matched (and overridden) by. */
export function valueKey(text: string): string {
  return normalise(text);
}

/**
 * A category from free text ("Groceries / Comida" → groceries): a coordinator's choice for
 * this exact text first, then the category's id, then words in English or Spanish.
 */
export function categoryOf(
  text: string,
  overrides: ValueMap<CategoryId> = {},
): { value: CategoryId; guessed: boolean } {
  const key = valueKey(text);
  const chosen = overrides[key];
  if (chosen) return { value: chosen, guessed: false };
  const id = key.replace(/ /g, "_");
  if ((CATEGORY_IDS as readonly string[]).includes(id)) {
    return { value: id as CategoryId, guessed: false };
  }
  for (const [category, words] of CATEGORY_WORDS) {
    if (words.test(key)) return { value: category, guessed: category !== "other" };
  }
  return { value: "other", guessed: true };
}

const URGENCY_WORDS: [Urgency, RegExp][] = [
  [
    "urgent",
    /\b(urgent\w*|emergenc\w*|asap|today|hoy|inmediat\w*|immediate\w*|critical|critico|4)\b/,
  ],
  ["high", /\b(high|alta|alto|soon|pronto|this week|esta semana|3)\b/],
  ["low", /\b(low|baja|bajo|no rush|sin prisa|whenever|cuando sea|1)\b/],
  ["normal", /\b(normal|medium|media|medio|regular|2)\b/],
];

/** An urgency from free text; unrecognised text is "normal" (and said so). */
export function urgencyOf(
  text: string,
  overrides: ValueMap<Urgency> = {},
): { value: Urgency; known: boolean } {
  const key = valueKey(text);
  const chosen = overrides[key];
  if (chosen) return { value: chosen, known: true };
  if ((URGENCIES as readonly string[]).includes(key)) return { value: key as Urgency, known: true };
  for (const [urgency, words] of URGENCY_WORDS) {
    if (words.test(key)) return { value: urgency, known: true };
  }
  return { value: "normal", known: false };
}

/** "English, Español" → ["en", "es"]; words it does not know are returned apart. */
export function languagesOf(text: string): { languages: ("en" | "es")[]; unknown: string[] } {
  const languages = new Set<"en" | "es">();
  const unknown: string[] = [];
  for (const part of text.split(/[,;/|+&]| and | y /i)) {
    const word = normalise(part);
    if (!word) continue;
    if (/^(en|eng|english|ingles)$/.test(word)) languages.add("en");
    else if (/^(es|esp|spa|spanish|espanol|castellano)$/.test(word)) languages.add("es");
    else unknown.push(part.trim());
  }
  return { languages: [...languages], unknown };
}

/** A decimal number, with a point or (as Spanish spreadsheets write it) a comma. */
export function numberOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, "");
  if (!/^[+-]?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(",", "."));
}

/** The first whole number in "3 people" / "3 personas"; null when there is none. */
export function countOf(text: string): number | null {
  const match = /\d+/.exec(text);
  return match ? Number(match[0]) : null;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** How far ahead of UTC the zone's wall clock is at this instant, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return wall - (instant - (instant % 1000));
}

/** A wall-clock time in a zone as an instant (the earlier one when the clock goes back). */
export function zonedTime(
  parts: { y: number; mo: number; d: number; h: number; mi: number; s: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s);
  const first = zoneOffset(wall, timeZone);
  let instant = wall - first;
  const second = zoneOffset(instant, timeZone);
  if (second !== first) instant = wall - second;
  return new Date(instant);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASHED =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?)?\s*(?:(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?)?$/i;

/**
 * A timestamp as Google Forms ("3/5/2024 14:14:07", "5/3/2024 14:14:07" in Spanish), Airtable
 * ("2024-03-05T14:14:07.000Z", "3/5/2024 2:14pm") or a person writes it. Times without an
 * offset are the group's wall clock; day and month order is the file's (`order`).
 */
export function dateOf(text: string, order: DateOrder, timeZone: string): Date | null {
  const t = text.trim();
  const iso = ISO.exec(t);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", offset] = iso;
    const parts = {
      y: Number(y),
      mo: Number(mo),
      d: Number(d),
      h: Number(h),
      mi: Number(mi),
      s: Number(s),
    };
    if (!validParts(parts)) return null;
    if (offset) {
      const sign = offset.startsWith("-") ? -1 : 1;
      const digits = offset.replace(/\D/g, "");
      const minutes =
        offset.toUpperCase() === "Z"
          ? 0
          : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      const wall = Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s);
      return new Date(wall - minutes * 60_000);
    }
    return fromParts(
      { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s) },
      timeZone,
    );
  }
  const m = SLASHED.exec(t);
  if (!m) return null;
  const [, a = "", b = "", c = "", hh, mm, ss, ampm, offH, offM] = m;
  let y: number;
  let mo: number;
  let d: number;
  if (a.length === 4) {
    y = Number(a);
    mo = Number(b);
    d = Number(c);
  } else {
    if (c.length !== 4 && c.length !== 2) return null;
    y = c.length === 2 ? 2000 + Number(c) : Number(c);
    [mo, d] = order === "mdy" ? [Number(a), Number(b)] : [Number(b), Number(a)];
  }
  let h = hh === undefined ? 0 : Number(hh);
  if (ampm) {
    if (h < 1 || h > 12) return null;
    const pm = ampm.toLowerCase().startsWith("p");
    h = (h % 12) + (pm ? 12 : 0);
  }
  const parts = {
    y,
    mo,
    d,
    h,
    mi: mm === undefined ? 0 : Number(mm),
    s: ss === undefined ? 0 : Number(ss),
  };
  if (offH !== undefined) {
    const sign = offH.startsWith("-") ? -1 : 1;
    const offset = sign * (Math.abs(Number(offH)) * 60 + Number(offM ?? 0)) * 60_000;
    const wall = Date.UTC(y, mo - 1, d, parts.h, parts.mi, parts.s);
    return validParts(parts) ? new Date(wall - offset) : null;
  }
  return fromParts(parts, timeZone);
}

function validParts(p: { y: number; mo: number; d: number; h: number; mi: number; s: number }) {
  if (p.y < 1900 || p.y > 2999 || p.mo < 1 || p.mo > 12 || p.h > 23 || p.mi > 59 || p.s > 59) {
    return false;
  }
  const probe = new Date(Date.UTC(p.y, p.mo - 1, p.d));
  return probe.getUTCDate() === p.d && probe.getUTCMonth() === p.mo - 1;
}

function fromParts(
  p: { y: number; mo: number; d: number; h: number; mi: number; s: number },
  timeZone: string,
): Date | null {
  return validParts(p) ? zonedTime(p, timeZone) : null;
}

/**
 * Day-first or month-first: a first number above 12 settles it, so does a second one; else
 * a Spanish header row means day-first (as Spanish Google Forms export), otherwise month-first.
 */
export function guessDateOrder(values: readonly string[], spanish: boolean): DateOrder {
  for (const v of values) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return "dmy";
    if (Number(m[2]) > 12) return "mdy";
  }
  return spanish ? "dmy" : "mdy";
}

// ---- rows → needs and volunteers ----

export type RowProblemCode =
  | "description_missing"
  | "too_long"
  | "category_unknown"
  | "urgency_unknown"
  | "household_size_invalid"
  | "language_unknown"
  | "lat_invalid"
  | "lng_invalid"
  | "point_incomplete"
  | "email_invalid"
  | "phone_invalid"
  | "date_invalid"
  | "date_in_future"
  | "name_missing"
  | "email_missing"
  | "duplicate_in_file"
  | "duplicate_existing"
  | "already_member";

export interface RowProblem {
  row: number;
  /** The column's index in the file, or null for a problem of the whole row. */
  column: number | null;
  code: RowProblemCode;
  /** Errors keep the row out; warnings only say what was assumed. */
  severity: "error" | "warning";
  params?: Record<string, string | number>;
}

export interface ImportedNeed {
  row: number;
  description: string;
  category: CategoryId;
  urgency: Urgency;
  householdSize: number | null;
  languages: ("en" | "es")[];
  locationText: string | null;
  point: { lat: number; lng: number } | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  sensitiveNotes: string | null;
  createdAt: Date | null;
}

export interface ImportedVolunteer {
  row: number;
  name: string;
  email: string;
  phone: string | null;
  language: "en" | "es" | null;
}

export interface ReadOptions {
  categories?: ValueMap<CategoryId>;
  urgencies?: ValueMap<Urgency>;
  dateOrder: DateOrder;
  timeZone: string;
  now: Date;
}

const MAX_LENGTH: Partial<Record<Target, number>> = {
  description: 2000,
  sensitiveNotes: 2000,
  locationText: 300,
  contactName: 120,
  name: 120,
  contactEmail: 254,
  email: 254,
  contactPhone: 32,
  phone: 32,
};

/** The cells of one row by field: multi-column fields joined, blanks dropped. */
function cellsByField(
  cells: readonly string[],
  mapping: readonly Target[],
): Map<Target, { text: string; column: number }> {
  const out = new Map<Target, { text: string; column: number }>();
  mapping.forEach((target, column) => {
    if (target === "ignore") return;
    const text = (cells[column] ?? "").trim();
    if (!text) return;
    const had = out.get(target);
    if (had) {
      const joiner = target === "locationText" ? ", " : "\n";
      out.set(target, { text: `${had.text}${joiner}${text}`, column: had.column });
    } else {
      out.set(target, { text, column });
    }
  });
  return out;
}

/** One row read as a need: the need, or null when an error keeps it out; and what was said. */
export function readNeedRow(
  row: { row: number; cells: readonly string[] },
  mapping: readonly Target[],
  options: ReadOptions,
): { need: ImportedNeed | null; problems: RowProblem[] } {
  const cells = cellsByField(row.cells, mapping);
  const problems: RowProblem[] = [];
  const problem = (
    field: Target,
    code: RowProblemCode,
    severity: "error" | "warning" = "error",
    params?: Record<string, string | number>,
  ) => {
    const column = cells.get(field)?.column ?? mapping.indexOf(field);
    problems.push({
      row: row.row,
      column: column >= 0 ? column : null,
      code,
      severity,
      ...(params ? { params } : {}),
    });
  };
  const text = (field: Target): string | null => {
    const value = cells.get(field)?.text ?? null;
    const max = MAX_LENGTH[field];
    if (value !== null && max !== undefined && value.length > max) {
      problem(field, "too_long", "error", { max });
      return null;
    }
    return value;
  };

  const description = text("description");
  if (description === null && !cells.has("description"))
    problem("description", "description_missing");

  let category: CategoryId = "other";
  const categoryText = cells.get("category")?.text;
  if (categoryText !== undefined) {
    const found = categoryOf(categoryText, options.categories);
    category = found.value;
    if (found.value === "other" && found.guessed) {
      problem("category", "category_unknown", "warning", { value: categoryText.slice(0, 60) });
    }
  }

  let urgency: Urgency = "normal";
  const urgencyText = cells.get("urgency")?.text;
  if (urgencyText !== undefined) {
    const found = urgencyOf(urgencyText, options.urgencies);
    urgency = found.value;
    if (!found.known) {
      problem("urgency", "urgency_unknown", "warning", { value: urgencyText.slice(0, 60) });
    }
  }

  let householdSize: number | null = null;
  const sizeText = cells.get("householdSize")?.text;
  if (sizeText !== undefined) {
    const n = countOf(sizeText);
    if (n === null || n < 1 || n > 30) problem("householdSize", "household_size_invalid");
    else householdSize = n;
  }

  let languages: ("en" | "es")[] = [];
  const languageText = cells.get("languages")?.text;
  if (languageText !== undefined) {
    const found = languagesOf(languageText);
    languages = found.languages;
    if (found.unknown.length > 0) {
      problem("languages", "language_unknown", "warning", {
        value: found.unknown.join(", ").slice(0, 60),
      });
    }
  }

  const latText = cells.get("lat")?.text;
  const lngText = cells.get("lng")?.text;
  let point: { lat: number; lng: number } | null = null;
  const lat = latText === undefined ? undefined : numberOf(latText);
  const lng = lngText === undefined ? undefined : numberOf(lngText);
  const latOk = lat !== undefined && lat !== null && Math.abs(lat) <= 90;
  const lngOk = lng !== undefined && lng !== null && Math.abs(lng) <= 180;
  if (latText !== undefined && !latOk)
    problem("lat", "lat_invalid", "error", { value: latText.slice(0, 30) });
  if (lngText !== undefined && !lngOk)
    problem("lng", "lng_invalid", "error", { value: lngText.slice(0, 30) });
  if ((latText === undefined) !== (lngText === undefined)) {
    problem(latText === undefined ? "lat" : "lng", "point_incomplete");
  } else if (latOk && lngOk) {
    point = { lat: lat as number, lng: lng as number };
  }

  const emailText = text("contactEmail");
  let contactEmail: string | null = null;
  if (emailText !== null) {
    const parsed = emailSchema.safeParse(emailText);
    if (parsed.success) contactEmail = parsed.data;
    else problem("contactEmail", "email_invalid");
  }
  const phoneText = text("contactPhone");
  let contactPhone: string | null = null;
  if (phoneText !== null) {
    if (isPhoneNumber(phoneText)) contactPhone = phoneText;
    else problem("contactPhone", "phone_invalid");
  }

  let createdAt: Date | null = null;
  const dateText = cells.get("createdAt")?.text;
  if (dateText !== undefined) {
    const date = dateOf(dateText, options.dateOrder, options.timeZone);
    if (!date) problem("createdAt", "date_invalid", "error", { value: dateText.slice(0, 40) });
    else if (date.getTime() > options.now.getTime() + 5 * 60_000) {
      problem("createdAt", "date_in_future", "error", { value: dateText.slice(0, 40) });
    } else createdAt = date;
  }

  const locationText = text("locationText");
  const contactName = text("contactName");
  const sensitiveNotes = text("sensitiveNotes");

  if (problems.some((p) => p.severity === "error") || description === null) {
    return { need: null, problems };
  }
  return {
    need: {
      row: row.row,
      description,
      category,
      urgency,
      householdSize,
      languages,
      locationText,
      point,
      contactName,
      contactEmail,
      contactPhone,
      sensitiveNotes,
      createdAt,
    },
    problems,
  };
}

/** One row read as a volunteer to invite. */
export function readVolunteerRow(
  row: { row: number; cells: readonly string[] },
  mapping: readonly Target[],
): { volunteer: ImportedVolunteer | null; problems: RowProblem[] } {
  const cells = cellsByField(row.cells, mapping);
  const problems: RowProblem[] = [];
  const problem = (
    field: Target,
    code: RowProblemCode,
    severity: "error" | "warning" = "error",
  ) => {
    const column = cells.get(field)?.column ?? mapping.indexOf(field);
    problems.push({ row: row.row, column: column >= 0 ? column : null, code, severity });
  };
  const name = cells.get("name")?.text ?? null;
  if (name === null) problem("name", "name_missing");
  else if (name.length > 120) problem("name", "too_long");
  const emailText = cells.get("email")?.text ?? null;
  let email: string | null = null;
  if (emailText === null) problem("email", "email_missing");
  else {
    const parsed = emailSchema.safeParse(emailText);
    if (parsed.success) email = parsed.data;
    else problem("email", "email_invalid");
  }
  const phoneText = cells.get("phone")?.text ?? null;
  let phone: string | null = null;
  if (phoneText !== null) {
    if (isPhoneNumber(phoneText)) phone = phoneText;
    // A phone is optional: a bad one is said, and the invitation still goes by email.
    else problem("phone", "phone_invalid", "warning");
  }
  const languageText = cells.get("languages")?.text;
  const language = languageText ? (languagesOf(languageText).languages[0] ?? null) : null;
  if (problems.some((p) => p.severity === "error") || !name || !email) {
    return { volunteer: null, problems };
  }
  return { volunteer: { row: row.row, name, email, phone, language }, problems };
}

// ---- duplicates ----

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all trigrams of both texts. */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 && y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** How alike two descriptions of one contact must be to be one request (as intake's check). */
export const IMPORT_DUPLICATE_SIMILARITY = 0.6;

/** Same contact and a similar description: the same request told twice. */
export function sameRequest(
  a: { contactHash: string | null; description: string },
  b: { contactHash: string | null; description: string },
): boolean {
  if (!a.contactHash || a.contactHash !== b.contactHash) return false;
  return (
    normalise(a.description) === normalise(b.description) ||
    similarity(a.description, b.description) > IMPORT_DUPLICATE_SIMILARITY
  );
}
