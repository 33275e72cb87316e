// Merges per-area catalogs into one tree; a key defined twice is an error, so two areas can
// never silently overwrite each other.
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
