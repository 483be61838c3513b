import { getAppListenDatabase } from "@mw/core/db";
import { env } from "@mw/core/env";
import { log } from "@mw/core/observability";
import { CONTENT_CHANGED_CHANNEL, TENANT_CHANGED_CHANNEL } from "@mw/core/runtime";
import { signRevalidation } from "@mw/core/transport";
import { runtimeEnv } from "./env";

/**
 * Any change to a tenant's row, domains or themes (from the control plane, the worker, a seed)
 * NOTIFYs, and so does a change to its artists or events (the home page lists them; a separate
 * channel, which the host cache ignores); this process then revalidates that tenant's cached pages
 * through its own signed route (revalidatePath only works inside a request). Bursts are coalesced
 * per tenant.
 */
export async function startRevalidationListener(): Promise<void> {
  const pending = new Map<string, NodeJS.Timeout>();
  const flush = async (tenantId: string) => {
    pending.delete(tenantId);
    const body = JSON.stringify({ tenantId });
    try {
      const res = await fetch(`${runtimeEnv.RUNTIME_INTERNAL_URL}/api/internal/revalidate`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-mw-signature": signRevalidation(env.REVALIDATE_SECRET, body),
        },
        body,
      });
      if (!res.ok) log.error({ tenantId, status: res.status }, "revalidation refused");
    } catch (err) {
      log.error({ tenantId, err }, "revalidation failed");
    }
  };
  const onNotify = (payload: string) => {
    let tenantId: unknown;
    try {
      tenantId = (JSON.parse(payload) as { tenantId?: unknown }).tenantId;
    } catch {
      return;
    }
    if (typeof tenantId !== "string" || pending.has(tenantId)) return;
    pending.set(
      tenantId,
      setTimeout(() => void flush(tenantId as string), 150),
    );
  };
  const listener = getAppListenDatabase("mw_runtime").sql;
  await listener.listen(TENANT_CHANGED_CHANNEL, onNotify);
  await listener.listen(CONTENT_CHANGED_CHANNEL, onNotify);
}
