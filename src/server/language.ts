// Every request carries the language its answer is written in: the remembered choice
// (cookie set by the web app), else Accept-Language, else the installation's default.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { fromAcceptLanguage, isLanguage, type Language } from "../lib/i18n";

export const LANGUAGE_COOKIE = "mutuo_lang";

export const languagePlugin = fp(async (app: FastifyInstance, opts: { fallback: Language }) => {
  app.decorateRequest("language", opts.fallback);
  app.addHook("onRequest", async (request) => {
    const remembered = request.cookies?.[LANGUAGE_COOKIE];
    request.language = isLanguage(remembered)
      ? remembered
      : (fromAcceptLanguage(request.headers["accept-language"]) ?? opts.fallback);
  });
});
