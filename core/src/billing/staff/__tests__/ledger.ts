import { withTenant } from "../../../db/client";
import { billingAccounts, billingInvoices, billingSubscriptionHistory } from "../../../db/schema/index";
import type { TestDatabase } from "../../../testing/db";

type AccountValues = Omit<typeof billingAccounts.$inferInsert, "tenantId">;
type InvoiceValues = Omit<typeof billingInvoices.$inferInsert, "tenantId">;

export const DAY = 86_400_000;

/** Writes the account as the product does (control role, inside the tenant), so the history trigger runs. */
export async function seedAccount(db: TestDatabase, tenantId: string, values: AccountValues): Promise<void> {
  await withTenant(db.control, tenantId, (tx) => tx.insert(billingAccounts).values({ tenantId, ...values }));
}

export async function seedInvoices(db: TestDatabase, tenantId: string, rows: InvoiceValues[]): Promise<void> {
  await withTenant(db.control, tenantId, (tx) =>
    tx.insert(billingInvoices).values(rows.map((r) => ({ tenantId, ...r }))),
  );
}

/** Back-dated states a subscription went through (the owner writes the past; the product never does). */
export async function seedHistory(
  db: TestDatabase,
  tenantId: string,
  subscriptionId: string,
  states: { status: string; mrrCents: number; at: Date }[],
): Promise<void> {
  await db.owner.db
    .insert(billingSubscriptionHistory)
    .values(
      states.map((s) => ({ tenantId, subscriptionId, status: s.status, mrrCents: s.mrrCents, observedAt: s.at })),
    );
}
