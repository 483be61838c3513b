import { DomainError } from "@mw/core/errors";
import { addCustomDomain, removeCustomDomain } from "../domain-verbs";
import { PermanentStepError } from "../engine/errors";
import type { StepContext } from "../engine/types";
import type { OnboardRunInput } from "../workflows/inputs";
import { liveCustomDomains } from "./domain-rows";
import { findTenant, getTenantOrThrow, tenantCtx } from "./verb-context";

/**
 * Attach the customer's own host names at the hosting vendor (pending until their DNS proves
 * ownership). Host names this tenant already has are skipped; the vendor treats a repeated add
 * of a domain it already holds for us as success, which covers a crash between its answer and
 * our database write.
 *
 * The wizard checked every host name before the run started. What it could not know — the name
 * is attached to a project outside ours at the vendor, or another tenant took it in between — is
 * a refusal about that one domain, not about the customer: it is reported in the step's output
 * (and on the run page) and the onboarding goes on, so the tenant is not left half-provisioned.
 * The owner can add the domain later from the admin console. An unreachable vendor (5xx) is
 * retried as usual.
 */
export const id = "custom-domains";

export async function run(ctx: StepContext<OnboardRunInput>) {
  const wanted = ctx.input.customDomains;
  if (wanted.length === 0) return { domains: [] };
  const hosting = ctx.clients.hosting;
  if (!hosting)
    throw new PermanentStepError("No domain hosting vendor is configured, so custom domains cannot be added.");
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  const verbCtx = tenantCtx(ctx, tenant);
  const existing = await liveCustomDomains(ctx.database, tenant.id);
  const refused = new Map<string, string>();
  for (const hostname of wanted) {
    if (existing.has(hostname)) continue;
    try {
      await addCustomDomain({ ctx: verbCtx, input: { hostname }, hosting });
      await ctx.checkpoint(`added ${hostname}`);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      refused.set(hostname, err.message);
      ctx.log(`${hostname} not connected: ${err.message}`);
    }
  }
  const after = await liveCustomDomains(ctx.database, tenant.id);
  return {
    domains: wanted.map((hostname) => ({
      hostname,
      domainId: after.get(hostname)?.id ?? null,
      status: after.get(hostname)?.status ?? null,
      ...(refused.has(hostname) ? { notConnected: refused.get(hostname) } : {}),
    })),
  };
}

/** Release the run's host names at the vendor (and mark them removed), so another tenant may use them. */
export async function compensate(ctx: StepContext<OnboardRunInput>) {
  if (ctx.input.customDomains.length === 0) return;
  const tenant = await findTenant(ctx.database, ctx.input.tenantId);
  if (!tenant) return;
  const hosting = ctx.clients.hosting;
  if (!hosting)
    throw new PermanentStepError("No domain hosting vendor is configured, so custom domains cannot be removed.");
  const verbCtx = tenantCtx(ctx, tenant);
  const existing = await liveCustomDomains(ctx.database, tenant.id);
  for (const hostname of ctx.input.customDomains) {
    const row = existing.get(hostname);
    if (row) await removeCustomDomain({ ctx: verbCtx, input: { domainId: row.id }, hosting });
  }
}
