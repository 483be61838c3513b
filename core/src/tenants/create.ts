import { eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertStaffCan } from "../authz/ability";
import { SYSTEM_ROLES } from "../authz/system-roles";
import type { PlatformCtx } from "../context";
import { pgErrorCode, UNIQUE_VIOLATION } from "../db/errors";
import { domains, roles, tenants } from "../db/schema/index";
import { env } from "../env";
import { ConflictError } from "../errors";
import { isId, newId } from "../ids";
import { computeEntitlements, PLAN_IDS } from "../plans/catalog";
import { auditCtx, platformTenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { displayName } from "../validation/names";
import { SlugSchema } from "./slug";

export const CreateTenantInput = z
  .object({
    name: displayName("name", 80),
    slug: SlugSchema,
    plan: z.enum(PLAN_IDS).default("free"),
  })
  .strict();

export type CreateTenantInput = z.input<typeof CreateTenantInput>;

export function platformHostname(slug: string): string {
  return `${slug}.${env.PLATFORM_DOMAIN}`;
}

/**
 * Reserve a slug and its platform subdomain: the tenant row (status `provisioning`), its system
 * roles and its verified `<slug>.<platform domain>` host, audited in the new tenant's chain.
 *
 * `tenantId` lets a durable workflow choose the id up front, so a re-run of its step can tell
 * "already created by me" from "slug taken by someone else". It is an argument of the call, not
 * part of the user input: clients never pick ids.
 */
export async function createTenant({
  ctx,
  input,
  tenantId: presetId,
}: {
  ctx: PlatformCtx;
  input: CreateTenantInput;
  tenantId?: string;
}) {
  assertStaffCan(ctx.ability, "platform.tenant.create");
  const data = parseInput(CreateTenantInput, input);
  if (presetId !== undefined && !isId("tenant", presetId)) throw new TypeError("createTenant: not a tenant id");
  const tenantId = presetId ?? newId("tenant");
  const hostname = platformHostname(data.slug);
  try {
    return await platformTenantTx(ctx, tenantId, async (tx) => {
      const [existing] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, data.slug));
      if (existing) throw new ConflictError(`The slug "${data.slug}" is already taken.`);
      const [tenant] = await tx
        .insert(tenants)
        .values({
          id: tenantId,
          slug: data.slug,
          name: data.name,
          plan: data.plan,
          status: "provisioning",
          entitlements: computeEntitlements(data.plan),
        })
        .returning();
      await tx.insert(roles).values(
        SYSTEM_ROLES.map((r) => ({
          id: newId("role"),
          tenantId,
          key: r.key,
          name: r.name,
          description: r.description,
          isSystem: true,
          grants: [...r.grants],
        })),
      );
      await tx.insert(domains).values({
        id: newId("domain"),
        tenantId,
        hostname,
        kind: "platform",
        status: "verified",
        isPrimary: true,
        verifiedAt: new Date(),
      });
      await emitAudit(tx, auditCtx(ctx), {
        action: "tenant.create",
        target: { type: "tenant", id: tenantId },
        after: tenant,
      });
      if (!tenant) throw new Error("tenant insert returned no row");
      return tenant;
    });
  } catch (err) {
    // Two creators racing for one slug or host: the unique index decides, the loser gets a clear error.
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError(`The slug "${data.slug}" or host ${hostname} is already taken.`);
    }
    throw err;
  }
}
