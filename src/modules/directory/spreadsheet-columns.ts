// What a spreadsheet's columns and cells mean: targets guessed from English and Spanish headers,
// yes/no answers, requirement columns → access terms, category texts → Mutuo categories.
// Pure data and rules for spreadsheet.ts.
import { normalise } from "../imports/model";
import { categoriesIn } from "./import-common";
import { MULTI_COLUMN_TARGETS, type SheetMapping, type SheetTarget } from "./import-contract";
import { CATEGORY_TAXONOMY_ID, type CategoryCode, TERM_BY_CODE } from "./taxonomy";

// ---- guessing targets from headers (English and Spanish) ----

/** Tried in order on each normalised header; the first free target that matches wins. */
const HEADER_RULES: [SheetTarget, RegExp][] = [
  ["id", /^(id|key|clave|codigo|identifier|identificador|record id|row id)$/],
  ["latitude", /^(lat|latitude|latitud|y)$/],
  ["longitude", /^(lng|lon|long|longitude|longitud|x)$/],
  ["email", /\b(e ?mail|correo)\b/],
  ["phone", /\b(phone|telephone|telefono|tel|celular|movil|mobile|whatsapp)\b/],
  ["website", /\b(web ?site|web|url|pagina( web)?|sitio( web)?|link|enlace)\b/],
  ["hours", /\b(hours?|horario|horarios|schedule|open|abierto|when|cuando|dias)\b/],
  ["languages", /\b(languages?|idiomas?|lenguas?|spoken)\b/],
  [
    "id_required",
    /\b(id|identification|identificacion)\b.*\b(required|needed|requerid[oa]|necesari[oa])\b|\b(pide|piden|requiere|requieren|need|needs)\b.*\b(id|identification|identificacion)\b/,
  ],
  [
    "proof_of_address_required",
    /\b(proof of (address|residence)|comprobante de (domicilio|residencia))\b/,
  ],
  ["income_proof_required", /\b(proof of income|income proof|comprobante de ingresos|ingresos)\b/],
  ["appointment_required", /\b(appointment|cita)\b/],
  ["walk_in", /\b(walk ?ins?|sin cita previa)\b/],
  ["free", /^(free|gratis|gratuito)\b/],
  ["category", /\b(category|categoria|type|tipo|kind|clase)\b/],
  [
    "organization_name",
    /\b(organi[sz]ation|organizacion|agency|agencia|provider|proveedor|pantry|despensa|org)\b/,
  ],
  ["service_name", /\b(service|servicio|program|programa|name|nombre)\b/],
  ["address_2", /\b(address 2|address line 2|suite|apt|unit|direccion 2|interior|depto)\b/],
  ["address_1", /\b(address|street|direccion|calle|domicilio)\b/],
  ["city", /\b(city|ciudad|town|municipio|localidad|poblacion)\b/],
  ["state_province", /\b(state|province|estado|provincia|region)\b/],
  ["postal_code", /\b(zip|zip code|postal|postcode|codigo postal|cp)\b/],
  ["country", /\b(country|pais)\b/],
  ["description", /\b(description|descripcion|details|detalles|about|services offered|what)\b/],
  ["notes", /\b(notes?|notas?|comments?|comentarios?|remarks|observaciones)\b/],
];

/** What each column probably holds; "ignore" when unsure or already taken. */
export function guessTargets(header: readonly string[]): SheetTarget[] {
  const taken = new Set<SheetTarget>();
  return header.map((raw) => {
    const h = normalise(raw);
    if (!h) return "ignore";
    for (const [target, pattern] of HEADER_RULES) {
      if (!pattern.test(h)) continue;
      if (taken.has(target) && !MULTI_COLUMN_TARGETS.includes(target)) continue;
      taken.add(target);
      return target;
    }
    return "ignore";
  });
}

// ---- cells ----

const YES = /^(yes|y|si|s|true|1|x|required|requerid[oa]|obligatori[oa]|always|siempre)$/;
const NO = /^(no|n|false|0|not required|no requerid[oa]|none|ninguno|never|nunca)$/;

/** A yes/no cell in English or Spanish; null when blank, "unclear" when neither. */
export function yesNo(text: string): boolean | null | "unclear" {
  const key = normalise(text);
  if (!key) return null;
  if (YES.test(key)) return true;
  if (NO.test(key)) return false;
  return "unclear";
}

/** Requirement columns → the access term a "no" (or, for walk-in/free, a "yes") earns. */
export const ACCESS_OF: Partial<Record<SheetTarget, { code: string; when: boolean }>> = {
  id_required: { code: "no_id", when: false },
  proof_of_address_required: { code: "no_proof_of_address", when: false },
  income_proof_required: { code: "no_income_proof", when: false },
  appointment_required: { code: "no_appointment", when: false },
  walk_in: { code: "walk_in", when: true },
  free: { code: "free", when: true },
};

/** A category text: a choice made on the mapping screen, a category code, or its words. */
export function categoryOfText(
  text: string,
  choices: SheetMapping["categories"] = {},
): CategoryCode | null {
  const key = normalise(text);
  const chosen = choices[key] ?? choices[text.trim()];
  if (chosen) return chosen;
  const code = key.replace(/ /g, "_");
  if (TERM_BY_CODE.get(code)?.taxonomyId === CATEGORY_TAXONOMY_ID) return code as CategoryCode;
  return categoriesIn(text)[0] ?? null;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
