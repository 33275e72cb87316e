// Builds the Fastify application: plugins, error handling, API modules, and the web app.
import { randomUUID } from "node:crypto";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { type Config, tileSource } from "../config";
import type { Database } from "../db/connect";
import { type Mailer, registerMailer } from "../lib/mail";
import { accountRoutes } from "../modules/accounts/routes";
import { hsdsApiRoutes } from "../modules/directory/hsds/api";
import { directoryImportRoutes } from "../modules/directory/import-routes";
import { directoryRoutes } from "../modules/directory/routes";
import { stewardshipRoutes } from "../modules/directory/stewardship-routes";
import { duplicateRoutes } from "../modules/exchange/duplicates-routes";
import { recordRoutes } from "../modules/exchange/records-routes";
import { exchangeRoutes } from "../modules/exchange/routes";
import { groupRoutes } from "../modules/groups/routes";
import { importRoutes } from "../modules/imports/routes";
import { instanceRoutes } from "../modules/instance/routes";
import { locationRoutes } from "../modules/location/routes";
import { messageRoutes } from "../modules/messages/routes";
import { offerRoutes } from "../modules/offers/routes";
import { setupGatePlugin } from "../modules/setup/gate";
import { setupRoutes } from "../modules/setup/routes";
import { version } from "../version";
import { authPlugin } from "./auth";
import { type NotFoundOptions, registerErrorHandling } from "./errors";
import { createEventBus } from "./events";
import { healthRoutes } from "./health";
import { languagePlugin } from "./language";
import { originCheckPlugin } from "./origin";
import { registerPolicyEnforcement } from "./policy";
import "./types";
import { registerWeb } from "./web";

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions["logger"];
  /** Folder of the built web app; undefined serves the API only. */
  webDir?: string | undefined;
  /** The current time (tests inject one); defaults to the system clock. */
  clock?: () => Date;
  /** Outgoing mail; defaults to SMTP_URL's server, else the log (tests pass an in-memory one). */
  mailer?: Mailer;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    // Keep a caller's request id when it is sane, so logs line up across a proxy.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: "idle",
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("database", database);
  app.decorate("config", config);
  app.decorate("clock", options.clock ?? (() => new Date()));
  const events = createEventBus(database, { log: app.log });
  app.decorate("events", events);
  // Before the server stops accepting: ends the live streams, which would otherwise hold it open.
  app.addHook("preClose", async () => {
    await events.close();
  });
  registerMailer(app, options.mailer);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(fastifyCookie);
  await app.register(languagePlugin, { fallback: config.defaultLanguage });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles come from the configured tile server.
        imgSrc: ["'self'", "data:", ...[tileSource(config.tileUrl)].filter((s) => s !== null)],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only means something over TLS; it is added below when the request came that way.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
  });
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(originCheckPlugin, { allowed: config.allowedOrigins });
  await app.register(authPlugin);
  await app.register(setupGatePlugin);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mutuo API",
        version,
        description:
          "Mutual aid and community resource sharing. Errors are RFC 9457 application/problem+json.",
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // Only the API and the health check are part of the public contract.
      if (!/^\/(api\/v1|healthz)/.test(input.url))
        return { ...out, schema: { ...out.schema, hide: true } };
      return out;
    },
  });

  // Must come before any route, so the 405 detector sees them all.
  const notFound: NotFoundOptions = {};
  registerErrorHandling(app, notFound);
  registerPolicyEnforcement(app);

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(instanceRoutes);
      await api.register(setupRoutes);
      await api.register(accountRoutes);
      await api.register(groupRoutes);
      await api.register(exchangeRoutes);
      await api.register(duplicateRoutes);
      await api.register(recordRoutes);
      await api.register(messageRoutes);
      await api.register(importRoutes);
      await api.register(locationRoutes);
      await api.register(offerRoutes);
      await api.register(directoryRoutes);
      await api.register(directoryImportRoutes);
      await api.register(stewardshipRoutes);
    },
    { prefix: "/api/v1" },
  );
  // The Open Referral HSDS API: read-only, public, its own shapes (hsds/api.ts).
  await app.register(hsdsApiRoutes, { prefix: "/hsds" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  notFound.htmlFallback = await registerWeb(app, options.webDir);

  app.addHook("onClose", async () => {
    await database.close();
  });
  return app;
}
