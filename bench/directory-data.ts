// A directory for the benchmark: N HSDS services (default 100,000) as NDJSON, one organization a
// line with its places and services nested, deterministic for a seed. Places cluster around 30
// city centres (gaussian, a few km) in 8 time zones; services get weekday hours, some weekends,
// some "2nd and 4th Friday", some overnight, holiday closures; English always, Spanish about
// half the time, other languages sometimes; one Mutuo category and a few access terms; names and
// descriptions from English and Spanish words so trigram search has work to do.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { ACCESS_TERMS, CATEGORY_TERMS } from "../src/modules/directory/taxonomy";

export interface City {
  name: string;
  lat: number;
  lng: number;
  zone: string;
  state: string;
  country: string;
  /** Relative size: share of organizations. */
  weight: number;
  /** Spanish-speaking place: names and descriptions mostly in Spanish. */
  spanish?: boolean;
}

export const CITIES: City[] = [
  {
    name: "San Mateo",
    lat: 37.563,
    lng: -122.325,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 3,
  },
  {
    name: "San Jose",
    lat: 37.338,
    lng: -121.886,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 5,
  },
  {
    name: "Oakland",
    lat: 37.804,
    lng: -122.271,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 4,
  },
  {
    name: "San Francisco",
    lat: 37.775,
    lng: -122.419,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 6,
  },
  {
    name: "Los Angeles",
    lat: 34.052,
    lng: -118.244,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 10,
  },
  {
    name: "San Diego",
    lat: 32.716,
    lng: -117.161,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 5,
  },
  {
    name: "Fresno",
    lat: 36.738,
    lng: -119.787,
    zone: "America/Los_Angeles",
    state: "CA",
    country: "US",
    weight: 2,
  },
  {
    name: "Seattle",
    lat: 47.606,
    lng: -122.332,
    zone: "America/Los_Angeles",
    state: "WA",
    country: "US",
    weight: 4,
  },
  {
    name: "Portland",
    lat: 45.515,
    lng: -122.679,
    zone: "America/Los_Angeles",
    state: "OR",
    country: "US",
    weight: 3,
  },
  {
    name: "Denver",
    lat: 39.739,
    lng: -104.99,
    zone: "America/Denver",
    state: "CO",
    country: "US",
    weight: 3,
  },
  {
    name: "Albuquerque",
    lat: 35.084,
    lng: -106.651,
    zone: "America/Denver",
    state: "NM",
    country: "US",
    weight: 2,
  },
  {
    name: "Phoenix",
    lat: 33.448,
    lng: -112.074,
    zone: "America/Phoenix",
    state: "AZ",
    country: "US",
    weight: 4,
  },
  {
    name: "Chicago",
    lat: 41.878,
    lng: -87.63,
    zone: "America/Chicago",
    state: "IL",
    country: "US",
    weight: 7,
  },
  {
    name: "Houston",
    lat: 29.76,
    lng: -95.37,
    zone: "America/Chicago",
    state: "TX",
    country: "US",
    weight: 6,
  },
  {
    name: "San Antonio",
    lat: 29.424,
    lng: -98.494,
    zone: "America/Chicago",
    state: "TX",
    country: "US",
    weight: 4,
  },
  {
    name: "Dallas",
    lat: 32.777,
    lng: -96.797,
    zone: "America/Chicago",
    state: "TX",
    country: "US",
    weight: 4,
  },
  {
    name: "Minneapolis",
    lat: 44.978,
    lng: -93.265,
    zone: "America/Chicago",
    state: "MN",
    country: "US",
    weight: 2,
  },
  {
    name: "New York",
    lat: 40.713,
    lng: -74.006,
    zone: "America/New_York",
    state: "NY",
    country: "US",
    weight: 10,
  },
  {
    name: "Philadelphia",
    lat: 39.953,
    lng: -75.165,
    zone: "America/New_York",
    state: "PA",
    country: "US",
    weight: 4,
  },
  {
    name: "Boston",
    lat: 42.36,
    lng: -71.059,
    zone: "America/New_York",
    state: "MA",
    country: "US",
    weight: 3,
  },
  {
    name: "Atlanta",
    lat: 33.749,
    lng: -84.388,
    zone: "America/New_York",
    state: "GA",
    country: "US",
    weight: 3,
  },
  {
    name: "Miami",
    lat: 25.762,
    lng: -80.192,
    zone: "America/New_York",
    state: "FL",
    country: "US",
    weight: 4,
  },
  {
    name: "Ciudad de México",
    lat: 19.433,
    lng: -99.133,
    zone: "America/Mexico_City",
    state: "CDMX",
    country: "MX",
    weight: 8,
    spanish: true,
  },
  {
    name: "Guadalajara",
    lat: 20.659,
    lng: -103.349,
    zone: "America/Mexico_City",
    state: "JAL",
    country: "MX",
    weight: 3,
    spanish: true,
  },
  {
    name: "Monterrey",
    lat: 25.686,
    lng: -100.316,
    zone: "America/Monterrey",
    state: "NL",
    country: "MX",
    weight: 3,
    spanish: true,
  },
  {
    name: "Madrid",
    lat: 40.417,
    lng: -3.704,
    zone: "Europe/Madrid",
    state: "M",
    country: "ES",
    weight: 6,
    spanish: true,
  },
  {
    name: "Barcelona",
    lat: 41.385,
    lng: 2.173,
    zone: "Europe/Madrid",
    state: "B",
    country: "ES",
    weight: 5,
    spanish: true,
  },
  {
    name: "Valencia",
    lat: 39.47,
    lng: -0.376,
    zone: "Europe/Madrid",
    state: "V",
    country: "ES",
    weight: 3,
    spanish: true,
  },
  {
    name: "Sevilla",
    lat: 37.389,
    lng: -5.984,
    zone: "Europe/Madrid",
    state: "SE",
    country: "ES",
    weight: 3,
    spanish: true,
  },
  {
    name: "Bilbao",
    lat: 43.263,
    lng: -2.935,
    zone: "Europe/Madrid",
    state: "BI",
    country: "ES",
    weight: 2,
    spanish: true,
  },
];

