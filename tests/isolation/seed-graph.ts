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
    await tx.insert(billingAccounts).values({ tenantId, stripeCustomerId: `cus_${tenantId}` });
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

/**
 * A fresh, valid row for `table` owned by `g.tenantId`, for the insert column of the matrix.
 * A table without a factory fails the matrix: new tenant-owned tables must be added here.
 */
export function freshRow(table: string, g: TenantGraph): { row: Record<string, unknown>; suffix?: string } | undefined {
  const now = new Date().toISOString();
  const t = g.tenantId;
  const uniq = newId("request").slice(4);
  switch (table) {
    case "users":
      return {
        row: { id: newId("user"), tenant_id: t, email: `${uniq}@x.test`, name: "", created_at: now, updated_at: now },
      };
    case "roles":
      return {
        row: {
          id: newId("role"),
          tenant_id: t,
          key: `r${uniq}`,
          name: "R",
          description: "",
          is_system: false,
          grants: [],
          created_at: now,
          updated_at: now,
        },
      };
    case "memberships":
      // The seeded user already has a membership; a new user is created in the same statement's tx first.
      return {
        row: {
          id: newId("membership"),
          tenant_id: t,
          user_id: g.userId,
          status: "active",
          created_at: now,
          updated_at: now,
        },
        suffix: "on conflict (tenant_id, user_id) do update set status = excluded.status",
      };
    case "membership_roles":
      return {
        row: { tenant_id: t, membership_id: g.membershipId, role_id: g.roleId, created_at: now },
        suffix: "on conflict do nothing",
      };
    case "invitations":
      return {
        row: {
          id: newId("invitation"),
          tenant_id: t,
          email: `${uniq}@x.test`,
          role_keys: ["viewer"],
          token_hash: `h${uniq}`,
          status: "pending",
          invited_by: g.userId,
          expires_at: now,
          created_at: now,
          updated_at: now,
        },
      };
    case "themes":
      return {
        row: {
          id: newId("theme"),
          tenant_id: t,
          version: 1000,
          status: "archived",
          tokens: {},
          created_by: "t",
          created_at: now,
        },
      };
    case "domains":
      return {
        row: {
          id: newId("domain"),
          tenant_id: t,
          hostname: `${uniq}.example.com`,
          kind: "custom",
          status: "pending",
          is_primary: false,
          verification: [],
          created_at: now,
          updated_at: now,
        },
      };
    case "audit_events":
      return {
        row: {
          tenant_id: t,
          seq: 1_000_000,
          id: newId("audit"),
          actor_type: "system",
          actor_id: "t",
          action: "x.y",
          target_type: "x",
          target_id: "x",
          occurred_at: now,
          hash: "\\x00",
        },
      };
    case "audit_chain_heads":
      return {
        row: { tenant_id: t, seq: 1, hash: "\\x00" },
        suffix: "on conflict (tenant_id) do update set seq = audit_chain_heads.seq",
      };
    case "audit_checkpoints":
      return { row: { tenant_id: t, seq: 1_000_000, hash: "\\x00", verified_at: now, checked: 0 } };
    case "sessions":
      return {
        row: {
          id: newId("session"),
          tenant_id: t,
          user_id: g.userId,
          membership_id: g.membershipId,
          kind: "site",
          token_hash: `t${uniq}`,
          method: "password",
          expires_at: now,
          last_seen_at: now,
          created_at: now,
        },
      };
    case "signup_requests":
      return {
        row: {
          id: newId("signupRequest"),
          tenant_id: t,
          email: "x@y.co",
          name: "X",
          password_hash: "x",
          token_hash: `su${uniq}`,
          expires_at: now,
          created_at: now,
        },
      };
    case "magic_links":
      return {
        row: {
          id: newId("magicLink"),
          tenant_id: t,
          email: "x@y.co",
          token_hash: `m${uniq}`,
          expires_at: now,
          created_at: now,
        },
      };
    case "artists":
      return {
        row: {
          id: newId("artist"),
          tenant_id: t,
          owner_id: g.userId,
          name: "A",
          genre: "",
          country: "",
          bio: "",
          created_at: now,
          updated_at: now,
        },
      };
    case "events":
      return {
        row: {
          id: newId("event"),
          tenant_id: t,
          owner_id: g.userId,
          title: "E",
          venue: "",
          description: "",
          starts_at: now,
          time_zone: "UTC",
          created_at: now,
          updated_at: now,
        },
      };
    case "event_rsvps":
      return {
        row: { tenant_id: t, event_id: g.eventId, user_id: g.userId, status: "interested", created_at: now },
        suffix: "on conflict do nothing",
      };
    case "email_outbox":
      return {
        row: {
          id: newId("request"),
          tenant_id: t,
          template: "welcome",
          to_address: "x@y.co",
          payload: {},
          status: "pending",
          attempts: 0,
          idempotency_key: `o${uniq}`,
          created_at: now,
        },
      };
    case "billing_accounts":
      // One account per tenant: the seeded one is updated in place.
      return {
        row: {
          tenant_id: t,
          stripe_customer_id: `cus_${uniq}`,
          cancel_at_period_end: false,
          collection_method: "charge_automatically",
          mrr_cents: 0,
          currency: "usd",
          created_at: now,
          updated_at: now,
        },
        suffix: "on conflict (tenant_id) do update set stripe_customer_id = excluded.stripe_customer_id",
      };
    case "billing_invoices":
      return {
        row: {
          id: `in_${uniq}`,
          tenant_id: t,
          status: "open",
          currency: "usd",
          total_cents: 100,
          amount_due_cents: 100,
          amount_paid_cents: 0,
          stripe_created_at: now,
          created_at: now,
          updated_at: now,
        },
      };
    case "usage_records":
      return {
        row: {
          id: `use_${uniq}`,
          tenant_id: t,
          meter: "rsvps",
          quantity: 1,
          idempotency_key: `k${uniq}`,
          occurred_at: now,
          created_at: now,
        },
      };
    case "usage_reports":
      return {
        row: {
          id: `ur_${uniq}`,
          tenant_id: t,
          meter: "rsvps",
          quantity: 1,
          status: "pending",
          attempts: 0,
          created_at: now,
        },
      };
    default:
      return undefined;
  }
}
