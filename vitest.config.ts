import { defineConfig } from "vitest/config";

const exclude = ["**/node_modules/**", "**/.next/**", "tests/e2e/**", "tests/bench/**"];

export default defineConfig({
  test: {
    // In CI every run leaves a JSON report that .ci/run sums into its closing line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: `reports/vitest-${process.pid}-${Date.now()}.json` }]]
      : ["default"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup: ["tests/setup/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each test file gets its own database cloned from a migrated template,
          // so files may run in parallel without seeing each other's rows.
          fileParallelism: true,
        },
      },
    ],
  },
});
