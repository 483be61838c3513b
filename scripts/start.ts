// npm start — embedded Postgres (unless DATABASE_URL), migrations, demo seed, then both apps.
//
// Lifecycle: everything we start runs in a process group of its own and is stopped by us, in order
// (apps, worker, Postgres), on SIGINT, SIGTERM, SIGHUP — and when our parent (npm) goes away, which
// npm does on SIGTERM without passing it on. If we die without stopping them, a watchdog does.
import { env } from "@mw/core/env";
import { onParentExit } from "@mw/core/process";
import { DEMO_PASSWORD, DEMO_TENANTS } from "@mw/provisioning/demo-seed";
import { scriptEnv } from "./env";
import { type Platform, PortInUseError, startPlatform } from "./platform";

const log = (line: string) => console.log(`[start] ${line}`);

const abort = new AbortController();
let platform: Platform | null = null;
let exiting = false;

async function shutdown(reason: string): Promise<void> {
  if (exiting) {
    log(`${reason} again: exiting now (the watchdog stops what is left)`);
    process.exit(1);
  }
  exiting = true;
  log(`${reason}: stopping…`);
  abort.abort();
  // While still starting, startPlatform stops what it started and rejects: exit happens below.
  if (!platform) return;
  await platform.stop().catch((err: Error) => console.error(`[start] stop failed: ${err.message}`));
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
onParentExit(() => void shutdown("parent process exited"));

try {
  platform = await startPlatform({
    controlPlanePort: scriptEnv.CONTROL_PLANE_PORT,
    tenantAppPort: scriptEnv.TENANT_APP_PORT,
    workerHttpPort: scriptEnv.WORKER_HTTP_PORT,
    build: scriptEnv.SKIP_BUILD === "0",
    resendApiKey: scriptEnv.RESEND_API_KEY,
    resendEmulatorPort: scriptEnv.RESEND_EMULATOR_PORT,
    vercelToken: scriptEnv.VERCEL_TOKEN,
    vercelProjectId: scriptEnv.VERCEL_PROJECT_ID,
    vercelEmulatorPort: scriptEnv.VERCEL_EMULATOR_PORT,
    stripeSecretKey: scriptEnv.STRIPE_SECRET_KEY,
    stripeWebhookSecret: scriptEnv.STRIPE_WEBHOOK_SECRET,
    stripeEmulatorPort: scriptEnv.STRIPE_EMULATOR_PORT,
    log,
    stdio: "inherit",
    signal: abort.signal,
  });
} catch (err) {
  if (exiting) {
    log("stopped");
    process.exit(0);
  }
  console.error(err instanceof PortInUseError ? `[start] ${err.message}` : err);
  process.exit(1);
}

const host = (slug: string) => `http://${slug}.${env.PLATFORM_DOMAIN}:${scriptEnv.TENANT_APP_PORT}`;
console.log(
  [
    "",
    "MusicalWheel is running:",
    `  Control plane      http://localhost:${scriptEnv.CONTROL_PLANE_PORT}`,
    "  Tenant instances:",
    ...DEMO_TENANTS.map((t) => `    ${t.name.padEnd(16)} ${host(t.slug)}   (${t.plan})`),
    ...(platform.resendUrl ? [`  Mailbox            ${platform.resendUrl}/_emulator/emails`] : []),
    ...(platform.stripeUrl ? [`  Stripe emulator    ${platform.stripeUrl}  (test card 4242 4242 4242 4242)`] : []),
    "",
    `  Demo sign-ins on every tenant (password "${DEMO_PASSWORD}"):`,
    "    owner@<slug>.example (owner) · editor@<slug>.example (member) · guest@<slug>.example (viewer)",
    "    staff console: admin@musicalwheel.example (platform admin) · support@musicalwheel.example (support)",
    "  Press Ctrl+C to stop everything.",
    "",
  ].join("\n"),
);
