import { z } from "zod";

export const metaResponse = z.object({
  name: z.string(),
  version: z.string(),
  languages: z.array(z.enum(["en", "es"])),
  database: z.enum(["pglite", "postgres"]),
  instanceId: z.uuid(),
  installedAt: z.iso.datetime(),
});
export type Meta = z.infer<typeof metaResponse>;
