import { defineConfig, devices } from "@playwright/test";

// Specs run against the real built server (see test/e2e/global-setup.ts) in Debian's Chromium.
export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./test/e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // Long flows (sign up, profile, delete) take ~20 s alone; leave room on a busy 2-core machine.
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    // Colour transitions caught half-way fail the contrast check; people who ask for reduced
    // motion get none, and so do the specs (contexts made with browser.newContext included).
    contextOptions: { reducedMotion: "reduce" },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--force-prefers-reduced-motion",
      ],
    },
  },
  projects: [
    // One server with an empty database serves the whole run: first-run setup happens once,
    // first, in this serial flow; the other projects run after it on the set-up installation.
    {
      name: "setup-flow",
      testMatch: "groups.spec.ts",
      fullyParallel: false,
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 1,
      },
    },
    {
      name: "desktop",
      dependencies: ["setup-flow"],
      testIgnore: "groups.spec.ts",
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "phone",
      dependencies: ["setup-flow"],
      testIgnore: "groups.spec.ts",
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    },
  ],
});