/** Deterministic random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  gaussian(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  /** A random (version 4 layout) UUID from this generator. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = "4";
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

const EN_ORG = [
  "Community",
  "Neighborhood",
  "Family",
  "Hope",
  "Harvest",
  "Unity",
  "Good Shepherd",
  "Open Door",
  "Riverside",
  "Hillside",
  "Sunrise",
  "Bridge",
  "Helping Hands",
  "Second Harvest",
  "Saint Vincent",
];
const EN_KIND = [
  "Center",
  "Services",
  "Alliance",
  "Network",
  "Project",
  "Collective",
  "Mission",
  "Coalition",
  "Foundation",
  "Outreach",
];
const ES_ORG = [
  "Comunitario",
  "Vecinal",
  "Esperanza",
  "Solidaridad",
  "Familias Unidas",
  "Puerta Abierta",
  "San Vicente",
  "Buen Pastor",
  "Nueva Vida",
  "Manos Amigas",
  "Caritas",
  "Cosecha",
];
const ES_KIND = [
  "Centro",
  "Asociación",
  "Red",
  "Proyecto",
  "Colectivo",
  "Fundación",
  "Misión",
  "Comedor",
  "Casa",
];
const EN_WORDS =
  "we offer free help for families seniors children veterans immigrants and anyone in need bring a bag no questions asked volunteers staff bilingual fresh produce canned goods diapers hygiene kits warm clothes blankets referrals case management appointments walk in weekly monthly near the bus stop downtown library church school park community room".split(
    " ",
  );
const ES_WORDS =
  "ofrecemos ayuda gratuita para familias personas mayores niños veteranos inmigrantes y cualquier persona necesitada traiga una bolsa sin preguntas voluntarios personal bilingüe frutas verduras frescas alimentos enlatados pañales artículos de higiene ropa de abrigo mantas orientación cita previa cada semana cada mes cerca de la parada del autobús centro biblioteca iglesia escuela parque salón comunitario".split(
    " ",
  );
const STREETS = [
  "Main St",
  "El Camino Real",
  "Oak Ave",
  "2nd Ave",
  "Mission St",
  "Broadway",
  "Calle Mayor",
  "Avenida Juárez",
  "Gran Vía",
  "Calle de Alcalá",
  "Market St",
  "Park Blvd",
];
const OTHER_LANGUAGES: [string, string][] = [
  ["zh", "Chinese"],
  ["vi", "Vietnamese"],
  ["tl", "Tagalog"],
  ["ar", "Arabic"],
  ["ru", "Russian"],
  ["fr", "French"],
  ["pt", "Portuguese"],
];

function sentence(d: Draw, words: readonly string[], count: number): string {
  const text = Array.from({ length: count }, () => d.pick(words)).join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function hhmm(h: number, m = 0): string {
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** A service's schedules: weekday hours mostly, sometimes weekends, monthly days, nights, closures. */
export function schedules(d: Draw, today: Date): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const rule = (r: Record<string, unknown>) => out.push({ id: d.uuid(), ...r });
  const kind = d.next();
  if (kind < 0.05) return out; // hours unknown
  if (kind < 0.1) {
    rule({
      freq: "WEEKLY",
      byday: "MO,TU,WE,TH,FR,SA,SU",
      opens_at: "19:00",
      closes_at: "07:00",
      description: "Overnight shelter",
    });
  } else if (kind < 0.25) {
    const day = d.pick(["MO", "TU", "WE", "TH", "FR", "SA"]);
    const nths = d.pick(["1", "2", "-1", "1,3", "2,4"]).split(",");
    const start = d.int(8, 16);
    rule({
      freq: "MONTHLY",
      byday: nths.map((n) => `${n}${day}`).join(","),
      opens_at: hhmm(start),
      closes_at: hhmm(start + 2),
    });
  } else {
    const open = d.int(7, 10);
    const close = d.int(15, 19);
    const days = d.chance(0.8) ? "MO,TU,WE,TH,FR" : d.pick(["MO,WE,FR", "TU,TH", "MO,TU,WE,TH"]);
    if (d.chance(0.2)) {
      rule({ freq: "WEEKLY", byday: days, opens_at: hhmm(open), closes_at: "12:00" });
      rule({ freq: "WEEKLY", byday: days, opens_at: "13:00", closes_at: hhmm(close) });
    } else
      rule({
        freq: "WEEKLY",
        byday: days,
        opens_at: hhmm(open, d.pick([0, 30])),
        closes_at: hhmm(close),
      });
    if (d.chance(0.3)) rule({ freq: "WEEKLY", byday: "SA", opens_at: "10:00", closes_at: "14:00" });
    if (d.chance(0.1)) rule({ freq: "WEEKLY", byday: "SU", opens_at: "12:00", closes_at: "16:00" });
  }
  if (d.chance(0.15)) {
    const holiday = new Date(today.getTime() + d.int(-30, 60) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    rule({ valid_from: holiday, valid_to: holiday, x_mutuo_closed: true, description: "Holiday" });
  }
  return out;
}

