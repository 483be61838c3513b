// npm start — embedded Postgres (unless DATABASE_URL), migrations, demo seed, then both apps.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { openDatabase, openOwnerDatabase, roleUrl } from "@mw/core/db";
import { env, rolePassword } from "@mw/core/env";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { runMigrations } from "@mw/migrations";
import { DEMO_TENANTS, seedDemo } from "@mw/provisioning/demo-seed";
import { scriptEnv } from "./env";

// Run Next's CLI in our own child (not through npx) so stopping it stops the server too.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (line: string) => console.log(`[start] ${line}`);

const owner = await openOwnerDatabase({ log: (l) => /FATAL|ERROR|PANIC/.test(l) && console.error(`[postgres] ${l}`) });
log(`database: ${owner.label}`);
const children: ChildProcess[] = [];
let stopping = false;
let resend: ResendEmulator | null = null;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    await resend?.stop();
    await owner.stop();
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await runMigrations(owner.url, { rolePassword: rolePassword() });
  log("migrations applied");
  const control = openDatabase(roleUrl(owner.url, "mw_control", rolePassword()), { max: 2 });
  await seedDemo(control, log);
  await control.close();

  if (scriptEnv.SKIP_BUILD === "0") {
    log("building the apps (cached after the first run)…");
    const build = spawnSync(
      "npx",
      ["turbo", "run", "build", "--filter=@mw/control-plane", "--filter=@mw/tenant-app", "--output-logs=errors-only"],
      {
        stdio: "inherit",
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      },
    );
    if (build.status !== 0) throw new Error("build failed");
  }

  // Without a Resend key the real SDK talks to the local emulator, which keeps the mail.
  const mailEnv: Record<string, string> = {};
  if (!scriptEnv.RESEND_API_KEY) {
    resend = await startResendEmulator({ port: scriptEnv.RESEND_EMULATOR_PORT });
    mailEnv.RESEND_BASE_URL = resend.url;
    mailEnv.RESEND_API_KEY = "re_local_emulator_key";
    log(`Resend emulator on ${resend.url} (mailbox: ${resend.url}/_emulator/emails)`);
  }
  const appEnv = { ...process.env, ...mailEnv, DATABASE_URL: owner.url, NODE_ENV: "production" };
  for (const [dir, port] of [
    ["control-plane", scriptEnv.CONTROL_PLANE_PORT],
    ["tenant-app", scriptEnv.TENANT_APP_PORT],
  ] as const) {
    // Loopback only. It must be "localhost", not "127.0.0.1": Next 16 treats a proxy rewrite to
    // its own origin as external (and loops through the proxy) when the bind name differs.
    const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
      cwd: dir,
      env: { ...appEnv, PORT: String(port) },
      stdio: "inherit",
    });
    child.on("exit", (code) => {
      if (!stopping) {
        console.error(`[start] ${dir} exited with ${code}; stopping`);
        void shutdown(code ?? 1);
      }
    });
    children.push(child);
  }
  const tenantUrls = DEMO_TENANTS.map(
    (t) => `    ${t.name.padEnd(16)} http://${t.slug}.${env.PLATFORM_DOMAIN}:${scriptEnv.TENANT_APP_PORT}`,
  );
  console.log(
    [
      "",
      "MusicalWheel is starting:",
      `  Control plane      http://localhost:${scriptEnv.CONTROL_PLANE_PORT}`,
      "  Tenant instances:",
      ...tenantUrls,
      "  Press Ctrl+C to stop everything.",
      "",
    ].join("\n"),
  );
} catch (err) {
  console.error(err);
  await shutdown(1);
}
