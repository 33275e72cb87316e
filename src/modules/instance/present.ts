import type { DatabaseKind } from "../../db/connect";
import { languages } from "../../lib/i18n";
import type { Meta } from "./contract";
import type { InstanceRow } from "./store";

export function presentMeta(
  row: InstanceRow,
  version: string,
  database: DatabaseKind,
  map: Meta["map"],
  geocoder = false,
): Meta {
  return {
    name: "Mutuo",
    version,
    languages: [...languages],
    database,
    instanceId: row.id,
    installedAt: row.installedAt.toISOString(),
    map,
    geocoder,
  };
}
