import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { openDatabase, openOwnerDatabase, roleUrl } from "@mw/core/db";
import { rolePassword } from "@mw/core/env";
import { upsertStaffUser } from "@mw/core/staff";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { runMigrations } from "@mw/migrations";
import { DEMO_PASSWORD, seedDemo } from "@mw/provisioning/demo-seed";

// Run Next's CLI in our own child (not through npx) so stopping it stops the server too.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface PlatformOptions {
  controlPlanePort: number;
  tenantAppPort: number;
  build: boolean;
  /** Real Resend when set; otherwise the local emulator on `resendEmulatorPort`. */
  resendApiKey?: string | undefined;
  resendEmulatorPort: number;
  /** Extra environment for the apps (e.g. secrets in tests). */
  appEnv?: Record<string, string>;
  log: (line: string) => void;
  /** Where the apps' output goes: the terminal for `npm start`, a log file's descriptor in tests. */
  stdio: "inherit" | number;
}

export interface Platform {
  ownerUrl: string;
  databaseLabel: string;
  resendUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` runs, in one place (the e2e tests start the same thing): database
 * (embedded unless DATABASE_URL), migrations, demo seed, Resend emulator, both Next apps.
 */
export async function startPlatform(o: PlatformOptions): Promise<Platform> {
  const owner = await openOwnerDatabase({ log: (l) => /FATAL|PANIC/.test(l) && o.log(`[postgres] ${l}`) });
  o.log(`database: ${owner.label}`);
  const children: ChildProcess[] = [];
  let resend: ResendEmulator | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    await resend?.stop();
    await owner.stop();
  };
  try {
    await runMigrations(owner.url, { rolePassword: rolePassword() });
    o.log("migrations applied");
    const control = openDatabase(roleUrl(owner.url, "mw_control", rolePassword()), { max: 2 });
    await seedDemo(control, o.log);
    // Demo staff accounts (upserted, so a changed role list is applied on the next start).
    await upsertStaffUser(control, {
      email: "admin@musicalwheel.example",
      name: "Ada Admin",
      password: DEMO_PASSWORD,
      roles: ["platform_admin"],
    });
    await upsertStaffUser(control, {
      email: "support@musicalwheel.example",
      name: "Sam Support",
      password: DEMO_PASSWORD,
      roles: ["support"],
    });
    await control.close();

    if (o.build) {
      o.log("building the apps (cached after the first run)…");
      const build = spawnSync(
        "npx",
        ["turbo", "run", "build", "--filter=@mw/control-plane", "--filter=@mw/tenant-app", "--output-logs=errors-only"],
        { stdio: stdioOf(o.stdio), env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
      );
      if (build.status !== 0) throw new Error("build failed");
    }

    const mailEnv: Record<string, string> = {};
    if (!o.resendApiKey) {
      resend = await startResendEmulator({ port: o.resendEmulatorPort });
      mailEnv.RESEND_BASE_URL = resend.url;
      mailEnv.RESEND_API_KEY = "re_local_emulator_key";
      o.log(`Resend emulator on ${resend.url} (mailbox: ${resend.url}/_emulator/emails)`);
    }
    const appEnv = { ...process.env, ...mailEnv, ...o.appEnv, DATABASE_URL: owner.url, NODE_ENV: "production" };
    await Promise.all(
      (
        [
          ["control-plane", o.controlPlanePort],
          ["tenant-app", o.tenantAppPort],
        ] as const
      ).map(async ([dir, port]) => {
        // Loopback only. It must be "localhost", not "127.0.0.1": Next 16 treats a proxy rewrite to
        // its own origin as external (and loops through the proxy) when the bind name differs.
        const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
          cwd: dir,
          env: { ...appEnv, PORT: String(port) },
          stdio: stdioOf(o.stdio),
        });
        children.push(child);
        await waitForPort(port, child, dir);
      }),
    );
    return { ownerUrl: owner.url, databaseLabel: owner.label, resendUrl: resend?.url ?? null, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function stdioOf(s: "inherit" | number): "inherit" | ["ignore", number, number] {
  return s === "inherit" ? s : ["ignore", s, s];
}

async function waitForPort(port: number, child: ChildProcess, name: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      await fetch(`http://localhost:${port}/`, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${name} did not start on port ${port}`);
}
