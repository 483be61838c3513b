import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { ConflictError } from "../errors";

export interface HostnameClaim {
  tenantId: string;
  domainId: string;
  status: "pending" | "verified" | "lapsed";
  createdAt: Date;
}

/**
 * Every tenant's live claim on a custom host name. Domains are tenant-owned (RLS), so this reads
 * through `hostname_claims()`, the control plane's narrow window: ids and states, nothing else.
 */
export async function liveClaims(tx: PostgresJsDatabase, hostname: string): Promise<HostnameClaim[]> {
  const rows = await tx.execute<{
    tenant_id: string;
    domain_id: string;
    status: HostnameClaim["status"];
    created_at: string;
  }>(sql`select tenant_id, domain_id, status, created_at from hostname_claims(${hostname})`);
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    domainId: r.domain_id,
    status: r.status,
    createdAt: new Date(r.created_at),
  }));
}

/**
 * Why `tenantId` (or a tenant not created yet: null) cannot claim the host name now, or null.
 * One rule for the admin console's add and the staff onboarding wizard: a name is held only by a
 * tenant that verified it. Unverified claims hold nothing — the first claimant to prove DNS
 * control takes the name and the others are released — so a squatter cannot block the owner.
 */
export function unavailableReason(hostname: string, claims: HostnameClaim[], tenantId: string | null): string | null {
  if (claims.some((c) => c.tenantId === tenantId)) return `${hostname} is already connected to this organization.`;
  if (claims.some((c) => c.status === "verified")) return `${hostname} is already connected to another organization.`;
  return null;
}

/** Other tenants' unverified claims on the name (what a verification by `tenantId` would release). */
export function rivalClaims(claims: HostnameClaim[], tenantId: string): HostnameClaim[] {
  return claims.filter((c) => c.tenantId !== tenantId && c.status !== "verified");
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
