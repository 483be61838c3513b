import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { ConflictError } from "../errors";

export interface HostnameClaim {
  tenantId: string;
  status: "pending" | "verified" | "lapsed";
}

/**
 * Every tenant's live claim on a host name. Domains are tenant-owned (RLS), so this reads through
 * `platform_domains()`, the control plane's narrow window onto all tenants' host names and states.
 */
export async function liveClaims(tx: PostgresJsDatabase, hostname: string): Promise<HostnameClaim[]> {
  const rows = await tx.execute<{ tenant_id: string; status: HostnameClaim["status"] }>(
    sql`select tenant_id, status from platform_domains() where hostname = ${hostname} and kind = 'custom'`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, status: r.status }));
}

/**
 * Why `tenantId` (or a tenant not created yet: null) cannot claim the host name now, or null.
 * One rule for the admin console's add and the staff onboarding wizard.
 */
export function unavailableReason(hostname: string, claims: HostnameClaim[], tenantId: string | null): string | null {
  if (claims.some((c) => c.tenantId === tenantId)) return `${hostname} is already connected to this organization.`;
  if (claims.length > 0) return `${hostname} is already connected to another organization.`;
  return null;
}

/** The console's form of the check: a ConflictError naming the host. */
export async function assertHostnameAvailable(
  tx: PostgresJsDatabase,
  hostname: string,
  tenantId: string,
): Promise<void> {
  const reason = unavailableReason(hostname, await liveClaims(tx, hostname), tenantId);
  if (reason) throw new ConflictError(reason);
}
