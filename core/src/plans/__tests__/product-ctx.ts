import type { TenantRef } from "../../context";
import type { Database } from "../../db/client";
import type { TestDatabase } from "../../testing/db";
import { asUser, systemTenantCtx } from "../../testing/fixtures";
import type { DunningState } from "../availability";
import { type Entitlements, readEntitlements } from "../catalog";
import type { ProductCtx } from "../guards";

/** The entitlements stored on the tenant row, as the host resolver hands them to the runtime. */
export async function storedEntitlements(db: TestDatabase, tenantId: string): Promise<Entitlements> {
  const [row] = await db.owner.sql<
    { entitlements: unknown }[]
  >`select entitlements from tenants where id = ${tenantId}`;
  return readEntitlements(row?.entitlements);
}

/** The tenant's dunning state as the host resolver hands it to the runtime (`ctx.signals`). */
export async function storedDunning(db: TestDatabase, tenantId: string): Promise<DunningState> {
  const [row] = await db.owner.sql<{ dunning_state: DunningState }[]>`
    select dunning_state from tenants where id = ${tenantId}`;
  return row?.dunning_state ?? "ok";
}

/**
 * A signed-in member's product context, on the runtime's database role by default (the role the
 * product verbs run as in production), with the tenant's stored entitlements unless given and its
 * stored dunning state as the signal, as the runtime builds it.
 */
export async function asProductUser(
  db: TestDatabase,
  tenant: TenantRef,
  userId: string,
  opts: { entitlements?: Entitlements; database?: Database } = {},
): Promise<ProductCtx> {
  const ctx = await asUser(db, tenant, userId, opts.database ?? db.runtime);
  return {
    ...ctx,
    entitlements: opts.entitlements ?? (await storedEntitlements(db, tenant.id)),
    signals: { dunning: await storedDunning(db, tenant.id) },
  };
}

/** The platform acting on the tenant (seed, provisioning): no person behind it. */
export async function asProductSystem(db: TestDatabase, tenant: TenantRef): Promise<ProductCtx> {
  return { ...systemTenantCtx(db.control, tenant), entitlements: await storedEntitlements(db, tenant.id) };
}

export async function countRows(db: TestDatabase, table: "artists" | "events" | "event_rsvps", tenantId: string) {
  const [row] = await db.owner.sql<{ n: number }[]>`
    select count(*)::int as n from ${db.owner.sql(table)} where tenant_id = ${tenantId}`;
  return row?.n ?? 0;
}
