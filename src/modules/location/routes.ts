// HTTP for places: looking up a typed address with the configured geocoder (off by default).
// parse (contract) -> check (policy, in config) -> act (geocoder.ts, model.ts) -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { limitBy, MINUTE, perIp, registerRateLimits } from "../../lib/rate-limit";
import { Problem } from "../../server/problem";
import { getGroup } from "../groups/store";
import * as c from "./contract";
import { GeocoderError, geocode } from "./geocoder";
import { areaBounds } from "./model";
import { locationPolicy as p } from "./policy";
import { presentGeocodeResults } from "./present";

export const LIMITS = {
  /** Per IP: a person trying a few spellings, not a script. */
  geocodePerIp: { max: 20, windowMs: MINUTE },
  /** This whole instance: Nominatim's public server allows one lookup a second at most. */
  geocodeAll: { max: 60, windowMs: MINUTE },
};

export const locationRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const scale = app.config.rateLimitScale;
  const geocoder = app.config.geocoder;

  app.post(
    "/geocode",
    {
      config: { policy: p.geocode, rateLimit: perIp(LIMITS.geocodePerIp, scale) },
      preHandler: limitBy(app, "geocode-all", LIMITS.geocodeAll, () => "all", scale),
      schema: {
        tags: ["location"],
        summary:
          "Look up a typed address with the configured geocoder (501 when none is configured)",
        body: c.geocodeRequest,
        response: { 200: c.geocodeResponse },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      if (!geocoder) throw new Problem(501, "geocoder_off");
      let bounds = null;
      if (request.body.groupId) {
        const group = await getGroup(app.database.db, request.body.groupId);
        if (!group) throw new Problem(404, "group_not_found");
        bounds = areaBounds(group.area);
      }
      try {
        const hits = await geocode(geocoder, {
          q: request.body.q,
          language: request.language,
          bounds,
        });
        return presentGeocodeResults(hits);
      } catch (err) {
        if (!(err instanceof GeocoderError)) throw err;
        // Never the query: it is where someone in need lives.
        request.log.warn(
          { geocoder: err.reason, upstreamStatus: err.upstreamStatus },
          "geocoder lookup failed",
        );
        throw new Problem(
          err.reason === "timeout" ? 504 : 502,
          err.reason === "timeout" ? "geocoder_timeout" : "geocoder_failed",
        );
      }
    },
  );
};
