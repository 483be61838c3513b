import { mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { choosePorts, E2E } from "./support/ports";

/** Start the whole platform on a fresh embedded database (the apps must be built already). */
export default async function globalSetup(): Promise<void> {
  rmSync(E2E.dataDir, { recursive: true, force: true });
  await choosePorts();
  // Core reads its environment once, at first import: set it before importing anything of ours.
  process.env.DATA_DIR = E2E.dataDir;
  process.env.EMBEDDED_PG_PORT = String(E2E.pgPort);
  // Links in e-mails the worker sends point at the e2e runtime's port.
  process.env.TENANT_APP_PUBLIC_PORT = String(E2E.tenantAppPort);
  // …and links to the admin console (e-mails, the tenant site's "Admin console") at its control plane.
  process.env.CONTROL_PLANE_URL = `http://localhost:${E2E.controlPlanePort}`;
  delete process.env.DATABASE_URL;
  const { startPlatform } = await import("../../scripts/platform");
  // A fresh clone has no .data folder yet.
  mkdirSync(dirname(E2E.logFile), { recursive: true });
  mkdirSync(dirname(E2E.stateFile), { recursive: true });
  const fd = openSync(E2E.logFile, "w");
  const platform = await startPlatform({
    controlPlanePort: E2E.controlPlanePort,
    tenantAppPort: E2E.tenantAppPort,
    workerHttpPort: E2E.workerHttpPort,
    build: false,
    freshDatabase: true,
    resendEmulatorPort: E2E.resendEmulatorPort,
    vercelEmulatorPort: E2E.vercelEmulatorPort,
    // Always the emulator in the e2e runs, on a free port (its URL goes to the state file).
    stripeEmulatorPort: 0,
    // The journeys put tenants into billing states themselves (see scripts/platform.ts).
    demoBilling: false,
    log: (line) => writeFileSync(fd, `[platform] ${line}\n`),
    stdio: fd,
  });
  writeFileSync(
    E2E.stateFile,
    JSON.stringify({
      ownerUrl: platform.ownerUrl,
      rolePassword: platform.rolePassword,
      revalidateSecret: platform.revalidateSecret,
      resendUrl: platform.resendUrl,
      vercelUrl: platform.vercelUrl,
      stripeUrl: platform.stripeUrl,
      stripeWebhookSecret: platform.stripeWebhookSecret,
    }),
  );
  (globalThis as { __mwPlatform?: { stop(): Promise<void>; fd: number } }).__mwPlatform = {
    stop: platform.stop,
    fd,
  };
}
