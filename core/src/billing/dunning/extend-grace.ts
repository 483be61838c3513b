import { z } from "zod";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import { PreconditionFailedError } from "../../errors";
import { isId } from "../../ids";
import { auditCtx, platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { nextDunning } from "./machine";
import { dunningPolicy, lockDunning, writeTransition } from "./store";

const MAX_EXTENSION_DAYS = 90;

const ExtendGraceInput = z.strictObject({
  tenantId: z.string().refine((v) => isId("tenant", v), "not a tenant id"),
  until: z.coerce.date({ error: "give the date the grace period should end" }),
});

/**
 * Staff give a tenant in dunning more time: past due (features on) until `until`, also from
 * restricted or suspended (the site reopens while they pay). Audited as
 * `billing.dunning.grace_extended` with the staff member as actor. Refused for a tenant that owes
 * nothing, and for a date in the past or more than 90 days ahead.
 */
export async function extendGrace(ctx: PlatformCtx, tenantId: string, until: Date | string) {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const input = parseInput(ExtendGraceInput, { tenantId, until });
  const now = new Date();
  if (input.until.getTime() <= now.getTime()) {
    throw new PreconditionFailedError("The new end of the grace period must be in the future.");
  }
  if (input.until.getTime() > now.getTime() + MAX_EXTENSION_DAYS * 24 * 3600 * 1000) {
    throw new PreconditionFailedError(`Grace can be extended by at most ${MAX_EXTENSION_DAYS} days.`);
  }
  return platformTenantTx(ctx, input.tenantId, async (tx) => {
    const tenant = await lockDunning(tx, input.tenantId);
    if (tenant.snapshot.state === "ok") {
      throw new PreconditionFailedError("This organization has no unpaid invoice: there is no grace period to extend.");
    }
    const transition = nextDunning(tenant.snapshot, { kind: "extend_grace", until: input.until, now }, dunningPolicy());
    if (transition) await writeTransition(tx, input.tenantId, transition, auditCtx(ctx));
    return transition ? transition.to : tenant.snapshot;
  });
}
