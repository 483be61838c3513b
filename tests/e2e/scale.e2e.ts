import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { createRequire } from "node:module";
import { publishTheme, resumeTenant, saveThemeDraft, suspendTenant, updateTenant } from "@mw/core/verbs";
import { THEME_PRESETS } from "@mw/themes";
import { expect, test } from "@playwright/test";
import { ownerCtx, staffCtx, state, tenantBySlug } from "./support/db";
import { rawRequest } from "./support/http";
import { E2E, freePort } from "./support/ports";

/**
 * Scale-out: a second tenant runtime (another `next start` of the same build, on its own port,
 * against the same database) beside the e2e platform's. Each process caches host lookups and
 * rendered pages; a change made through a verb must reach both through Postgres NOTIFY, without a
 * restart and without either instance being told directly.
 */

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
// Both instances must follow a change within this (the listener coalesces for 150 ms, then
// revalidates; the rest is one render on a busy 2-core machine).
const FOLLOW_MS = 2_000;

let second: ChildProcess | null = null;
let secondPort = 0;

/** The environment `npm start` gives the tenant app (scripts/platform.ts), for another port. */
function runtimeEnv(port: number): NodeJS.ProcessEnv {
  const s = state();
  return {
    ...process.env,
    DATABASE_URL: s.ownerUrl,
    DB_ROLE_PASSWORD: s.rolePassword,
    REVALIDATE_SECRET: s.revalidateSecret,
    RESEND_API_KEY: "re_local_emulator_key",
    ...(s.resendUrl ? { RESEND_BASE_URL: s.resendUrl } : {}),
    TENANT_APP_PUBLIC_PORT: String(port),
    NODE_ENV: "production",
    PORT: String(port),
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  secondPort = await freePort();
  const log = openSync(E2E.logFile.replace(/\.log$/, "-second-runtime.log"), "w");
  second = spawn(process.execPath, [nextBin, "start", "-p", String(secondPort), "-H", "localhost"], {
    cwd: "tenant-app",
    env: runtimeEnv(secondPort),
    stdio: ["ignore", log, log],
    detached: true,
  });
  await expect
    .poll(
      async () => {
        if (second?.exitCode !== null) return `exited with ${second?.exitCode}`;
        return (await rawRequest({ port: secondPort, path: "/", headers: { host: `localhost:${secondPort}` } }).catch(
          () => null,
        ))
          ? "up"
          : "starting";
      },
      { timeout: 90_000, intervals: [300] },
    )
    .toBe("up");
});

test.afterAll(async () => {
  const child = second;
  if (!child?.pid) return;
  const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // gone
  }
});

interface Seen {
  status: number;
  title: string | undefined;
  primary: string | undefined;
}

async function view(port: number, slug: string): Promise<Seen> {
  const res = await rawRequest({ port, path: "/", headers: { host: `${slug}.localhost:${port}` } });
  return {
    status: res.status,
    title: res.body.match(/<title>([^<]*)<\/title>/)?.[1],
    // The first declaration is the light palette's (compileThemeCss).
    primary: res.body.match(/--mw-color-primary: ([^;]+);/)?.[1],
  };
}

/** Polls both instances until both show what `want` accepts; returns how long that took. */
async function bothFollow(slug: string, since: number, want: (s: Seen) => boolean): Promise<number> {
  const ports = [E2E.tenantAppPort, secondPort];
  const seenAt = new Map<number, number>();
  let last: Seen[] = [];
  while (seenAt.size < ports.length && Date.now() - since < FOLLOW_MS * 5) {
    last = await Promise.all(ports.map((p) => view(p, slug)));
    ports.forEach((p, i) => {
      if (!seenAt.has(p) && want(last[i] as Seen)) seenAt.set(p, Date.now() - since);
    });
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(seenAt.size, `both instances follow; last seen ${JSON.stringify(last)}`).toBe(2);
  return Math.max(...seenAt.values());
}

test("[SCALE][RUNTIME] two tenant-app instances both follow a tenant's rename, theme and suspension within 2 s", async () => {
  const slug = "forest-fm";
  const tenant = await tenantBySlug(slug);
  const ctx = () => ownerCtx(tenant);
  // Both instances have the tenant cached (host lookup and rendered page) before the change.
  for (let i = 0; i < 3; i++) {
    for (const port of [E2E.tenantAppPort, secondPort]) {
      expect(await view(port, slug)).toEqual({
        status: 200,
        title: "Forest FM",
        primary: THEME_PRESETS.forest.colors.light.primary,
      });
    }
  }
  const name = `Forest FM ${Date.now().toString(36)}`;
  try {
    let t0 = Date.now();
    await updateTenant({ ctx: ctx(), input: { name } });
    const renamed = await bothFollow(slug, t0, (s) => s.status === 200 && s.title === name);

    t0 = Date.now();
    await saveThemeDraft({ ctx: ctx(), input: { preset: "sunset" } });
    await publishTheme({ ctx: ctx() });
    const themed = await bothFollow(
      slug,
      t0,
      (s) => s.status === 200 && s.primary === THEME_PRESETS.sunset.colors.light.primary,
    );

    t0 = Date.now();
    await suspendTenant({ ctx: staffCtx(), input: { tenantId: tenant.id, reason: "e2e: scale-out" } });
    const suspended = await bothFollow(slug, t0, (s) => s.status === 503);

    t0 = Date.now();
    await resumeTenant({ ctx: staffCtx(), input: { tenantId: tenant.id } });
    const resumed = await bothFollow(slug, t0, (s) => s.status === 200 && s.title === name);

    console.log(
      `[scale] both instances followed: rename ${renamed} ms, theme ${themed} ms, suspend ${suspended} ms, resume ${resumed} ms`,
    );
    for (const ms of [renamed, themed, suspended, resumed]) expect(ms).toBeLessThan(FOLLOW_MS);
  } finally {
    const current = await tenantBySlug(slug);
    if (current.status === "suspended") await resumeTenant({ ctx: staffCtx(), input: { tenantId: tenant.id } });
    await updateTenant({ ctx: ownerCtx(await tenantBySlug(slug)), input: { name: "Forest FM" } });
    await saveThemeDraft({ ctx: ctx(), input: { preset: "forest" } });
    await publishTheme({ ctx: ctx() });
  }
});
