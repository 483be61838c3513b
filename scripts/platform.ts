import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { join } from "node:path";
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import { createResendMailer } from "@mw/core/adapters/resend";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import { devDefaultsInUse } from "@mw/core/config";
import { openDatabase, openOwnerDatabase, roleUrl } from "@mw/core/db";
import { env } from "@mw/core/env";
import { processGuard } from "@mw/core/process";
import { upsertStaffUser } from "@mw/core/staff";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { runMigrations } from "@mw/migrations";
import { seedDemoBilling } from "@mw/provisioning/demo-billing";
import { DEMO_PASSWORD, seedDemo } from "@mw/provisioning/demo-seed";
import { type ProvisioningWorker, startWorker } from "@mw/provisioning/worker";
import { startWorkerHttp, type WorkerHttp } from "@mw/provisioning/worker-http";
import { type LocalStripe, startLocalStripe } from "./stripe-local";

// Run Next's CLI in our own child (not through npx) so stopping it stops the server too.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface PlatformOptions {
  controlPlanePort: number;
  tenantAppPort: number;
  /** The provisioning worker's /healthz, /readyz and /metrics. */
  workerHttpPort: number;
  build: boolean;
  /** Real Resend when set; otherwise the local emulator on `resendEmulatorPort`. */
  resendApiKey?: string | undefined;
  resendEmulatorPort: number;
  /** Real Vercel when set (with `vercelProjectId`); otherwise the local emulator on `vercelEmulatorPort`. */
  vercelToken?: string | undefined;
  vercelProjectId?: string | undefined;
  vercelEmulatorPort: number;
  /** Real Stripe when set (its webhook secret in `stripeWebhookSecret`); otherwise the local emulator. */
  stripeSecretKey?: string | undefined;
  stripeWebhookSecret?: string | undefined;
  /** 0 or unset: a free port. */
  stripeEmulatorPort?: number;
  /**
   * Give the demo tenants customers and subscriptions in the Stripe emulator (default true). The
   * e2e runs turn it off: their journeys set billing states themselves, and a live demo
   * subscription would be re-synced under them by its webhooks and the reconcile job.
   */
  demoBilling?: boolean;
  /** Extra environment for the apps (e.g. secrets in tests). */
  appEnv?: Record<string, string>;
  log: (line: string) => void;
  /** Where the apps' output goes: the terminal for `npm start`, a log file's descriptor in tests. */
  stdio: "inherit" | number;
  /** Embedded Postgres only: start from an empty cluster (the e2e runs). */
  freshDatabase?: boolean;
  /** Aborts a start in progress (a signal arrived while building or starting). */
  signal?: AbortSignal;
}

