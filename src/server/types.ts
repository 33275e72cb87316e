import type { Config } from "../config";
import type { Database } from "../db/connect";
import type { Language } from "../lib/i18n";
import type { EventBus } from "./events";

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** The current time; tests inject a fixed or moving clock. */
    clock: () => Date;
    /** Live events between instances and to browsers (src/server/events.ts). */
    events: EventBus;
  }
  interface FastifyRequest {
    language: Language;
  }
}
