import { and, arrayContains, eq } from "drizzle-orm";
import type { TenantTx } from "../../db/client";
import { membershipRoles, memberships, roles, users } from "../../db/schema/index";
import { deliverSoon, enqueueEmail, type OutboxPayload, type OutboxTemplate } from "../../email/outbox";
import { env } from "../../env";

/**
 * Billing e-mails go to the people who can act on them: active members holding a role (system or
 * custom) that grants `billing.manage` — owners and billing managers by default.
 */
export async function billingContacts(tx: TenantTx): Promise<string[]> {
  const tenantId = tx.tenantId;
  const rows = await tx
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
        arrayContains(roles.grants, ["billing.manage"]),
      ),
    );
  return rows.map((r) => r.email).sort();
}

/** The console's billing page, through sign-in when the reader has no console session yet. */
export function billingLink(slug: string, controlPlaneUrl = env.CONTROL_PLANE_URL): string {
  const url = new URL("/console/sign-in", controlPlaneUrl);
  url.searchParams.set("org", slug);
  url.searchParams.set("next", "/console/billing");
  return url.toString();
}

/**
 * Queues one e-mail per billing contact and asks the worker to send them after commit. `key` names
 * the occasion (tenant + invoice + attempt, or tenant + transition); the recipient is appended, so
 * a retried webhook or job never sends the same mail twice, while a new occasion always does.
 */
export async function notifyBillingContacts<T extends OutboxTemplate>(
  tx: TenantTx,
  template: T,
  payload: OutboxPayload<T>,
  key: string,
): Promise<number> {
  let queued = 0;
  for (const to of await billingContacts(tx)) {
    const email = await enqueueEmail(tx, { template, to, payload, idempotencyKey: `${key}:${to}` });
    if (email.created) {
      await deliverSoon(tx, email);
      queued++;
    }
  }
  return queued;
}
