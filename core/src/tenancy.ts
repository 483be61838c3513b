import type { AuditCtx } from "./audit/emit";
import type { PlatformCtx, TenantCtx } from "./context";
import { type TenantTx, withTenant } from "./db/client";
import { PreconditionFailedError } from "./errors";

/** The verb's transaction, scoped to the tenant the context was resolved for (host or key). */
export function tenantTx<T>(ctx: TenantCtx, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return withTenant(ctx.database, ctx.tenant.id, fn);
}

/** Platform verbs act on one tenant at a time and audit into that tenant's chain. */
export function platformTenantTx<T>(ctx: PlatformCtx, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return withTenant(ctx.database, tenantId, fn);
}

export function auditCtx(ctx: TenantCtx | PlatformCtx): AuditCtx {
  return { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null };
}

/**
 * Tenant members cannot change anything while their tenant is suspended or on its way out;
 * staff and the system can (that is how a tenant gets resumed or offboarded).
 */
export function assertTenantWritable(ctx: TenantCtx): void {
  if (ctx.actor.type === "staff" || ctx.actor.type === "system") return;
  if (ctx.tenant.status !== "active") {
    throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}; changes are not possible right now.`);
  }
}
