import "server-only";
import { env } from "@mw/core/env";
import { log } from "@mw/core/observability";
import { signRevalidation } from "@mw/core/transport";
import { controlEnv } from "../env";

/**
 * Ask the tenant runtime to drop its cached pages for this tenant (new theme, removed domain).
 * Best effort: the runtime also hears the change through Postgres NOTIFY, so a failure here only
 * delays the update by the listener's latency; it must never fail the admin's action.
 */
export async function revalidateTenantRuntime(tenantId: string): Promise<void> {
  const body = JSON.stringify({ tenantId });
  try {
    const res = await fetch(`${controlEnv.TENANT_APP_INTERNAL_URL}/api/internal/revalidate`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-mw-signature": signRevalidation(env.REVALIDATE_SECRET, body),
      },
      body,
      signal: AbortSignal.timeout(2000),
      cache: "no-store",
    });
    if (!res.ok) log.warn({ tenantId, status: res.status }, "runtime revalidation refused");
  } catch (err) {
    log.warn({ tenantId, err: (err as Error).message }, "runtime revalidation failed");
  }
}
