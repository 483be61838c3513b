import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { GrantsSchema } from "../authz/permissions";
import { isSystemRoleKey } from "../authz/system-roles";
import type { TenantCtx } from "../context";
import { pgErrorCode, UNIQUE_VIOLATION } from "../db/errors";
import { roles } from "../db/schema/index";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { displayName, lineText } from "../validation/names";
import { assertMayGrant } from "./escalation";

export const RoleKeySchema = z
  .string()
  .trim()
  .min(2, "key must be at least 2 characters")
  .max(40, "key must be at most 40 characters")
  .regex(/^[a-z][a-z0-9_]*$/, "key may contain a–z, 0–9 and underscores, starting with a letter");

export const CreateRoleInput = z
  .object({
    key: RoleKeySchema.refine((k) => !isSystemRoleKey(k), {
      error: (iss) => `"${String(iss.input)}" is a system role`,
    }),
    name: displayName("name", 60),
    description: lineText("description", 300).default(""),
    grants: GrantsSchema,
  })
  .strict();

export async function createRole({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof CreateRoleInput> }) {
  assertCan(ctx.ability, "role.create");
  const data = parseInput(CreateRoleInput, input);
  assertTenantWritable(ctx);
  assertMayGrant(ctx, data.grants);
  try {
    return await tenantTx(ctx, async (tx) => {
      const [role] = await tx
        .insert(roles)
        .values({
          id: newId("role"),
          tenantId: ctx.tenant.id,
          key: data.key,
          name: data.name,
          description: data.description,
          grants: [...data.grants],
        })
        .returning();
      if (!role) throw new Error("role insert returned no row");
      await emitAudit(tx, auditCtx(ctx), { action: "role.create", target: { type: "role", id: role.id }, after: role });
      return role;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION)
      throw new ConflictError(`A role with the key "${data.key}" already exists.`);
    throw err;
  }
}
