import { buildMemberAbility, buildStaffAbility, SYSTEM_ROLES } from "@mw/core/authz";
import type { Actor, PlatformCtx, TenantCtx, TenantRef } from "@mw/core/context";
import type { Database } from "@mw/core/db";
import { NotFoundError } from "@mw/core/errors";
import { readEntitlements } from "@mw/core/plans";
import type { ProductCtx } from "@mw/core/product";
import { type TenantRow, tenants } from "@mw/core/schema";
import { eq } from "drizzle-orm";
import type { StepContext } from "../engine/types";

/**
 * Steps act as the platform itself, audited as `system/provisioning`; the request id of every
 * audit event a step writes is the step's idempotency key (`runId:stepId`), which ties the tenant's
 * audit trail to the run and makes a duplicated effect visible as a repeated (request id, action).
 */
export const PROVISIONING_ACTOR = { type: "system", process: "provisioning" } as const satisfies Actor;

const PLATFORM_ABILITY = buildStaffAbility({ staffId: "system", roles: ["platform_admin"] });
const OWNER_ABILITY = buildMemberAbility({
  userId: "system",
  roles: SYSTEM_ROLES.filter((r) => r.key === "owner").map((r) => ({ key: r.key, grants: r.grants })),
});

export function platformCtx(ctx: StepContext<unknown>): PlatformCtx {
  return {
    actor: PROVISIONING_ACTOR,
    ability: PLATFORM_ABILITY,
    database: ctx.database,
    requestId: ctx.idempotencyKey,
  };
}

export async function findTenant(database: Database, tenantId: string): Promise<TenantRow | undefined> {
  const [row] = await database.db.select().from(tenants).where(eq(tenants.id, tenantId));
  return row;
}

export async function getTenantOrThrow(database: Database, tenantId: string): Promise<TenantRow> {
  const row = await findTenant(database, tenantId);
  if (!row) throw new NotFoundError(`Tenant ${tenantId} does not exist.`);
  return row;
}

/**
 * The platform acting inside the tenant with owner rights (themes, invitations, domains), with
 * the tenant's entitlements for the plan-gated verbs (custom domains).
 */
export function tenantCtx(ctx: StepContext<unknown>, tenant: TenantRow): TenantCtx & ProductCtx {
  const ref: TenantRef = { id: tenant.id, slug: tenant.slug, status: tenant.status, plan: tenant.plan };
  return {
    tenant: ref,
    actor: PROVISIONING_ACTOR,
    ability: OWNER_ABILITY,
    database: ctx.database,
    requestId: ctx.idempotencyKey,
    entitlements: readEntitlements(tenant.entitlements),
  };
}