function languages(d: Draw, spanish: boolean): Record<string, unknown>[] {
  const out = [{ id: d.uuid(), code: "en", name: "English" }];
  if (spanish || d.chance(0.5)) out.push({ id: d.uuid(), code: "es", name: "Spanish" });
  if (d.chance(0.25)) {
    const [code, name] = d.pick(OTHER_LANGUAGES);
    out.push({ id: d.uuid(), code, name });
  }
  return out;
}

function attributes(d: Draw): Record<string, unknown>[] {
  const category = d.chance(0.35) ? CATEGORY_TERMS[0] : d.pick(CATEGORY_TERMS);
  const terms = [category, ...ACCESS_TERMS.filter(() => d.chance(0.3))];
  return terms.map((t) => ({ id: d.uuid(), taxonomy_term_id: t.id, link_entity: "service" }));
}

function service(d: Draw, city: City, org: string, locationId: string, today: Date) {
  const category = d.pick(CATEGORY_TERMS);
  const spanish = city.spanish === true || d.chance(0.15);
  const words = spanish ? ES_WORDS : EN_WORDS;
  const label = spanish ? category.es : category.en;
  const id = d.uuid();
  return {
    id,
    name: `${label} ${spanish ? "de" : "at"} ${org}`,
    status: "active",
    description: `${sentence(d, [...words, ...category.words], d.int(12, 35))} ${sentence(d, words, d.int(6, 15))}`,
    email: `info${d.int(1, 999)}@example.org`,
    phones: [
      {
        id: d.uuid(),
        number: `+1 555 ${String(d.int(0, 9_999_999)).padStart(7, "0")}`,
        type: "voice",
      },
    ],
    schedules: schedules(d, today),
    languages: languages(d, spanish),
    attributes: attributes(d),
    service_at_locations: [{ id: d.uuid(), location_id: locationId }],
  };
}

