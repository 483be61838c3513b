import { eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { tenants } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { displayName } from "../validation/names";

export const UpdateTenantInput = z.object({ name: displayName("name", 80) }).strict();

/** A tenant admin renames their organization. The tenant is the context's, never the input's. */
export async function updateTenant({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof UpdateTenantInput> }) {
  assertCan(ctx.ability, "tenant.update");
  const data = parseInput(UpdateTenantInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.id, ctx.tenant.id)).for("update");
    if (!before) throw new NotFoundError("No such tenant.");
    const [after] = await tx
      .update(tenants)
      .set({ name: data.name, updatedAt: new Date() })
      .where(eq(tenants.id, ctx.tenant.id))
      .returning();
    await emitAudit(tx, auditCtx(ctx), {
      action: "tenant.update",
      target: { type: "tenant", id: ctx.tenant.id },
      before,
      after,
    });
    return after;
  });
}
