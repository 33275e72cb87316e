// HTTP for the public directory: search, the service page, and its one-SMS text version.
// parse (contract) -> check (policy, in config) -> act (search, service-page) -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Problem } from "../../server/problem";
import * as c from "./contract";
import { parseOpenAt } from "./open-at";
import { directoryPolicy as p } from "./policy";
import { searchDirectory } from "./search";
import { loadServicePage, presentServicePage } from "./service-page";
import { serviceText } from "./sms";

/** Public answers may be cached briefly: "open now" must not go stale for long. */
export const PUBLIC_CACHE = "public, max-age=60";
/** The service page and its text are in the visitor's language, and can_edit is per viewer. */
const VARY = "accept-language, cookie";

const textQuery = z.strictObject({ lang: z.enum(["en", "es"]).optional() });

/** A translated 400 for what the schema cannot see: an unreadable time, half a place. */
export function checkSearchQuery(query: c.SearchQuery, now: Date): void {
  if (query.open_at !== undefined && !parseOpenAt(query.open_at, now)) {
    throw new Problem(400, "directory_open_at_invalid", {}, [
      { parameter: "open_at", code: "directory_open_at_invalid", detail: query.open_at },
    ]);
  }
  if ((query.lat === undefined) !== (query.lng === undefined)) {
    throw new Problem(400, "directory_near_incomplete");
  }
}

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const settings = app.config.directory;

  app.get(
    "/directory/search",
    {
      config: { policy: p.search },
      schema: {
        tags: ["directory"],
        summary: "Search the resource directory: words, near a place, open at, language, filters",
        querystring: c.searchQuery,
        response: { 200: c.searchResponse },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      checkSearchQuery(request.query, now);
      const lang = request.query.lang ?? request.language;
      const result = await searchDirectory(app.database.db, request.query, {
        now,
        lang,
        timeZone: settings.timeZone,
      });
      reply.header("cache-control", PUBLIC_CACHE);
      return result;
    },
  );

  app.get(
    "/directory/services/:serviceId",
    {
      config: { policy: p.viewService },
      schema: {
        tags: ["directory"],
        summary: "A listing: hours in local time, places, phones, requirements, capacity",
        params: c.serviceParams,
        response: { 200: c.serviceDetail },
      },
    },
    async (request, reply) => {
      const page = await loadServicePage(app.database.db, request.params.serviceId);
      if (!page) throw new Problem(404, "directory_service_not_found");
      // can_edit depends on who asks: only anonymous answers may be shared by caches.
      reply
        .header("cache-control", request.viewer.user ? "private, no-store" : PUBLIC_CACHE)
        .header("vary", VARY);
      return presentServicePage(page, request.viewer, {
        now: app.clock(),
        lang: request.language,
        timeZone: settings.timeZone,
        directionsUrl: settings.directionsUrl,
      });
    },
  );

  app.get(
    "/directory/services/:serviceId/text",
    {
      config: { policy: p.serviceText },
      schema: {
        tags: ["directory"],
        summary: "A listing as plain text that fits in one SMS (160 GSM-7 characters)",
        params: c.serviceParams,
        querystring: textQuery,
        produces: ["text/plain"],
      },
    },
    async (request, reply) => {
      const page = await loadServicePage(app.database.db, request.params.serviceId);
      if (!page) throw new Problem(404, "directory_service_not_found");
      const text = serviceText(page, request.query.lang ?? request.language, {
        now: app.clock(),
        timeZone: settings.timeZone,
      });
      return reply
        .header("cache-control", PUBLIC_CACHE)
        .header("vary", VARY)
        .type("text/plain; charset=utf-8")
        .send(text);
    },
  );
};
