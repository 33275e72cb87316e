#!/usr/bin/env node
// Measures what a first visit downloads: the entry chunk of index.html and its static imports
// (recursively; dynamic imports are later pages), raw and gzipped at level 9, plus its CSS.
// Run after `vite build`: node scripts/bundle-size.mjs [distDir]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * @typedef {{ file: string, kind: "js" | "css", rawBytes: number, gzipBytes: number }} MeasuredFile
 * @typedef {{
 *   firstLoadJsGzipBytes: number,
 *   firstLoadJsRawBytes: number,
 *   cssGzipBytes: number,
 *   cssRawBytes: number,
 *   files: MeasuredFile[],
 * }} BundleSize
 * @typedef {{ file: string, isEntry?: boolean, src?: string, imports?: string[], css?: string[] }}
 *   ManifestChunk
 */

/**
 * @param {string} distDir the build output, e.g. "dist/web"
 * @returns {Promise<BundleSize>}
 */
export async function measureBundle(distDir) {
  const manifestPath = path.join(distDir, ".vite", "manifest.json");
  /** @type {Record<string, ManifestChunk>} */
  const manifest = JSON.parse(await readFile(manifestPath, "utf8"));

  const entryKey =
    Object.keys(manifest).find((key) => key === "index.html" && manifest[key]?.isEntry) ??
    Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error(`No entry chunk in ${manifestPath}`);

  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {string[]} */
  const jsFiles = [];
  /** @type {Set<string>} */
  const cssFiles = new Set();
  const visit = (/** @type {string} */ key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${manifestPath} imports ${key}, which it does not list`);
    jsFiles.push(chunk.file);
    for (const css of chunk.css ?? []) cssFiles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);

  /** @type {MeasuredFile[]} */
  const files = [];
  const measure = async (/** @type {string} */ file, /** @type {"js" | "css"} */ kind) => {
    const content = await readFile(path.join(distDir, file));
    const measured = {
      file,
      kind,
      rawBytes: content.byteLength,
      gzipBytes: gzipSync(content, { level: 9 }).byteLength,
    };
    files.push(measured);
    return measured;
  };
  for (const file of jsFiles) await measure(file, "js");
  for (const file of cssFiles) await measure(file, "css");

  const sum = (/** @type {"js" | "css"} */ kind, /** @type {"rawBytes" | "gzipBytes"} */ field) =>
    files.filter((f) => f.kind === kind).reduce((total, f) => total + f[field], 0);
  return {
    firstLoadJsGzipBytes: sum("js", "gzipBytes"),
    firstLoadJsRawBytes: sum("js", "rawBytes"),
    cssGzipBytes: sum("css", "gzipBytes"),
    cssRawBytes: sum("css", "rawBytes"),
    files,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const distDir = path.resolve(process.argv[2] ?? path.join(root, "dist", "web"));
  try {
    console.log(JSON.stringify(await measureBundle(distDir), null, 2));
  } catch (error) {
    console.error(`bundle-size: ${error instanceof Error ? error.message : String(error)}`);
    console.error("Run `npx vite build` first.");
    process.exitCode = 1;
  }
}
