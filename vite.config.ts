import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app only. Tests are configured in vitest.config.ts, which Vitest prefers over this file.
const apiServer = "http://127.0.0.1:3000";

export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "assets",
    manifest: true,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": apiServer,
      "/hsds": apiServer,
      "/healthz": apiServer,
    },
  },
  preview: {
    proxy: {
      "/api": apiServer,
      "/hsds": apiServer,
      "/healthz": apiServer,
    },
  },
});
