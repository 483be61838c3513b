import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import { createResendMailer } from "@mw/core/adapters/resend";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import { openDatabase, openOwnerDatabase, roleUrl } from "@mw/core/db";
import { rolePassword } from "@mw/core/env";
import { upsertStaffUser } from "@mw/core/staff";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { runMigrations } from "@mw/migrations";
import { DEMO_PASSWORD, seedDemo } from "@mw/provisioning/demo-seed";
import { type ProvisioningWorker, startWorker } from "@mw/provisioning/worker";

// Run Next's CLI in our own child (not through npx) so stopping it stops the server too.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface PlatformOptions {
  controlPlanePort: number;
  tenantAppPort: number;
  build: boolean;
  /** Real Resend when set; otherwise the local emulator on `resendEmulatorPort`. */
  resendApiKey?: string | undefined;
  resendEmulatorPort: number;
  /** Real Vercel when set (with `vercelProjectId`); otherwise the local emulator on `vercelEmulatorPort`. */
  vercelToken?: string | undefined;
  vercelProjectId?: string | undefined;
  vercelEmulatorPort: number;
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
  vercelUrl: string | null;
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
  let vercel: VercelEmulator | null = null;
  let worker: ProvisioningWorker | null = null;
  let control: ReturnType<typeof openDatabase> | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    // The worker before Postgres (it holds connections and may be mid-job).
    await worker?.stop();
    await control?.close();
    await resend?.stop();
    await vercel?.stop();
    await owner.stop();
  };
  try {
    await runMigrations(owner.url, { rolePassword: rolePassword() });
    o.log("migrations applied");
    control = openDatabase(roleUrl(owner.url, "mw_control", rolePassword()), { max: 20 });
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
    // Without Vercel credentials the real @vercel/sdk talks to the local emulator.
    const hostingEnv: Record<string, string> = {};
    if (!o.vercelToken) {
      vercel = await startVercelEmulator({ port: o.vercelEmulatorPort });
      hostingEnv.VERCEL_API_URL = vercel.url;
      // The emulator also plays the public DNS the ownership TXT records live in.
      hostingEnv.DNS_RESOLVER_URL = `${vercel.url}/dns-query`;
      o.log(`Vercel emulator on ${vercel.url}`);
    }
    const hosting = createVercelDomainHosting({
      bearerToken: o.vercelToken ?? "mw_local_emulator_token",
      projectId: o.vercelProjectId ?? "prj_emulator0000000000000000",
      ...(vercel ? { serverURL: vercel.url } : {}),
    });
    const mailer = createResendMailer({
      apiKey: o.resendApiKey ?? "re_local_emulator_key",
      ...(resend ? { baseUrl: resend.url } : {}),
    });
    const dns = createDohTxtResolver(vercel ? { url: `${vercel.url}/dns-query` } : {});
    worker = await startWorker({ ownerUrl: owner.url, control, clients: { mailer, hosting, dns } });
    o.log("provisioning worker running");

    const appEnv = {
      ...process.env,
      ...mailEnv,
      ...hostingEnv,
      ...o.appEnv,
      DATABASE_URL: owner.url,
      TENANT_APP_PUBLIC_PORT: String(o.tenantAppPort),
      TENANT_APP_INTERNAL_URL: `http://localhost:${o.tenantAppPort}`,
      NODE_ENV: "production",
    };
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
    return {
      ownerUrl: owner.url,
      databaseLabel: owner.label,
      resendUrl: resend?.url ?? null,
      vercelUrl: vercel?.url ?? null,
      stop,
    };
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
