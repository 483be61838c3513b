import { and, eq } from "drizzle-orm";
import type { TenantTx } from "../db/client";
import { type DomainRow, membershipRoles, memberships, roles, users } from "../db/schema/index";
import { enqueueEmail } from "../email/outbox";

/**
 * "Your domain is live": queued for every active owner in the same transaction as the verification,
 * once per domain and verification (the key includes when it was verified).
 */
export async function notifyOwnersDomainVerified(tx: TenantTx, domain: DomainRow): Promise<void> {
  const tenantId = tx.tenantId;
  const owners = await tx
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
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
    );
  const stamp = (domain.verifiedAt ?? new Date()).getTime();
  for (const { email } of owners) {
    await enqueueEmail(tx, {
      template: "domain_verified",
      to: email,
      payload: { hostname: domain.hostname },
      idempotencyKey: `domain-verified:${domain.id}:${stamp}:${email}`,
    });
  }
}
