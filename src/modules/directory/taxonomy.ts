// Mutuo's own two HSDS taxonomies: service categories (what the search's "category" filter
// offers) and access requirements (what a visitor does NOT need: no ID, no proof of address…).
// Both are ordinary HSDS taxonomy terms, linked to services by HSDS attributes, so they export
// and interoperate; their Spanish names and search words live here (decision 0020).
// Ids are fixed (UUID v5-style of "mutuo-directory:<code>") so every instance shares them.

export const CATEGORY_TAXONOMY_ID = "d4370ec0-157e-5f4f-8fab-34a5780209c6";
export const ACCESS_TAXONOMY_ID = "30774df2-8618-5774-8032-014ca9cde24a";
export const TAXONOMY_URI = "urn:mutuo:taxonomy:";

export interface MutuoTerm {
  readonly id: string;
  readonly code: string;
  readonly taxonomyId: string;
  readonly en: string;
  readonly es: string;
  /** Extra words people type for it, accent-free and lower case, in both languages. */
  readonly words: readonly string[];
}

function term(
  taxonomyId: string,
  code: string,
  id: string,
  en: string,
  es: string,
  words: string[],
): MutuoTerm {
  return { id, code, taxonomyId, en, es, words };
}

const C = CATEGORY_TAXONOMY_ID;
export const CATEGORY_TERMS = [
  term(
    C,
    "food_pantry",
    "53b79075-da9d-5496-8c30-3b3a6f322360",
    "Food pantry",
    "Despensa de comida",
    [
      "food",
      "pantry",
      "groceries",
      "food bank",
      "comida",
      "despensa",
      "alimentos",
      "banco de comida",
      "banco de alimentos",
      "viveres",
    ],
  ),
  term(C, "meals", "292bc25e-12f2-515e-8ae6-bb5417b97f1f", "Free meals", "Comidas gratis", [
    "meal",
    "hot meal",
    "soup kitchen",
    "lunch",
    "dinner",
    "comedor",
    "comida caliente",
    "almuerzo",
    "cena",
  ]),
  term(
    C,
    "shelter",
    "765ef0b4-6366-58d0-889a-b6a30b1a0be3",
    "Shelter and housing",
    "Albergue y vivienda",
    ["housing", "homeless", "bed", "rent", "albergue", "refugio", "vivienda", "renta", "alquiler"],
  ),
  term(C, "health", "da248b61-94ac-5c46-82ff-d63f34aba9ea", "Health care", "Atención médica", [
    "clinic",
    "doctor",
    "medical",
    "dental",
    "clinica",
    "medico",
    "salud",
    "dentista",
  ]),
  term(
    C,
    "mental_health",
    "5fd20f21-6c3c-5891-812c-840a19107851",
    "Mental health",
    "Salud mental",
    ["counseling", "counselling", "therapy", "crisis", "consejeria", "terapia", "psicologo"],
  ),
  term(C, "legal", "d08803b8-7899-51c4-8d1d-17102be8556b", "Legal aid", "Ayuda legal", [
    "lawyer",
    "legal",
    "tenant",
    "eviction",
    "abogado",
    "desalojo",
    "inquilino",
  ]),
  term(
    C,
    "immigration",
    "276b3ad6-3baa-5ca8-8f75-c9a4d895eb75",
    "Immigration help",
    "Ayuda de inmigración",
    ["immigration", "visa", "asylum", "daca", "inmigracion", "asilo", "migrante"],
  ),
  term(C, "clothing", "f5954e71-5cc9-5e7a-894c-ed7f7626bda0", "Clothing", "Ropa", [
    "clothes",
    "shoes",
    "coats",
    "ropa",
    "zapatos",
    "abrigos",
  ]),
  term(C, "transport", "9d58865b-69d2-5096-8f3e-8dd36a0eebcb", "Transportation", "Transporte", [
    "ride",
    "bus",
    "transit",
    "transporte",
    "viaje",
  ]),
  term(
    C,
    "utilities",
    "1daf45c9-ebb1-5848-8261-3af4413f40c3",
    "Utilities and bills",
    "Servicios y facturas",
    ["utility", "electricity", "water bill", "bills", "luz", "agua", "facturas", "cuentas"],
  ),
  term(C, "education", "15378e1d-d4c2-5e0b-839a-0aca6537e7ab", "Education", "Educación", [
    "school",
    "class",
    "esl",
    "english class",
    "escuela",
    "clases",
    "ingles",
  ]),
  term(C, "employment", "3b86aa1d-1278-510e-8299-f582de7a636c", "Jobs", "Empleo", [
    "job",
    "work",
    "employment",
    "trabajo",
    "empleo",
  ]),
  term(
    C,
    "childcare",
    "7a953b04-2b59-5eeb-8a58-f7782fa85a8e",
    "Children and families",
    "Niños y familias",
    ["child", "children", "kids", "family", "ninos", "familia", "guarderia"],
  ),
  term(C, "seniors", "e4778f25-36bf-5ee8-854a-50efd90e6559", "Older adults", "Personas mayores", [
    "senior",
    "elderly",
    "older",
    "mayores",
    "ancianos",
    "tercera edad",
  ]),
] as const satisfies readonly MutuoTerm[];

const A = ACCESS_TAXONOMY_ID;
export const ACCESS_TERMS = [
  term(
    A,
    "no_id",
    "9f6dc2c5-0e27-56aa-85ec-d8777fe83433",
    "No ID needed",
    "No se necesita identificación",
    ["no id", "sin identificacion", "sin id"],
  ),
  term(
    A,
    "no_proof_of_address",
    "597478bf-f129-5bd6-84ba-ca2fbd8a4f3f",
    "No proof of address",
    "Sin comprobante de domicilio",
    ["no address", "sin domicilio"],
  ),
  term(
    A,
    "no_income_proof",
    "c458e422-e168-55aa-8310-5b4cdb419316",
    "No proof of income",
    "Sin comprobante de ingresos",
    ["no income", "sin ingresos"],
  ),
  term(A, "no_appointment", "a4b3e0c2-3d43-5db1-8665-86aea108ecbf", "No appointment", "Sin cita", [
    "no appointment",
    "sin cita",
  ]),
  term(
    A,
    "walk_in",
    "f43b0c59-ddae-5090-8fa6-c1bfc6c9a777",
    "Walk-ins welcome",
    "Sin cita previa, llegue y ya",
    ["walk in", "walk-in", "drop in"],
  ),
  term(A, "free", "74af4b1e-d6ac-5728-87fc-6835ec539923", "Free", "Gratis", [
    "free",
    "gratis",
    "gratuito",
  ]),
] as const satisfies readonly MutuoTerm[];

export type CategoryCode = (typeof CATEGORY_TERMS)[number]["code"];
export type AccessCode = (typeof ACCESS_TERMS)[number]["code"];
export const CATEGORY_CODES = CATEGORY_TERMS.map((t) => t.code) as [
  CategoryCode,
  ...CategoryCode[],
];
export const ACCESS_CODES = ACCESS_TERMS.map((t) => t.code) as [AccessCode, ...AccessCode[]];

export const MUTUO_TERMS: readonly MutuoTerm[] = [...CATEGORY_TERMS, ...ACCESS_TERMS];
export const TERM_BY_ID: ReadonlyMap<string, MutuoTerm> = new Map(
  MUTUO_TERMS.map((t) => [t.id, t]),
);
export const TERM_BY_CODE: ReadonlyMap<string, MutuoTerm> = new Map(
  MUTUO_TERMS.map((t) => [t.code, t]),
);
