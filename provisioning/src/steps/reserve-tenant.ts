import { withTenant } from "@mw/core/db";
import { memberships, provisioningRuns } from "@mw/core/schema";
import { createTenant } from "@mw/core/verbs";
import { and, eq, ne } from "drizzle-orm";
import type { StepContext } from "../engine/types";
import { softDeleteTenant } from "../tenant-deletion";
import type { OnboardRunInput } from "../workflows/inputs";
import { findTenant, platformCtx } from "./verb-context";

/** Reserve the slug and platform subdomain: the tenant row, with the id chosen when the run started. */
export const id = "reserve-tenant";

export async function run(ctx: StepContext<OnboardRunInput>) {
  const { tenantId, name, slug, plan } = ctx.input;
  // The id is this run's own, so a tenant with it can only be our earlier, crashed attempt.
  if (await findTenant(ctx.database, tenantId)) return { tenantId, created: false };
  await createTenant({ ctx: platformCtx(ctx), input: { name, slug, plan }, tenantId });
  return { tenantId, created: true };
}

/**
 * Delete the tenant this run created — unless something else now depends on it (someone joined,
 * or another run works on it), in which case staff must offboard it deliberately.
 */
export async function compensate(ctx: StepContext<OnboardRunInput>) {
  const { tenantId } = ctx.input;
  const tenant = await findTenant(ctx.database, tenantId);
  if (!tenant || tenant.status === "deleted") return;
  const [member] = await withTenant(ctx.database, tenantId, (tx) =>
    tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.tenantId, tenantId)).limit(1),
  );
  const [otherRun] = await ctx.database.db
    .select({ id: provisioningRuns.id })
    .from(provisioningRuns)
    .where(and(eq(provisioningRuns.forTenantId, tenantId), ne(provisioningRuns.id, ctx.run.id)))
    .limit(1);
  if (member || otherRun) {
    ctx.log(`tenant ${tenantId} kept: ${member ? "it has members" : `run ${otherRun?.id} refers to it`}`);
    return;
  }
  await softDeleteTenant(platformCtx(ctx), tenantId, {
    action: "tenant.delete",
    reason: "onboarding cancelled",
    releaseNames: true,
    runId: ctx.run.id,
  });
}
