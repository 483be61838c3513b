import { and, eq, inArray } from "drizzle-orm";
import type { Grant } from "../authz/permissions";
import type { TenantTx } from "../db/client";
import { membershipRoles, memberships, type RoleRow, roles } from "../db/schema/index";
import { ValidationError } from "../errors";

/** The tenant's roles for these keys; unknown keys are a field error naming them. */
export async function getRolesByKeysOrThrow(
  tx: TenantTx,
  tenantId: string,
  keys: readonly string[],
): Promise<RoleRow[]> {
  const found = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.key, [...keys])));
  const missing = keys.filter((k) => !found.some((r) => r.key === k));
  if (missing.length > 0) {
    throw new ValidationError(`Unknown role: ${missing.join(", ")}`, {
      roleKeys: [`unknown role: ${missing.join(", ")}`],
    });
  }
  return found;
}

export async function rolesOfMembership(tx: TenantTx, tenantId: string, membershipId: string): Promise<RoleRow[]> {
  const rows = await tx
    .select({ role: roles })
    .from(membershipRoles)
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membershipId)));
  return rows.map((r) => r.role);
}

/** Active members holding the owner role, locked so two demotions cannot both pass the last-owner check. */
export async function activeOwnerIds(tx: TenantTx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(
      membershipRoles,
      and(eq(membershipRoles.tenantId, memberships.tenantId), eq(membershipRoles.membershipId, memberships.id)),
    )
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.status, "active"),
        eq(roles.key, "owner"),
        eq(roles.isSystem, true),
      ),
    )
    .for("update", { of: memberships });
  return rows.map((r) => r.id);
}

export function grantsOf(list: readonly RoleRow[]): Grant[] {
  return [...new Set(list.flatMap((r) => r.grants))] as Grant[];
}
