// Serves the built web app: hashed assets with long-lived caching (pre-compressed at build),
// and index.html for every client route, with <html lang> set to the visitor's language.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { translate } from "../lib/i18n";

const NOT_WEB = /^\/(api|hsds|healthz)(\/|$)/;

export function defaultWebDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/cli.js -> dist/web; src/server/web.ts -> dist/web
  for (const candidate of [path.join(here, "web"), path.join(here, "..", "..", "dist", "web")]) {
    if (existsSync(path.join(candidate, "index.html"))) return candidate;
  }
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function registerWeb(
  app: FastifyInstance,
  webDir: string | undefined,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const index =
    webDir && existsSync(path.join(webDir, "index.html"))
      ? readFileSync(path.join(webDir, "index.html"), "utf8")
      : undefined;

  if (webDir && index) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          "cache-control",
          immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        );
      },
    });
  }

  return (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const pathname = request.url.split("?")[0] ?? "/";
    if (NOT_WEB.test(pathname)) return false;
    // A missing file (/assets/x.js, /favicon.png) is a real 404, not a client route.
    if (/\.[a-z0-9]+$/i.test(pathname)) return false;
    const lang = request.language;
    const html = index
      ? index.replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
      : `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>Mutuo</title><h1>${escapeHtml(
          translate(lang, "problem.web_not_built.title"),
        )}</h1><p>${escapeHtml(translate(lang, "problem.web_not_built.detail"))}</p></html>`;
    reply
      .code(index ? 200 : 503)
      .header("cache-control", "no-cache")
      .header("vary", "cookie, accept-language")
      .type("text/html; charset=utf-8")
      .send(html);
    return true;
  };
}
