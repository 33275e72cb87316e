// The Open Referral HSDS 3.0 API under /hsds: read-only and public, for other systems. Paths,
// parameters and page shape follow the official schema/openapi.json; objects are compiled by
// compile.ts; Mutuo's profile adds near/open/language/access filters (docs/hsds-profile.md).
// These routes stay out of Mutuo's own /api/v1 OpenAPI document.
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../../db/connect";
import { Problem } from "../../../server/problem";
import { parseOpenAt } from "../open-at";
import { directoryPolicy as p } from "../policy";
import * as c from "./api-contract";
import {
  type HsdsFilters,
  hsdsFiltersOf,
  idsAfter,
  openIds,
  organizationsList,
  pageOfIds,
  pageOfSimple,
  type SimpleList,
  STREAM_BATCH,
  settleMatch,
  simpleIdsAfter,
  taxonomiesList,
  taxonomyTermsList,
  type Unit,
} from "./api-query";
import {
  compileOrganizations,
  compileServiceAtLocations,
  compileServices,
  compileTaxonomies,
  compileTaxonomyTerms,
} from "./compile";

/** Listings change rarely; other systems poll. */
const HSDS_CACHE = "public, max-age=300";

/** Compiles HSDS objects for ids, in the order of the ids (compile.ts). */
type Compiler = (db: Db, ids: string[]) => Promise<Record<string, unknown>[]>;

const compilers = {
  service:
    (full: boolean): Compiler =>
    (db, ids) =>
      compileServices(db, ids, { full }),
  service_at_location:
    (full: boolean): Compiler =>
    (db, ids) =>
      compileServiceAtLocations(db, ids, { full }),
  organization:
    (full: boolean): Compiler =>
    (db, ids) =>
      compileOrganizations(db, ids, { full }),
  taxonomy: (): Compiler => compileTaxonomies,
  taxonomy_term: (): Compiler => compileTaxonomyTerms,
};

