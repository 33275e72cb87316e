// First-load JavaScript of the web app (entry chunk and its static imports), gzipped at level 9:
// the shell's budget is 150 KB. Builds first when dist/web is missing.
import path from "node:path";
// @ts-expect-error: plain ESM script with JSDoc types
import { measureBundle } from "../../scripts/bundle-size.mjs";
import { ensureBuilt, root } from "../lib/servers";
import type { BenchRun } from "../types";

const BUDGET_GZIP_BYTES = 150 * 1024;

export default async function bundleSize(): Promise<BenchRun[]> {
  ensureBuilt();
  const m = (await measureBundle(path.join(root, "dist", "web"))) as {
    firstLoadJsGzipBytes: number;
    firstLoadJsRawBytes: number;
    cssGzipBytes: number;
  };
  return [
    {
      backend: "web",
      metrics: {
        first_load_js_gzip_kb: Math.round(m.firstLoadJsGzipBytes / 102.4) / 10,
        first_load_js_raw_kb: Math.round(m.firstLoadJsRawBytes / 102.4) / 10,
        css_gzip_kb: Math.round(m.cssGzipBytes / 102.4) / 10,
        budget_gzip_kb: 150,
        share_of_budget: Math.round((m.firstLoadJsGzipBytes / BUDGET_GZIP_BYTES) * 100) / 100,
      },
    },
  ];
}
