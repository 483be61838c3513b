import type { StepContext } from "../engine/types";
import { softDeleteTenant } from "../tenant-deletion";
import type { OffboardRunInput } from "../workflows/inputs";
import { platformCtx } from "./verb-context";

/**
 * The tenant stops existing for everyone: status `deleted`, so none of its hosts resolve and no
 * sign-in works. Its rows stay until `purgeDeletedTenants` removes them after the retention period.
 */
export const id = "soft-delete";

export async function run(ctx: StepContext<OffboardRunInput>) {
  const { deletedAt } = await softDeleteTenant(platformCtx(ctx), ctx.input.tenantId, {
    action: "tenant.delete",
    reason: ctx.input.reason,
    releaseNames: false,
    runId: ctx.run.id,
  });
  return { deletedAt: deletedAt?.toISOString() ?? null };
}
