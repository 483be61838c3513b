// npm start — embedded Postgres (unless DATABASE_URL), migrations, demo seed, then both apps.
import { env } from "@mw/core/env";
import { DEMO_PASSWORD, DEMO_TENANTS } from "@mw/provisioning/demo-seed";
import { scriptEnv } from "./env";
import { startPlatform } from "./platform";

const log = (line: string) => console.log(`[start] ${line}`);

try {
  const platform = await startPlatform({
    controlPlanePort: scriptEnv.CONTROL_PLANE_PORT,
    tenantAppPort: scriptEnv.TENANT_APP_PORT,
    build: scriptEnv.SKIP_BUILD === "0",
    resendApiKey: scriptEnv.RESEND_API_KEY,
    resendEmulatorPort: scriptEnv.RESEND_EMULATOR_PORT,
    vercelToken: scriptEnv.VERCEL_TOKEN,
    vercelProjectId: scriptEnv.VERCEL_PROJECT_ID,
    vercelEmulatorPort: scriptEnv.VERCEL_EMULATOR_PORT,
    log,
    stdio: "inherit",
  });
  const shutdown = () => void platform.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  const host = (slug: string) => `http://${slug}.${env.PLATFORM_DOMAIN}:${scriptEnv.TENANT_APP_PORT}`;
  console.log(
    [
      "",
      "MusicalWheel is running:",
      `  Control plane      http://localhost:${scriptEnv.CONTROL_PLANE_PORT}`,
      "  Tenant instances:",
      ...DEMO_TENANTS.map((t) => `    ${t.name.padEnd(16)} ${host(t.slug)}   (${t.plan})`),
      ...(platform.resendUrl ? [`  Mailbox            ${platform.resendUrl}/_emulator/emails`] : []),
      "",
      `  Demo sign-ins on every tenant (password "${DEMO_PASSWORD}"):`,
      "    owner@<slug>.example (owner) · editor@<slug>.example (member) · guest@<slug>.example (viewer)",
      "    staff console: admin@musicalwheel.example (platform admin) · support@musicalwheel.example (support)",
      "  Press Ctrl+C to stop everything.",
      "",
    ].join("\n"),
  );
} catch (err) {
  console.error(err);
  process.exit(1);
}