/** The official Page shape around one page of objects. */
export function hsdsPage(contents: unknown[], total: number, page: number, perPage: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Every object, one JSON a line, fetched and compiled a batch at a time. */
function ndjson(
  reply: FastifyReply,
  next: (after: string | null) => Promise<string[]>,
  db: Db,
  compile: Compiler,
) {
  async function* lines() {
    let after: string | null = null;
    for (;;) {
      const ids = await next(after);
      if (ids.length === 0) return;
      for (const object of await compile(db, ids)) yield `${JSON.stringify(object)}\n`;
      after = ids.at(-1) ?? null;
      if (ids.length < STREAM_BATCH) return;
    }
  }
  return reply
    .header("cache-control", HSDS_CACHE)
    .type("application/x-ndjson; charset=utf-8")
    .send(Readable.from(lines()));
}

function pageArgs(q: { page?: number | undefined; per_page?: number | undefined }) {
  const page = q.page ?? 1;
  const perPage = q.per_page ?? c.HSDS_PAGE.defaultPerPage;
  return { page, perPage, limit: perPage, offset: (page - 1) * perPage };
}

/** A translated 400 for what the schema cannot see (same rules as /api/v1/directory/search). */
function checkProfile(q: c.ServicesQuery, now: Date) {
  if (q.open_at !== undefined && !parseOpenAt(q.open_at, now)) {
    throw new Problem(400, "directory_open_at_invalid");
  }
  if ((q.lat === undefined) !== (q.lng === undefined)) {
    throw new Problem(400, "directory_near_incomplete");
  }
}

export const hsdsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const base = `${app.config.publicUrl}/hsds`;
  const timeZone = app.config.directory.timeZone;
  const route = { config: { policy: p.hsdsRead } };
  const hidden = { hide: true, tags: ["hsds"] };

  app.get("/", { ...route, schema: hidden }, async (_request, reply) => {
    reply.header("cache-control", HSDS_CACHE);
    return { version: c.HSDS_VERSION, profile: `${base}/profile`, openapi_url: c.HSDS_OPENAPI_URL };
  });

  app.get("/profile", { ...route, schema: hidden }, async (_request, reply) => {
    reply.header("cache-control", HSDS_CACHE);
    return c.MUTUO_PROFILE;
  });

  /** /services and /service_at_locations: the same filters over a different unit. */
  async function listServices(unit: Unit, q: c.ServicesQuery, reply: FastifyReply) {
    const now = app.clock();
    checkProfile(q, now);
    const filters: HsdsFilters = await settleMatch(db, unit, hsdsFiltersOf(q));
    const compile = compilers[unit](q.full ?? false);
    const when = q.open_at ? parseOpenAt(q.open_at, now) : null;
    const { page, perPage, limit, offset } = pageArgs(q);
    if (when) {
      const ids = await openIds(db, unit, filters, when, { now, timeZone });
      if (q.format === "ndjson") {
        return ndjson(reply, async (after) => batchAfter(ids, after), db, compile);
      }
      const pageIds = ids.slice(offset, offset + limit);
      reply.header("cache-control", HSDS_CACHE);
      return hsdsPage(await compile(db, pageIds), ids.length, page, perPage);
    }
    if (q.format === "ndjson") {
      return ndjson(
        reply,
        (after) => idsAfter(db, unit, filters, after, STREAM_BATCH),
        db,
        compile,
      );
    }
    const { ids, total } = await pageOfIds(db, unit, filters, { limit, offset });
    reply.header("cache-control", HSDS_CACHE);
    return hsdsPage(await compile(db, ids), total, page, perPage);
  }

  async function listSimple(
    list: SimpleList,
    q: { page?: number; per_page?: number; format?: "json" | "ndjson" },
    compile: Compiler,
    reply: FastifyReply,
  ) {
    if (q.format === "ndjson") {
      return ndjson(reply, (after) => simpleIdsAfter(db, list, after, STREAM_BATCH), db, compile);
    }
    const { page, perPage, limit, offset } = pageArgs(q);
    const { ids, total } = await pageOfSimple(db, list, { limit, offset });
    reply.header("cache-control", HSDS_CACHE);
    return hsdsPage(await compile(db, ids), total, page, perPage);
  }

  async function one(compile: Compiler, id: string, reply: FastifyReply) {
    const [object] = await compile(db, [id]);
    if (!object) throw new Problem(404, "hsds_not_found");
    reply.header("cache-control", HSDS_CACHE);
    return object;
  }

  app.get(
    "/services",
    { ...route, schema: { ...hidden, querystring: c.servicesQuery } },
    async (request, reply) => listServices("service", request.query, reply),
  );
  app.get(
    "/services/:id",
    { ...route, schema: { ...hidden, params: c.idParams } },
    async (request, reply) => one(compilers.service(true), request.params.id, reply),
  );
  app.get(
    "/service_at_locations",
    { ...route, schema: { ...hidden, querystring: c.serviceAtLocationsQuery } },
    async (request, reply) => listServices("service_at_location", request.query, reply),
  );
  app.get(
    "/service_at_locations/:id",
    { ...route, schema: { ...hidden, params: c.idParams } },
    async (request, reply) => one(compilers.service_at_location(true), request.params.id, reply),
  );
  app.get(
    "/organizations",
    { ...route, schema: { ...hidden, querystring: c.organizationsQuery } },
    async (request, reply) =>
      listSimple(
        await organizationsList(db, request.query.search),
        request.query,
        compilers.organization(request.query.full ?? false),
        reply,
      ),
  );
  app.get(
    "/organizations/:id",
    { ...route, schema: { ...hidden, params: c.idParams } },
    async (request, reply) => one(compilers.organization(true), request.params.id, reply),
  );
  app.get(
    "/taxonomies",
    { ...route, schema: { ...hidden, querystring: c.taxonomiesQuery } },
    async (request, reply) =>
      listSimple(taxonomiesList(request.query.search), request.query, compilers.taxonomy(), reply),
  );
  app.get(
    "/taxonomies/:id",
    { ...route, schema: { ...hidden, params: c.idParams } },
    async (request, reply) => one(compilers.taxonomy(), request.params.id, reply),
  );
  app.get(
    "/taxonomy_terms",
    { ...route, schema: { ...hidden, querystring: c.taxonomyTermsQuery } },
    async (request, reply) =>
      listSimple(taxonomyTermsList(request.query), request.query, compilers.taxonomy_term(), reply),
  );
  app.get(
    "/taxonomy_terms/:id",
    { ...route, schema: { ...hidden, params: c.idParams } },
    async (request, reply) => one(compilers.taxonomy_term(), request.params.id, reply),
  );
};

/** The next batch of an already known id list, for streaming. */
function batchAfter(ids: readonly string[], after: string | null): string[] {
  const start = after === null ? 0 : ids.indexOf(after) + 1;
  return ids.slice(start, start + STREAM_BATCH);
}
