import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { withPlatform } from "../db/client";
import { type DomainRow, domains } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import type { DomainHosting } from "../ports/domains";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { restorePlatformPrimary } from "./apply";
import { liveClaims } from "./availability";
import { hostingFailure } from "./errors";
import { DomainIdInput, getLiveDomainOrThrow } from "./queries";

export const RemoveCustomDomainInput = DomainIdInput;

/**
 * Disconnect a custom domain: detach it at the vendor, then mark the row removed (kept for
 * history; the host name becomes free for anyone). A removed primary hands the role back to the
 * platform host. Vendor first: if that fails nothing changes here and the removal can be retried;
 * if the database write fails after it, the retry's detach finds nothing and succeeds. The vendor
 * attachment is shared by every tenant claiming the name (one project), so it stays while another
 * tenant still claims it.
 */
export async function removeCustomDomain({
  ctx,
  input,
  hosting,
}: {
  ctx: TenantCtx;
  input: z.input<typeof RemoveCustomDomainInput>;
  hosting: DomainHosting;
}): Promise<DomainRow> {
  assertCan(ctx.ability, "domain.manage");
  const { domainId } = parseInput(RemoveCustomDomainInput, input);
  assertTenantWritable(ctx);
  const current = await getLiveDomainOrThrow(ctx.database, ctx.tenant.id, domainId);
  if (current.kind !== "custom") {
    throw new PreconditionFailedError("The platform address cannot be removed; it is where your site always lives.");
  }
  const claims = await withPlatform(ctx.database, (tx) => liveClaims(tx, current.hostname));
  const sharedWithOthers = claims.some((c) => c.domainId !== current.id);
  try {
    if (!sharedWithOthers) await hosting.remove(current.hostname);
  } catch (err) {
    throw hostingFailure(err, current.hostname);
  }

  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [before] = await tx
      .select()
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId)))
      .for("update");
    if (!before || before.status === "removed") throw new NotFoundError("Domain not found.");
    const [removed] = await tx
      .update(domains)
      .set({ status: "removed", isPrimary: false, updatedAt: new Date() })
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId)))
      .returning();
    if (!removed) throw new Error("domain update returned no row");
    if (before.isPrimary) await restorePlatformPrimary(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "domain.remove",
      target: { type: "domain", id: domainId },
      before: { hostname: before.hostname, status: before.status, isPrimary: before.isPrimary },
      after: { hostname: removed.hostname, status: removed.status, isPrimary: removed.isPrimary },
    });
    return removed;
  });
}
