// Builds everything `mutuo serve` needs: the web app (Vite), the server bundle (esbuild),
// the migrations beside it, and gzip/brotli copies of the web assets for pre-compressed serving.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const started = Date.now();

rmSync(dist, { recursive: true, force: true });

await viteBuild({ configFile: path.join(root, "vite.config.ts"), logLevel: "warn" });

await esbuild({
  entryPoints: [path.join(root, "src/cli/index.ts")],
  outfile: path.join(dist, "cli.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
cpSync(path.join(root, "src/db/migrations"), path.join(dist, "migrations"), { recursive: true });

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|webmanifest)$/;
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      precompress(file);
    } else if (COMPRESSIBLE.test(name) && statSync(file).size > 1024 && name !== "index.html") {
      const body = readFileSync(file);
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
    }
  }
}
precompress(path.join(dist, "web"));

console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