function organization(d: Draw, city: City, services: number, today: Date) {
  const spanish = city.spanish === true;
  const name = spanish
    ? `${d.pick(ES_KIND)} ${d.pick(ES_ORG)} ${city.name}`
    : `${d.pick(EN_ORG)} ${d.pick(EN_KIND)} of ${city.name}`;
  const locations = Array.from({ length: services > 3 && d.chance(0.3) ? 2 : 1 }, (_, i) => {
    const lat = city.lat + d.gaussian() * 0.03; // about 3 km
    const lng = city.lng + (d.gaussian() * 0.03) / Math.cos((city.lat * Math.PI) / 180);
    return {
      id: d.uuid(),
      location_type: "physical",
      name: i === 0 ? name : `${name} (${spanish ? "anexo" : "annex"})`,
      latitude: Math.round(lat * 1e6) / 1e6,
      longitude: Math.round(lng * 1e6) / 1e6,
      addresses: [
        {
          id: d.uuid(),
          address_1: `${d.int(1, 4999)} ${d.pick(STREETS)}`,
          city: city.name,
          state_province: city.state,
          postal_code: String(d.int(10000, 99999)),
          country: city.country,
          address_type: "physical",
        },
      ],
    };
  });
  const orgName = name;
  return {
    id: d.uuid(),
    name: orgName,
    description: sentence(d, spanish ? ES_WORDS : EN_WORDS, d.int(10, 25)),
    website: `https://example.org/${d.int(1, 1e6)}`,
    locations,
    services: Array.from({ length: services }, () =>
      service(d, city, orgName, d.pick(locations).id, today),
    ),
  };
}

/** The city at `at` along the cities laid end to end by weight. */
function weightedCity(at: number): City {
  let left = at;
  for (const c of CITIES) {
    left -= c.weight;
    if (left < 0) return c;
  }
  return CITIES[0] as City;
}

/** How many services each organization has: 1 to 9, five on average. */
function servicesOfNext(d: Draw, left: number): number {
  return Math.min(left, d.int(1, 9));
}

export interface Generated {
  /** One NDJSON file per time zone, each imported with that zone. */
  files: { zone: string; file: string; organizations: number; services: number; records: number }[];
  services: number;
  records: number;
}

/** Writes the NDJSON files into `dir`; `today` anchors holiday closures. */
export async function generateDirectory(
  dir: string,
  count: number,
  seed: number,
  today: Date,
): Promise<Generated> {
  const d = new Draw(random(seed));
  const totalWeight = CITIES.reduce((n, c) => n + c.weight, 0);
  const zones = [...new Set(CITIES.map((c) => c.zone))];
  const outs = new Map(
    zones.map((zone) => {
      const file = path.join(dir, `directory-${zone.replace("/", "_")}.ndjson`);
      return [
        zone,
        { zone, file, stream: createWriteStream(file), organizations: 0, services: 0, records: 0 },
      ];
    }),
  );
  let made = 0;
  while (made < count) {
    const city = weightedCity(d.next() * totalWeight);
    const n = servicesOfNext(d, count - made);
    const org = organization(d, city, n, today);
    const out = outs.get(city.zone);
    if (!out) throw new Error(`no file for ${city.zone}`);
    if (!out.stream.write(`${JSON.stringify(org)}\n`)) await once(out.stream, "drain");
    out.organizations += 1;
    out.services += n;
    out.records += countRecords(org);
    made += n;
  }
  const files = [];
  for (const out of outs.values()) {
    out.stream.end();
    await once(out.stream, "finish");
    if (out.services)
      files.push({
        zone: out.zone,
        file: out.file,
        organizations: out.organizations,
        services: out.services,
        records: out.records,
      });
  }
  return { files, services: made, records: files.reduce((n, f) => n + f.records, 0) };
}

/** Every HSDS row an object becomes (itself and everything nested). */
function countRecords(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countRecords(v), 0);
  if (typeof value !== "object" || value === null) return 0;
  return (
    1 +
    Object.values(value).reduce(
      (n: number, v) => n + (typeof v === "object" && v !== null ? countRecords(v) : 0),
      0,
    )
  );
}
