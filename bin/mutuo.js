#!/usr/bin/env node
// Runs the built CLI (dist/cli.js); `npm run build` makes it.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("mutuo: not built yet. Run `npm run build` (or `npm start`) first.");
  process.exit(1);
}
await import(cli.href);
