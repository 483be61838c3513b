import { and, eq } from "drizzle-orm";
import { type AuditCtx, emitAudit } from "../../audit/emit";
import type { TenantTx } from "../../db/client";
import { tenants } from "../../db/schema/index";
import { NotFoundError } from "../../errors";
import { newId } from "../../ids";
import { dunningEnv } from "./env";
import {
  type DunningInput,
  type DunningPolicy,
  type DunningSnapshot,
  type DunningTransition,
  nextDunning,
} from "./machine";

/** The policy from the environment (DUNNING_GRACE_DAYS, DUNNING_SUSPEND_AFTER_DAYS). */
export function dunningPolicy(): DunningPolicy {
  return { graceDays: dunningEnv.DUNNING_GRACE_DAYS, suspendAfterDays: dunningEnv.DUNNING_SUSPEND_AFTER_DAYS };
}

/** Audited as the system unless the caller says who acts (a webhook event, a staff member). */
export function systemAudit(process = "billing.dunning"): AuditCtx {
  return { actor: { type: "system", process }, requestId: newId("request") };
}

export interface DunningOptions {
  /** Who the audit event names (default: the system). */
  audit?: AuditCtx;
  /** Default: from the environment. */
  policy?: DunningPolicy;
}

export interface LockedTenant {
  id: string;
  slug: string;
  snapshot: DunningSnapshot;
}

/**
 * The tenant's dunning state, row-locked for the rest of the transaction so two writers (a webhook
 * and the progression job) cannot both decide from the same old state.
 */
export async function lockDunning(tx: TenantTx, tenantId: string): Promise<LockedTenant> {
  if (tx.tenantId !== tenantId) {
    // The audit event goes to the transaction's tenant: acting on another would misfile it.
    throw new Error("dunning: the transaction belongs to another tenant");
  }
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      state: tenants.dunningState,
      since: tenants.dunningSince,
      graceUntil: tenants.graceUntil,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .for("update");
  if (!row) throw new NotFoundError("No such tenant.");
  return { id: row.id, slug: row.slug, snapshot: { state: row.state, since: row.since, graceUntil: row.graceUntil } };
}

/** Writes one transition and its audit event, in the caller's transaction. */
export async function writeTransition(
  tx: TenantTx,
  tenantId: string,
  transition: DunningTransition,
  audit: AuditCtx,
): Promise<void> {
  const { from, to } = transition;
  await tx
    .update(tenants)
    .set({ dunningState: to.state, dunningSince: to.since, graceUntil: to.graceUntil, updatedAt: new Date() })
    .where(and(eq(tenants.id, tenantId), eq(tenants.dunningState, from.state)));
  await emitAudit(tx, audit, {
    action: transition.action,
    target: { type: "tenant", id: tenantId },
    before: { dunningState: from.state, dunningSince: from.since, graceUntil: from.graceUntil },
    after: { dunningState: to.state, dunningSince: to.since, graceUntil: to.graceUntil },
  });
}

export interface DunningOutcome {
  tenant: LockedTenant;
  /** Null when the input changed nothing (a redelivery, a status that is no dunning matter). */
  transition: DunningTransition | null;
  /** The state after the call. */
  state: DunningSnapshot;
}

/** Lock, decide, write and audit: the one path every dunning input takes. */
export async function applyDunning(
  tx: TenantTx,
  tenantId: string,
  input: DunningInput,
  opts: DunningOptions = {},
): Promise<DunningOutcome> {
  const tenant = await lockDunning(tx, tenantId);
  const transition = nextDunning(tenant.snapshot, input, opts.policy ?? dunningPolicy());
  if (transition) await writeTransition(tx, tenantId, transition, opts.audit ?? systemAudit());
  return { tenant, transition, state: transition ? transition.to : tenant.snapshot };
}
