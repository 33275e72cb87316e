import type { Config } from "../config";
import type { Database } from "../db/connect";
import type { Language } from "../lib/i18n";

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
  interface FastifyRequest {
    language: Language;
  }
}
