import { newId } from "@mw/core/ids";
import type { TenantGraph } from "./seed-graph";

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
    case "billing_subscription_history":
      return {
        row: {
          id: 1_000_000,
          tenant_id: t,
          subscription_id: `sub_${uniq}`,
          status: "active",
          mrr_cents: 0,
          observed_at: now,
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
