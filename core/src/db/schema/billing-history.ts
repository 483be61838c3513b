import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

/**
 * Every subscription state the ledger held, in the order it learned them: a trigger on
 * `billing_accounts` appends a row whenever the subscription, its status or its MRR changes
 * (whoever writes the account: webhook processing, reconcile, a console or staff verb). Append-only.
 * The revenue overview needs it to know who was paying at a past moment (churn's denominator),
 * which the one current row per tenant cannot say.
 */
export const billingSubscriptionHistory = pgTable(
  "billing_subscription_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: text("subscription_id").notNull(),
    status: text("status").notNull(),
    mrrCents: integer("mrr_cents").notNull(),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_subscription_history_tenant_idx").on(t.tenantId, t.observedAt),
    // Churn: the last state of each subscription at a moment, and its cancellations after it.
    index("billing_subscription_history_sub_idx").on(t.subscriptionId, t.observedAt),
  ],
);

export type BillingSubscriptionHistoryRow = typeof billingSubscriptionHistory.$inferSelect;
