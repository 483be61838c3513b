import { removeCustomDomain } from "../domain-verbs";
import { PermanentStepError } from "../engine/errors";
import type { StepContext } from "../engine/types";
import type { OffboardRunInput } from "../workflows/inputs";
import { liveCustomDomains } from "./domain-rows";
import { getTenantOrThrow, tenantCtx } from "./verb-context";

/** Release every custom domain at the hosting vendor, so the customer can point it elsewhere. */
export const id = "remove-domains";

export async function run(ctx: StepContext<OffboardRunInput>) {
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  const live = [...(await liveCustomDomains(ctx.database, tenant.id)).values()];
  if (live.length === 0) return { removed: [] };
  const hosting = ctx.clients.hosting;
  if (!hosting)
    throw new PermanentStepError("No domain hosting vendor is configured, so custom domains cannot be removed.");
  const verbCtx = tenantCtx(ctx, tenant);
  for (const domain of live) {
    await removeCustomDomain({ ctx: verbCtx, input: { domainId: domain.id }, hosting });
    await ctx.checkpoint(`removed ${domain.hostname}`);
  }
  return { removed: live.map((d) => d.hostname) };
}
