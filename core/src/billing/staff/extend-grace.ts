import { eq } from "drizzle-orm";
import { z } from "zod";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import { tenants } from "../../db/schema/tenants";
import { NotFoundError } from "../../errors";
import { platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { extendGrace } from "../dunning/extend-grace";
import { TenantIdInput } from "./panel";

/** The extensions the staff panel offers, in days. */
export const GRACE_EXTENSIONS = [3, 7, 14, 30] as const;

const ExtendInput = TenantIdInput.extend({
  days: z.coerce
    .number({ error: "choose how many days to add" })
    .int()
    .refine((d) => (GRACE_EXTENSIONS as readonly number[]).includes(d), {
      error: `add ${GRACE_EXTENSIONS.join(", ")} days`,
    }),
});

/**
 * Staff add days to a tenant's grace period: from its current end while past due, or from now for
 * a restricted or suspended tenant (who gets its features back for that long). Dunning's `extendGrace`
 * makes the change, row-locked and audited as `billing.dunning.grace_extended`.
 */
export async function extendTenantGrace({
  ctx,
  input,
  now = new Date(),
}: {
  ctx: PlatformCtx;
  input: { tenantId: string; days: number | string };
  now?: Date;
}) {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const { tenantId, days } = parseInput(ExtendInput, input);
  const [current] = await platformTenantTx(ctx, tenantId, (tx) =>
    tx
      .select({ state: tenants.dunningState, graceUntil: tenants.graceUntil })
      .from(tenants)
      .where(eq(tenants.id, tenantId)),
  );
  if (!current) throw new NotFoundError("No such tenant.");
  // Past due: the grace's end moves. Restricted or suspended: grace_until holds the next deadline,
  // not a grace, so the new grace starts now.
  const running = current.state === "past_due" && current.graceUntil && current.graceUntil > now;
  const from = running && current.graceUntil ? current.graceUntil : now;
  return extendGrace(ctx, tenantId, new Date(from.getTime() + days * 86_400_000));
}
