// What the Ohana and spreadsheet importers share: deterministic ids (so a re-import updates the
// same records), strict UTF-8 CSV reading with caps, language names → ISO 639-1 codes, and Mutuo
// categories guessed from free text. Pure: no database, no clock.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { detectDelimiter, normalise } from "../imports/model";
import type { HsdsProblem } from "./hsds/tabular";
import { CATEGORY_TERMS, type CategoryCode } from "./taxonomy";

/**
 * A UUID from a name, shaped like a v5 UUID (SHA-1 of the name, version and variant bits set):
 * the same source record always gets the same id, so importing twice updates, never duplicates.
 */
export function stableId(name: string): string {
  const hash = createHash("sha1").update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
}

export type CsvTable = {
  header: string[];
  /** Data rows with their spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: string[] }[];
};

/** Why a file could not be read as a table at all (each code is translated). */
export type CsvFailure = {
  code:
    | "not_utf8"
    | "not_text"
    | "csv_empty"
    | "csv_malformed"
    | "csv_too_large"
    | "csv_too_many_rows"
    | "csv_too_many_columns";
  params: Record<string, string | number>;
};

/** NUL and other C0 controls (besides tab and line ends) never appear in a text export. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
  }
  return false;
}

/**
 * A CSV file's bytes as a table: UTF-8 only (a Latin-1 or UTF-16 file is refused by name rather
 * than read as mojibake), no binary, comma/semicolon/tab separated, within the caps.
 */
export function readCsvTable(
  bytes: Uint8Array,
  limits: CsvLimits,
): { ok: true; table: CsvTable } | ({ ok: false } & CsvFailure) {
  if (bytes.length > limits.maxBytes) {
    return { ok: false, code: "csv_too_large", params: { mb: limits.maxBytes / 1024 / 1024 } };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: "not_utf8", params: {} };
  }
  if (hasControlCharacters(text)) return { ok: false, code: "not_text", params: {} };
  if (text.trim() === "") return { ok: false, code: "csv_empty", params: {} };
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1024 * 1024,
      to_line: limits.maxRows + 2,
    }) as string[][];
  } catch (err) {
    const line = Number((err as { lines?: number }).lines) || 1;
    return { ok: false, code: "csv_malformed", params: { line } };
  }
  const [first, ...rest] = records;
  if (!first) return { ok: false, code: "csv_empty", params: {} };
  if (first.length > limits.maxColumns) {
    return { ok: false, code: "csv_too_many_columns", params: { max: limits.maxColumns } };
  }
  if (rest.length > limits.maxRows) {
    return { ok: false, code: "csv_too_many_rows", params: { max: limits.maxRows } };
  }
  const rows = rest
    .map((cells, index) => ({ row: index + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length === 0) return { ok: false, code: "csv_empty", params: {} };
  return { ok: true, table: { header: first.map((h) => h.trim()), rows } };
}

/** Language names in English and Spanish (accent-free, lower case) → ISO 639-1. */
const LANGUAGE_CODES: Record<string, string> = {
  english: "en",
  ingles: "en",
  spanish: "es",
  espanol: "es",
  castellano: "es",
  chinese: "zh",
  chino: "zh",
  mandarin: "zh",
  "chinese mandarin": "zh",
  cantonese: "zh",
  "chinese cantonese": "zh",
  canton: "zh",
  cantones: "zh",
  taiwanese: "zh",
  tagalog: "tl",
  filipino: "tl",
  italian: "it",
  italiano: "it",
  hindi: "hi",
  vietnamese: "vi",
  vietnamita: "vi",
  korean: "ko",
  coreano: "ko",
  russian: "ru",
  ruso: "ru",
  french: "fr",
  frances: "fr",
  portuguese: "pt",
  portugues: "pt",
  arabic: "ar",
  arabe: "ar",
  japanese: "ja",
  japones: "ja",
  german: "de",
  aleman: "de",
  farsi: "fa",
  persian: "fa",
  punjabi: "pa",
  urdu: "ur",
  haitian: "ht",
  "haitian creole": "ht",
  creole: "ht",
  polish: "pl",
  ukrainian: "uk",
  somali: "so",
  amharic: "am",
  tigrinya: "ti",
  swahili: "sw",
  "sign language": "sgn",
  asl: "ase",
  "american sign language": "ase",
  "lengua de senas": "sgn",
};

/** "English, Spanish" / "inglés y español" → named languages with their codes (null if unknown). */
export function splitLanguages(text: string): { name: string; code: string | null }[] {
  const seen = new Set<string>();
  const out: { name: string; code: string | null }[] = [];
  for (const part of text.split(/[,;/|+&]|\band\b|\by\b/i)) {
    const name = part.trim();
    const key = normalise(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const code = LANGUAGE_CODES[key] ?? (/^[a-z]{2}$/.test(key) ? key : null);
    out.push({ name, code });
  }
  return out;
}

/** The Mutuo categories whose words appear in the text (whole words, accent-free). */
export function categoriesIn(text: string): CategoryCode[] {
  const padded = ` ${normalise(text)} `;
  return CATEGORY_TERMS.filter(
    (t) =>
      padded.includes(` ${normalise(t.code.replace(/_/g, " "))} `) ||
      padded.includes(` ${normalise(t.en)} `) ||
      padded.includes(` ${normalise(t.es)} `) ||
      t.words.some((w) => padded.includes(` ${normalise(w)} `)),
  ).map((t) => t.code);
}

/** A problem of one cell (or one row, when column is null) of a CSV file. */
export function csvProblem(
  severity: HsdsProblem["severity"],
  file: string,
  row: number,
  column: string | null,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
  table: string | null = null,
  id: string | null = null,
): HsdsProblem {
  // The pointer counts data rows from 1 (as H1's tabular reader does); params.row is the
  // spreadsheet row a person sees (the header is row 1).
  const pointer = `/${file}/${row - 1}${column === null ? "" : `/${column}`}`;
  return { severity, table, id, file, pointer, code, params: { row, ...params }, message };
}
