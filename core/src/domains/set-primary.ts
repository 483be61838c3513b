import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { type DomainRow, domains } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { DomainIdInput } from "./queries";

export const SetPrimaryDomainInput = DomainIdInput;

/**
 * Make a verified domain the tenant's primary host (where links, e-mails and redirects point).
 * The previous primary is cleared in the same transaction (one primary per tenant, by index).
 * Setting the platform host back as primary is always allowed; a custom one needs the feature.
 */
export async function setPrimaryDomain({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof SetPrimaryDomainInput>;
}): Promise<DomainRow> {
  assertCan(ctx.ability, "domain.manage");
  const { domainId } = parseInput(SetPrimaryDomainInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [target] = await tx
      .select()
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId), ne(domains.status, "removed")))
      .for("update");
    if (!target) throw new NotFoundError("Domain not found.");
    if (target.kind === "custom") assertFeature(ctx, "custom_domains");
    if (target.status !== "verified") {
      throw new PreconditionFailedError(
        `${target.hostname} is not verified yet; only a verified domain can be primary.`,
      );
    }
    if (target.isPrimary) return target;

    const previous = await tx
      .update(domains)
      .set({ isPrimary: false, updatedAt: new Date() })
      .where(and(eq(domains.tenantId, tenantId), eq(domains.isPrimary, true)))
      .returning({ id: domains.id, hostname: domains.hostname });
    const [primary] = await tx
      .update(domains)
      .set({ isPrimary: true, updatedAt: new Date() })
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId)))
      .returning();
    if (!primary) throw new Error("domain update returned no row");
    await emitAudit(tx, auditCtx(ctx), {
      action: "domain.set_primary",
      target: { type: "domain", id: domainId },
      before: { primary: previous[0]?.hostname ?? null },
      after: { primary: primary.hostname },
    });
    return primary;
  });
}
