import type { Config } from "../config";
import type { Database } from "../db/connect";
import type { Language } from "../lib/i18n";

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** The current time; tests inject a fixed or moving clock. */
    clock: () => Date;
  }
  interface FastifyRequest {
    language: Language;
  }
}
