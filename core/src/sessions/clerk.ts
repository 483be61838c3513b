import { verifyToken } from "@clerk/backend";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type AppAbility, buildMemberAbility } from "../authz/ability";
import { type Database, withTenant } from "../db/client";
import { membershipRoles, memberships, roles, users } from "../db/schema/index";

export interface ClerkSessionContext {
  clerkUserId: string;
  user: { id: string; email: string; name: string };
  membershipId: string;
  roleKeys: string[];
  ability: AppAbility;
}

/**
 * AUTH_PROVIDER=clerk: verify Clerk's session JWT networklessly (RS256 with the instance's PEM
 * key) and map it to this tenant's member. A Clerk user is linked to the tenant's user with the
 * same verified e-mail the first time (claim `email`, which the Clerk session token template must
 * include); after that the link (`users.clerk_user_id`) is what counts. No link, no access: a
 * Clerk account alone never creates a member.
 */
export async function resolveClerkSession(opts: {
  database: Database;
  tenantId: string;
  token: string | null | undefined;
  jwtKey: string;
  authorizedParties?: string[];
}): Promise<ClerkSessionContext | null> {
  if (!opts.token) return null;
  // @clerk/backend 3 resolves to the claims and throws on any failed check (signature, exp, nbf, azp).
  const claims = (await verifyToken(opts.token, {
    jwtKey: opts.jwtKey,
    ...(opts.authorizedParties ? { authorizedParties: opts.authorizedParties } : {}),
  }).catch(() => null)) as { sub?: string; email?: unknown } | null;
  if (!claims?.sub) return null;
  const clerkUserId = claims.sub;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  const { tenantId } = opts;

  return withTenant(opts.database, tenantId, async (tx) => {
    let [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.clerkUserId, clerkUserId)));
    if (!user && email) {
      // First sign-in through Clerk: link the existing member with this e-mail, if not linked yet.
      [user] = await tx
        .update(users)
        .set({ clerkUserId, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
        .where(and(eq(users.tenantId, tenantId), eq(users.email, email), isNull(users.clerkUserId)))
        .returning();
    }
    if (!user) return null;
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(
        and(eq(memberships.tenantId, tenantId), eq(memberships.userId, user.id), eq(memberships.status, "active")),
      );
    if (!membership) return null;
    const held = await tx
      .select({ key: roles.key, grants: roles.grants })
      .from(membershipRoles)
      .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
      .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membership.id)));
    return {
      clerkUserId,
      user: { id: user.id, email: user.email, name: user.name },
      membershipId: membership.id,
      roleKeys: held.map((r) => r.key).sort(),
      ability: buildMemberAbility({ userId: user.id, roles: held }),
    };
  });
}
