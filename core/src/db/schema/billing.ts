import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";

/**
 * Billing: Stripe is the source of truth for money; these tables are the platform's ledger of what
 * it learned (DESIGN "Billing"). The plan, add-ons, entitlements and dunning state a request needs
 * live on `tenants` (so `resolve_host()` and the NOTIFY trigger carry them); everything else here.
 */

/**
 * The tenant's Stripe customer and the last subscription state fetched from Stripe (never from a
 * webhook payload). Tenant-owned (RLS); written by the worker, read by the billing console.
 */
export const billingAccounts = pgTable(
  "billing_accounts",
  {
    tenantId: tenantIdColumn()
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    /** Stripe's status as last fetched: trialing, active, past_due, unpaid, canceled, incomplete… */
    subscriptionStatus: text("subscription_status"),
    /** `month` or `year`: the plan price's recurring interval. */
    billingInterval: text("billing_interval"),
    /** Quantity of the plan item (Business is priced per seat). */
    seats: integer("seats"),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    trialEnd: timestamp("trial_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** `charge_automatically`, or `send_invoice` for enterprise invoice collection. */
    collectionMethod: text("collection_method").notNull().default("charge_automatically"),
    daysUntilDue: integer("days_until_due"),
    /** Enterprise: the custom price staff chose in the wizard. */
    customPriceId: text("custom_price_id"),
    /** A coupon on the subscription (a 100 % comp, a discount). */
    couponId: text("coupon_id"),
    /** Monthly recurring revenue of the subscription after discounts, in cents (yearly ÷ 12). */
    mrrCents: integer("mrr_cents").notNull().default(0),
    currency: text("currency").notNull().default("usd"),
    /** Card brand and last four of the default payment method, for display. */
    paymentMethod: jsonb("payment_method"),
    /** When Stripe's state was last copied here (webhook processing or reconcile). */
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("billing_accounts_customer_uq").on(t.stripeCustomerId),
    index("billing_accounts_subscription_idx").on(t.stripeSubscriptionId),
  ],
);

export const stripeEventStatus = pgEnum("stripe_event_status", ["pending", "processed", "failed", "ignored"]);

/**
 * The webhook inbox: every event Stripe delivered, once (its id is the key, so redeliveries are
 * absorbed). A platform table — the tenant is not known until the event is read — seen by staff only.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    livemode: boolean("livemode").notNull().default(false),
    /** Resolved from the customer when known; null for events about no tenant of ours. */
    forTenantId: text("for_tenant_id").references(() => tenants.id, { onDelete: "set null" }),
    /** `data.object.id` (sub_…, in_…, cs_…). */
    objectId: text("object_id"),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    payload: jsonb("payload").notNull(),
    status: stripeEventStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** What processing did, in words ("plan pro → business", "stale: subscription already canceled"). */
    result: text("result"),
    lastError: text("last_error"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("stripe_events_tenant_idx").on(t.forTenantId, t.receivedAt),
    index("stripe_events_status_idx").on(t.status, t.receivedAt),
  ],
);

/** Invoices as learned from Stripe (webhooks, reconcile): history for the billing console and revenue. */
export const billingInvoices = pgTable(
  "billing_invoices",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    number: text("number"),
    /** draft, open, paid, uncollectible, void. */
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    totalCents: integer("total_cents").notNull(),
    amountDueCents: integer("amount_due_cents").notNull(),
    amountPaidCents: integer("amount_paid_cents").notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    invoicePdf: text("invoice_pdf"),
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }),
    dueDate: timestamp("due_date", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (t) => [index("billing_invoices_tenant_idx").on(t.tenantId, t.stripeCreatedAt)],
);

export const usageReportStatus = pgEnum("usage_report_status", ["pending", "sent"]);

/**
 * An aggregate of usage records sent to Stripe as one meter event. Its id is the meter event's
 * `identifier`: created (with its records claimed) before the send, marked sent after, so a crash
 * in between re-sends the same identifier and Stripe counts it once.
 */
export const usageReports = pgTable(
  "usage_reports",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    meter: text("meter").notNull(),
    quantity: integer("quantity").notNull(),
    status: usageReportStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("usage_reports_status_idx").on(t.status, t.createdAt)],
);

/**
 * One product action that counts against a meter (an event published, an RSVP), recorded in the
 * same transaction as the action. The idempotency key names the action, so a retried verb counts once.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    /** A meter id from the plan catalog (`events_published`, `rsvps`). */
    meter: text("meter").notNull(),
    quantity: integer("quantity").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** The report that carried this record to Stripe; null until aggregated. */
    reportId: text("report_id").references(() => usageReports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_records_idem_uq").on(t.tenantId, t.meter, t.idempotencyKey),
    index("usage_records_unreported_idx").on(t.tenantId, t.meter).where(sql`${t.reportId} is null`),
    index("usage_records_time_idx").on(t.tenantId, t.occurredAt),
    check("usage_records_quantity_ck", sql`${t.quantity} > 0`),
  ],
);

export type BillingAccountRow = typeof billingAccounts.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
export type BillingInvoiceRow = typeof billingInvoices.$inferSelect;
export type UsageRecordRow = typeof usageRecords.$inferSelect;
export type UsageReportRow = typeof usageReports.$inferSelect;
