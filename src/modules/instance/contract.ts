import { z } from "zod";

export const metaResponse = z.object({
  name: z.string(),
  version: z.string(),
  languages: z.array(z.enum(["en", "es"])),
  database: z.enum(["pglite", "postgres"]),
  instanceId: z.uuid(),
  installedAt: z.iso.datetime(),
  /** Map tiles for the web app's maps (configurable: MUTUO_TILE_URL, MUTUO_TILE_ATTRIBUTION). */
  map: z.object({ tileUrl: z.string(), attribution: z.string() }),
  /** Whether typed addresses can be looked up (MUTUO_GEOCODER_URL is set); off by default. */
  geocoder: z.boolean(),
});
export type Meta = z.infer<typeof metaResponse>;
