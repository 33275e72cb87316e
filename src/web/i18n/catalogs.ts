// All translation catalogs, one file per area and language, merged into one tree per language.
// Areas may share a top-level section (each adds its own `problem.*` codes); a key defined twice
// is an error, so two areas can never silently overwrite each other.
import enAccounts from "./accounts/en.json";
import esAccounts from "./accounts/es.json";
import en from "./en.json";
import es from "./es.json";
import enGroups from "./groups/en.json";
import esGroups from "./groups/es.json";
import enMaps from "./maps/en.json";
import esMaps from "./maps/es.json";
import enScreens from "./screens/en.json";
import esScreens from "./screens/es.json";

export type Catalog = { [key: string]: string | Catalog };

export function mergeCatalogs(parts: Catalog[], path = ""): Catalog {
  const out: Catalog = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      const where = path ? `${path}.${key}` : key;
      if (existing === undefined) {
        out[key] = typeof value === "string" ? value : mergeCatalogs([value], where);
      } else if (typeof existing === "string" || typeof value === "string") {
        throw new Error(`translation key "${where}" is defined twice`);
      } else {
        out[key] = mergeCatalogs([existing, value], where);
      }
    }
  }
  return out;
}

export const catalogs = {
  en: mergeCatalogs([en, enAccounts, enGroups, enMaps, enScreens]),
  es: mergeCatalogs([es, esAccounts, esGroups, esMaps, esScreens]),
} as const;