export interface Platform {
  ownerUrl: string;
  /** The app roles' password this run set (tests connect as the roles with it). */
  rolePassword: string;
  /** The apps' shared revalidation secret this run (tests sign with it). */
  revalidateSecret: string;
  databaseLabel: string;
  resendUrl: string | null;
  vercelUrl: string | null;
  /** The Stripe emulator's URL and the webhook endpoint's signing secret (tests sign with it). */
  stripeUrl: string | null;
  stripeWebhookSecret: string | null;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` runs, in one place (the e2e tests start the same thing): database
 * (embedded unless DATABASE_URL), migrations, demo seed, Resend emulator, both Next apps.
 */
export async function startPlatform(o: PlatformOptions): Promise<Platform> {
  // Refuse at once, before touching anything, rather than report success while our own servers
  // die with EADDRINUSE and something else (an orphan of an earlier run?) answers on the port.
  await assertPortsFree([
    [o.controlPlanePort, "control plane", "CONTROL_PLANE_PORT"],
    [o.tenantAppPort, "tenant app", "TENANT_APP_PORT"],
    [o.workerHttpPort, "worker health and metrics", "WORKER_HTTP_PORT"],
    ...(o.resendApiKey ? [] : [[o.resendEmulatorPort, "Resend emulator", "RESEND_EMULATOR_PORT"] as const]),
    ...(o.vercelToken ? [] : [[o.vercelEmulatorPort, "Vercel emulator", "VERCEL_EMULATOR_PORT"] as const]),
    ...(o.stripeSecretKey || !o.stripeEmulatorPort
      ? []
      : [[o.stripeEmulatorPort, "Stripe emulator", "STRIPE_EMULATOR_PORT"] as const]),
  ]);
  const owner = await openOwnerDatabase({
    log: (l) => o.log(`[postgres] ${l}`),
    ...(o.freshDatabase ? { fresh: true } : {}),
  });
  o.log(`database: ${owner.label}`);
  // /metrics on loopback is for whoever runs `npm start`; a deployment sets METRICS_TOKEN.
  const metricsAccess: Record<string, string> = env.METRICS_TOKEN ? {} : { METRICS_OPEN: "1" };
  const apps: ChildProcess[] = [];
  let build: ChildProcess | null = null;
  let resend: ResendEmulator | null = null;
  let vercel: VercelEmulator | null = null;
  let stripe: LocalStripe | null = null;
  let worker: ProvisioningWorker | null = null;
  let workerHttp: WorkerHttp | null = null;
  let control: ReturnType<typeof openDatabase> | null = null;
  let stopping: Promise<void> | null = null;
  // In order: nothing new comes in (apps), running jobs finish or are handed back (worker), and
  // only then the database goes.
  const stop = () => {
    stopping ??= (async () => {
      const t0 = Date.now();
      const took = () => `${Date.now() - t0} ms`;
      build?.kill("SIGTERM");
      if (apps.length) o.log("stopping the apps…");
      await Promise.all(apps.map((c) => stopGroup(c, 10_000)));
      if (worker) o.log(`stopping the provisioning worker… (${took()})`);
      await workerHttp?.close();
      await worker?.stop();
      await control?.close();
      await resend?.stop();
      await vercel?.stop();
      await stripe?.stop();
      if (owner.label.startsWith("embedded")) o.log(`stopping Postgres… (${took()})`);
      await owner.stop();
      o.log(`stopped in ${took()}`);
    })();
    return stopping;
  };
  const aborted = () => {
    if (o.signal?.aborted) throw new Error("start aborted");
  };
  o.signal?.addEventListener("abort", () => build?.kill("SIGTERM"), { once: true });
  const secrets = runSecrets();
  try {
    await runMigrations(owner.url, { rolePassword: secrets.DB_ROLE_PASSWORD });
    o.log("migrations applied");
    control = openDatabase(roleUrl(owner.url, "mw_control", secrets.DB_ROLE_PASSWORD), { max: 20 });
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
    aborted();

    if (o.build) {
      o.log("building the apps (cached after the first run)…");
      // Not spawnSync: signals must still be handled while it builds.
      build = spawn(
        "npx",
        ["turbo", "run", "build", "--filter=@mw/control-plane", "--filter=@mw/tenant-app", "--output-logs=errors-only"],
        { stdio: stdioOf(o.stdio), env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
      );
      const b = build;
      const code = await new Promise<number | null>((r) => b.once("exit", (c) => r(c)));
      build = null;
      aborted();
      if (code !== 0) throw new Error("building the apps failed (see the output above)");
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
    stripe = await startLocalStripe({
      secretKey: o.stripeSecretKey,
      webhookSecret: o.stripeWebhookSecret,
      emulatorPort: o.stripeEmulatorPort ?? 0,
      controlPlanePort: o.controlPlanePort,
      // Kept beside the database, so customer ids in it still exist at the emulator after a restart.
      persistPath: join(env.DATA_DIR, "stripe-emulator.json"),
      log: o.log,
    });
    // The demo tenants' customers and subscriptions, in the emulator only (never a real account).
    if (stripe.emulator && o.demoBilling !== false) await seedDemoBilling(control, stripe.client, o.log);
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
    worker = await startWorker({
      ownerUrl: owner.url,
      control,
      clients: { mailer, hosting, dns, stripe: stripe.client },
    });
    workerHttp = await startWorkerHttp({
      port: o.workerHttpPort,
      ownerUrl: owner.url,
      metrics: { token: env.METRICS_TOKEN, open: !env.METRICS_TOKEN },
    });
    o.log(`provisioning worker running (health and metrics on ${workerHttp.url})`);
    aborted();

    const appEnv = {
      ...process.env,
      ...mailEnv,
      ...hostingEnv,
      ...stripe.env,
      ...o.appEnv,
      ...secrets,
      DATABASE_URL: owner.url,
      ...metricsAccess,
      TENANT_APP_PUBLIC_PORT: String(o.tenantAppPort),
      // What the worker in this process links to as well: every process names the same console.
      CONTROL_PLANE_URL: env.CONTROL_PLANE_URL,
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
          // A group of its own: stopped by us, in order, not by the terminal's Ctrl+C; and stopped
          // by the watchdog if we die without stopping it.
          detached: true,
        });
        apps.push(child);
        if (child.pid) processGuard.watch(child.pid, "SIGTERM", { group: true });
        await waitForPort(port, child, dir, o.signal);
      }),
    );
    aborted();
    return {
      ownerUrl: owner.url,
      rolePassword: secrets.DB_ROLE_PASSWORD,
      revalidateSecret: secrets.REVALIDATE_SECRET,
      databaseLabel: owner.label,
      resendUrl: resend?.url ?? null,
      vercelUrl: vercel?.url ?? null,
      stripeUrl: stripe.emulator?.url ?? null,
      stripeWebhookSecret: stripe.webhookSecret,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The secrets the apps run with. They run as production builds, which refuse the public development
 * defaults (ADR 0011): a configured value is kept, anything else gets a fresh random one per run
 * (the migrations set the roles' password on every start, and both apps restart together).
 */
function runSecrets(): { REVALIDATE_SECRET: string; DB_ROLE_PASSWORD: string } {
  const random = () => randomBytes(32).toString("base64url");
  const configured = (name: "REVALIDATE_SECRET" | "DB_ROLE_PASSWORD", value: string | undefined) =>
    value && devDefaultsInUse({ [name]: value }).length === 0 ? value : random();
  return {
    REVALIDATE_SECRET: configured("REVALIDATE_SECRET", env.REVALIDATE_SECRET),
    DB_ROLE_PASSWORD: configured("DB_ROLE_PASSWORD", env.DB_ROLE_PASSWORD),
  };
}

/** Whether anything accepts connections on the port, on either loopback address. */
function listening(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(false));
  });
}

export async function assertPortsFree(ports: (readonly [number, string, string])[]): Promise<void> {
  const taken: string[] = [];
  for (const [port, what, variable] of ports) {
    if ((await listening(port, "127.0.0.1")) || (await listening(port, "::1"))) {
      taken.push(`  port ${port} (${what}; ${variable} chooses another)`);
    }
  }
  if (taken.length) {
    throw new PortInUseError(
      `Cannot start: these ports are already in use by another program:\n${taken.join("\n")}\n` +
        "Is an earlier `npm start` still running? Stop it first, or choose other ports.",
    );
  }
}

export class PortInUseError extends Error {}

/** SIGTERM to the child's process group, SIGKILL after `graceMs`; resolves once it has exited. */
async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const exited = new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r()),
  );
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((r) => {
    timer = setTimeout(() => {
      signal("SIGKILL");
      r();
    }, graceMs);
  });
  await Promise.race([exited, killed]);
  await exited;
  clearTimeout(timer);
  // Whatever else is left in its group (a Next worker process) goes too.
  signal("SIGKILL");
  processGuard.forget(pid);
}

function stdioOf(s: "inherit" | number): ["ignore", "inherit" | number, "inherit" | number] {
  // Never our stdin: the apps must not read the terminal (and a detached child must not hold it).
  return ["ignore", s, s];
}

async function waitForPort(port: number, child: ChildProcess, name: string, signal?: AbortSignal): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until && !signal?.aborted) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${name} exited with ${child.exitCode ?? child.signalCode} while starting (see its output above)`,
      );
    }
    try {
      await fetch(`http://localhost:${port}/`, { redirect: "manual" });
      if (child.exitCode !== null) continue; // someone else answered; ours died: reported above
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${name} did not start on port ${port}`);
}
