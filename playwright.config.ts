import { defineConfig } from "@playwright/test";

/**
 * Browser journeys on Debian's Chromium (never a downloaded browser), against the whole platform
 * started by tests/e2e/global-setup.ts on its own ports and database.
 */
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.e2e.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: `reports/playwright-${Date.now()}.json` }]] : [["list"]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        // Customers' custom domains in the journeys resolve to this machine.
        "--host-resolver-rules=MAP *.e2e.example 127.0.0.1",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  outputDir: "test-results",
});
