import { emitAudit } from "@mw/core/audit";
import { type Database, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import {
  artists,
  billingAccounts,
  billingInvoices,
  domains,
  emailOutbox,
  eventRsvps,
  events,
  invitations,
  magicLinks,
  membershipRoles,
  memberships,
  roles,
  sessions,
  signupRequests,
  tenants,
  themes,
  usageRecords,
  usageReports,
  users,
} from "@mw/core/schema";

export interface TenantGraph {
  tenantId: string;
  userId: string;
  roleId: string;
  membershipId: string;
  artistId: string;
  eventId: string;
}

/** One row in every tenant-owned table, written through RLS as the tenant itself. */
export async function seedTenantGraph(control: Database, slug: string): Promise<TenantGraph> {
  const tenantId = newId("tenant");
  await control.db.insert(tenants).values({ id: tenantId, slug, name: slug, status: "active" });
  const g: TenantGraph = {
    tenantId,
    userId: newId("user"),
    roleId: newId("role"),
    membershipId: newId("membership"),
    artistId: newId("artist"),
    eventId: newId("event"),
  };
  await withTenant(control, tenantId, async (tx) => {
    await tx.insert(users).values({ id: g.userId, tenantId, email: `owner@${slug}.test` });
    await tx.insert(roles).values({ id: g.roleId, tenantId, key: "viewer", name: "Viewer", grants: ["artist.read"] });
    await tx.insert(memberships).values({ id: g.membershipId, tenantId, userId: g.userId });
    await tx.insert(membershipRoles).values({ tenantId, membershipId: g.membershipId, roleId: g.roleId });
    await tx.insert(invitations).values({
      id: newId("invitation"),
      tenantId,
      email: `invitee@${slug}.test`,
      roleKeys: ["viewer"],
      tokenHash: `hash-${tenantId}`,
      invitedBy: g.userId,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await tx
      .insert(themes)
      .values({ id: newId("theme"), tenantId, version: 1, status: "published", tokens: {}, createdBy: "test" });
    await tx
      .insert(domains)
      .values({ id: newId("domain"), tenantId, hostname: `${slug}.localhost`, kind: "platform", status: "verified" });
    await tx.insert(sessions).values({
      id: newId("session"),
      tenantId,
      userId: g.userId,
      membershipId: g.membershipId,
      kind: "site",
      tokenHash: `s-${tenantId}`,
      method: "password",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await tx.insert(magicLinks).values({
      id: newId("magicLink"),
      tenantId,
      email: `owner@${slug}.test`,
      tokenHash: `m-${tenantId}`,
      expiresAt: new Date(),
    });
    await tx.insert(signupRequests).values({
      id: newId("signupRequest"),
      tenantId,
      email: `new@${slug}.test`,
      name: "New",
      passwordHash: "x",
      tokenHash: `su-${tenantId}`,
      expiresAt: new Date(),
    });
    await tx.insert(artists).values({ id: g.artistId, tenantId, ownerId: g.userId, name: "Artist" });
    await tx
      .insert(events)
      .values({ id: g.eventId, tenantId, ownerId: g.userId, artistId: g.artistId, title: "Gig", startsAt: new Date() });
    await tx.insert(eventRsvps).values({ tenantId, eventId: g.eventId, userId: g.userId, status: "going" });
    await tx.insert(emailOutbox).values({
      id: newId("request"),
      tenantId,
      template: "magic_link",
      to: `owner@${slug}.test`,
      payload: {},
      idempotencyKey: `outbox-${tenantId}`,
    });
    // With a subscription, so its trigger also writes the tenant's billing_subscription_history row.
    await tx.insert(billingAccounts).values({
      tenantId,
      stripeCustomerId: `cus_${tenantId}`,
      stripeSubscriptionId: `sub_${tenantId}`,
      subscriptionStatus: "active",
    });
    await tx.insert(billingInvoices).values({
      id: `in_${tenantId}`,
      tenantId,
      status: "paid",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 999,
      amountPaidCents: 999,
      stripeCreatedAt: new Date(),
    });
    await tx.insert(usageReports).values({ id: `ur_${tenantId}`, tenantId, meter: "rsvps", quantity: 1 });
    await tx.insert(usageRecords).values({
      id: `use_${tenantId}`,
      tenantId,
      meter: "rsvps",
      quantity: 1,
      idempotencyKey: `rsvp-${tenantId}`,
      reportId: `ur_${tenantId}`,
    });
    await emitAudit(
      tx,
      { actor: { type: "system", process: "test" }, requestId: "req_test" },
      {
        action: "tenant.create",
        target: { type: "tenant", id: tenantId },
      },
    );
    // Keyed verification writes the tenant's first checkpoint (audit_checkpoints).
    await tx.$sql`select * from mw_audit_verify(true)`;
  });
  return g;
}
