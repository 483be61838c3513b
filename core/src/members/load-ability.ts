import { and, eq } from "drizzle-orm";
import { type AppAbility, buildMemberAbility } from "../authz/ability";
import { type Database, withTenant } from "../db/client";
import { type MembershipRow, memberships, type RoleRow } from "../db/schema/index";
import { rolesOfMembership } from "./queries";

export interface MemberAccess {
  membership: MembershipRow;
  roles: RoleRow[];
  ability: AppAbility;
}

/** One ability per request, from the member's roles as stored now (so role changes apply at once). */
export async function loadMemberAccess(
  database: Database,
  tenantId: string,
  userId: string,
): Promise<MemberAccess | null> {
  return withTenant(database, tenantId, async (tx) => {
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.status, "active")));
    if (!membership) return null;
    const roles = await rolesOfMembership(tx, tenantId, membership.id);
    const ability = buildMemberAbility({ userId, roles: roles.map((r) => ({ key: r.key, grants: r.grants })) });
    return { membership, roles, ability };
  });
}
