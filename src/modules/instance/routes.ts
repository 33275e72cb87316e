import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { version } from "../../version";
import { metaResponse } from "./contract";
import { instancePolicy } from "./policy";
import { presentMeta } from "./present";
import { getInstance } from "./store";

export const instanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/meta",
    {
      config: { policy: instancePolicy.readMeta },
      schema: {
        summary:
          "What this installation is: version, languages, database kind, maps, address lookup",
        tags: ["instance"],
        response: { 200: metaResponse },
      },
    },
    async () => {
      const row = await getInstance(app.database.db);
      return presentMeta(
        row,
        version,
        app.database.kind,
        { tileUrl: app.config.tileUrl, attribution: app.config.tileAttribution },
        app.config.geocoder !== undefined,
      );
    },
  );
};
