import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const adapter = fileURLToPath(new URL("../vercel.ts", import.meta.url));

/**
 * The adapter is loaded by the control plane on the first view of the Domains page. Importing
 * `@vercel/sdk`'s `Vercel` class pulls in every operation's schemas (measured: +490 MB RSS, 5 s);
 * the standalone functions we use cost a few MB. A fresh process keeps other tests' modules out.
 */
describe("Vercel adapter footprint", () => {
  it("loads and builds a client for well under 100 MB of memory", () => {
    const script = [
      "const before = process.memoryUsage().rss;",
      `const { createVercelDomainHosting } = await import(${JSON.stringify(adapter)});`,
      'createVercelDomainHosting({ bearerToken: "t", projectId: "prj_footprint" });',
      "console.log(JSON.stringify({ before, after: process.memoryUsage().rss }));",
    ].join("\n");
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(child.stderr).toBe("");
    const { before, after } = JSON.parse(child.stdout) as { before: number; after: number };
    const grownMb = (after - before) / 2 ** 20;
    expect(grownMb).toBeGreaterThan(0);
    expect(grownMb).toBeLessThan(100);
  }, 120_000);
});
