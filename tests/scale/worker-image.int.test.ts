import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY } from "@mw/core/adapters/stripe";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import { createTestDatabase, staffCtx, type TestDatabase } from "@mw/core/testing";
import { freePort } from "@mw/core/testing/net";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { startOnboarding } from "@mw/provisioning";
import { loadRun } from "@mw/provisioning/engine";
import { createJobQueue, type ProvisioningQueue } from "@mw/provisioning/queue";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bundleWorker } from "../../scripts/bundle-worker";
import { parseDockerfile, type RuntimeStage } from "../deploy/dockerfile";

/**
 * Dockerfile.worker without Docker (ADR 0014): the bundle its build stage makes, in an empty
 * folder with the image's ENV and CMD, runs a provisioning job and answers its probes. The
 * image's node_modules is `npm prune --omit=dev` of the lockfile's install, which cannot run
 * offline: here the folder links the repository's node_modules folders the image copies, and the test requires every package
 * the bundle imports to be a production dependency of a workspace (what the prune keeps).
 */

const ROOT = resolve(import.meta.dirname, "../..");
let stage: RuntimeStage;
let dir: string;
let db: TestDatabase;
let resend: ResendEmulator;
let stripe: StripeEmulator;
let queue: ProvisioningQueue;
let child: ChildProcess | null = null;

beforeAll(async () => {
  stage = parseDockerfile(readFileSync(join(ROOT, "Dockerfile.worker"), "utf8"));
  dir = mkdtempSync(join(tmpdir(), "mw-worker-image-"));
  db = await createTestDatabase();
  resend = await startResendEmulator();
  // Onboarding a paid plan opens its Stripe subscription: the image's worker talks to the emulator.
  stripe = await startStripeEmulator({ apiKey: STRIPE_EMULATOR_SECRET_KEY });
  await syncCatalog(createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripe.url }));
  queue = await createJobQueue({ ownerUrl: db.ownerUrl });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await queue?.release();
  await resend?.stop();
  await stripe?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("Dockerfile.worker", () => {
  it("copies the production dependencies and one bundle, runs it as node, health-checked", () => {
    expect(stage.copies).toEqual([
      { from: "node_modules", to: "./node_modules" },
      { from: "provisioning/node_modules", to: "./provisioning/node_modules" },
      { from: "dist/worker.mjs", to: "./provisioning/worker.mjs" },
    ]);
    expect(stage.user).toBe("node");
    expect(stage.healthcheck).toMatch(/\/healthz/);
    expect(stage.cmd).toEqual(["node", "provisioning/worker.mjs"]);
    const workspaces = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] })
      .workspaces;
    expect(stage.manifests).toEqual(
      expect.arrayContaining(["package.json", "package-lock.json", ...workspaces.map((w) => `${w}/package.json`)]),
    );
    expect(readFileSync(join(ROOT, "Dockerfile.worker"), "utf8")).toContain(
      "RUN npx tsx scripts/bundle-worker.ts dist/worker.mjs",
    );
  });

  it("the bundle imports only production dependencies, then runs a job and answers its probes", async () => {
    // The image's folder: each copied node_modules linked from the repository's install (same
    // lockfile, same layout), the bundle built where the Dockerfile puts it.
    let bundle = "";
    for (const { from, to } of stage.copies) {
      const target = resolve(dir, to);
      if (from.endsWith("node_modules")) {
        mkdirSync(dirname(target), { recursive: true });
        symlinkSync(join(ROOT, from), target, "dir");
      } else if (from === "dist/worker.mjs") {
        bundle = target;
        await bundleWorker(bundle);
      } else throw new Error(`the test does not reproduce the copy of ${from}`);
    }
    const source = readFileSync(bundle, "utf8");
    const imported = new Set(
      [...source.matchAll(/(?:from |import\()"([^".][^"]*)"/g)]
        .map((m) => m[1] as string)
        .filter((s) => !s.startsWith("node:"))
        .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : (s.split("/")[0] as string))),
    );
    const production = new Set<string>();
    const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] };
    for (const w of root.workspaces) {
      const pkg = JSON.parse(readFileSync(join(ROOT, w, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const d of Object.keys(pkg.dependencies ?? {})) production.add(d);
    }
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((i) => !production.has(i) || i.startsWith("@mw/"))).toEqual([]);

    const port = await freePort();
    let output = "";
    const [command, ...args] = stage.cmd;
    expect(command).toBe("node");
    child = spawn(process.execPath, args, {
      cwd: dir,
      env: {
        ...stage.env,
        DATA_DIR: join(dir, "data"),
        WORKER_HTTP_HOST: "127.0.0.1",
        WORKER_HTTP_PORT: String(port),
        DATABASE_URL: db.ownerUrl,
        DB_ROLE_PASSWORD: inject("testDb").rolePassword,
        RESEND_API_KEY: "re_image_key",
        RESEND_BASE_URL: resend.url,
        STRIPE_API_URL: stripe.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const worker = child;
    worker.stdout?.on("data", (c: Buffer) => (output += c));
    worker.stderr?.on("data", (c: Buffer) => (output += c));
    await expect
      .poll(
        async () => {
          if (worker.exitCode !== null) return `exited with ${worker.exitCode}: ${output}`;
          return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status ?? "starting";
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // Its log lines are JSON (LOG_FORMAT from the image).
    expect(JSON.parse(output.split("\n")[0] as string)).toHaveProperty("service", "worker");

    const slug = `image-${process.pid}`;
    const started = await startOnboarding({
      ctx: staffCtx(db.control, ["onboarding", "platform_admin"]),
      input: { name: "Image Records", slug, plan: "pro", ownerEmail: `owner@${slug}.example`, customDomains: [] },
      worker: queue,
    });
    await expect
      .poll(async () => (await loadRun(db.control, started.run.id))?.run.status, { timeout: 30_000, interval: 200 })
      .toBe("succeeded");
    await expect.poll(() => resend.store.find({ to: `owner@${slug}.example` }).length).toBe(1);
    const [account] = await db.owner.sql<{ status: string | null }[]>`
      select b.subscription_status as status from billing_accounts b join tenants t on t.id = b.tenant_id
       where t.slug = ${slug}`;
    expect(account?.status).toBe("trialing");

    // docker stop: SIGTERM, and it exits on its own.
    const exited = new Promise<number | null>((r) => worker.once("exit", (code) => r(code)));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 90_000);
});
