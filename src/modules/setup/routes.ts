import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { hashPassword } from "../../lib/password";
import { signIn } from "../../server/auth";
import { Problem } from "../../server/problem";
import { setupRequest, setupResponse, setupStatusResponse } from "./contract";
import { setupPolicy } from "./policy";
import { createFirstNetwork } from "./store";

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/setup",
    {
      config: { policy: setupPolicy.status },
      schema: {
        summary: "Whether first-run setup is still needed",
        tags: ["setup"],
        response: { 200: setupStatusResponse },
      },
    },
    async () => ({ required: !(await app.setupDone()) }),
  );

  app.post(
    "/setup",
    {
      config: { policy: setupPolicy.run },
      schema: {
        summary: "First-run setup: the network and its first administrator (once only)",
        tags: ["setup"],
        body: setupRequest,
        response: { 201: setupResponse },
      },
    },
    async (request, reply) => {
      if (await app.setupDone()) throw new Problem(409, "setup_done");
      const body = request.body;
      const created = await createFirstNetwork(app.database.db, {
        networkName: body.networkName,
        defaultLanguage: body.defaultLanguage,
        timeZone: body.timeZone,
        adminName: body.adminName,
        adminEmail: body.adminEmail.toLowerCase(),
        passwordHash: await hashPassword(body.adminPassword),
      });
      if (!created) throw new Problem(409, "setup_done");
      await signIn(app, request, reply, created.userId);
      return reply.code(201).send(created);
    },
  );
};
