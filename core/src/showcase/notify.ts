import { sql } from "drizzle-orm";
import type { TenantTx } from "../db/client";

/**
 * NOTIFY channel for a change to what a tenant's public pages show (artists, events). Apart from
 * `mw_tenant_changed`: a new artist must refresh the cached home page, not the host cache or the
 * tenant profile. The runtime's revalidation listener hears both.
 */
export const CONTENT_CHANGED_CHANNEL = "mw_content_changed";

/**
 * Queue the notice in the caller's transaction: Postgres delivers it at COMMIT and drops it on
 * ROLLBACK, so listeners never refresh for a change that did not happen.
 */
export async function notifyContentChanged(tx: TenantTx): Promise<void> {
  await tx.execute(sql`select pg_notify(${CONTENT_CHANGED_CHANNEL}, ${JSON.stringify({ tenantId: tx.tenantId })})`);
}
