import { defineConfig } from "@playwright/test";
import { type ChromiumChoice, isExecutable, resolveChromium, unpackNpmChromium } from "./tests/browser/chromium";

/**
 * Browser journeys against the whole platform started by tests/e2e/global-setup.ts on its own free
 * ports and database. The browser is the machine's Chromium, or the one shipped in the npm package
 * `@sparticuz/chromium` — never a downloaded one (tests/browser/chromium.ts).
 *
 * Playwright evaluates this file in its runner and again in each worker: the choice is made once
 * and handed on through the environment.
 */
function chromium(): ChromiumChoice {
  const cached = process.env.MW_E2E_CHROMIUM;
  if (cached) return JSON.parse(cached) as ChromiumChoice;
  const choice = resolveChromium({
    chromiumPath: process.env.CHROMIUM_PATH,
    isExecutable,
    npmChromium: () => unpackNpmChromium(import.meta.dirname ?? process.cwd()),
  });
  process.env.MW_E2E_CHROMIUM = JSON.stringify(choice);
  if (choice.source !== "system") console.log(`[e2e] Chromium: ${choice.executablePath} (${choice.source})`);
  return choice;
}
const browser = chromium();

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
      executablePath: browser.executablePath,
      args: [
        ...browser.args,
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
