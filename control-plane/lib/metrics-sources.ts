import "server-only";
import { env } from "@mw/core/env";
import { registerPlatformGauges } from "@mw/provisioning/metrics";
import postgres from "postgres";

const g = globalThis as { __mwGaugeSql?: postgres.Sql };

/**
 * Runs by state and the job queue's depth and lag, read at scrape time over the owner connection
 * the control plane already uses to enqueue jobs (two connections, each statement bounded to 2 s).
 */
export function registerControlPlaneGauges(): void {
  if (g.__mwGaugeSql || !env.DATABASE_URL) return;
  g.__mwGaugeSql = postgres(env.DATABASE_URL, {
    max: 2,
    idle_timeout: 30,
    connect_timeout: 2,
    onnotice: () => {},
    connection: { application_name: "mw_control_metrics", statement_timeout: 2000 },
  });
  registerPlatformGauges(g.__mwGaugeSql);
}
