import type { Stripe } from "../adapters/stripe";
import type { AuditCtx } from "../audit/emit";
import { type Database, withTenant } from "../db/client";
import { newId } from "../ids";
import { upsertInvoice } from "./invoices";
import { syncCustomer } from "./webhooks/sync-customer";

export interface ReconcileReport {
  /** Accounts compared with Stripe. */
  checked: number;
  /** Accounts whose tenant or ledger had drifted and were repaired, with what changed. */
  repaired: { tenantId: string; summary: string }[];
  /** Invoices Stripe has that the ledger lacked or had in another state. */
  invoicesUpdated: number;
  failed: { tenantId: string; error: string }[];
}

const INVOICES_PER_ACCOUNT = 12;

/**
 * The periodic reconcile: every tenant with a Stripe customer is compared with Stripe as it is now
 * — its current subscription (also one we never heard of: a lost checkout webhook) and its recent
 * invoices — and the ledger, plan, entitlements and dunning are repaired where they drifted. So a
 * webhook that never arrives (endpoint down for days, events expired) still converges. Runs in the
 * worker only; no request path calls Stripe.
 */
export async function reconcileBilling(opts: {
  database: Database;
  stripe: Stripe;
  now?: () => Date;
  pageSize?: number;
}): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, repaired: [], invoicesUpdated: 0, failed: [] };
  const runId = newId("request");
  let after: string | null = null;
  for (;;) {
    const page: { tenant_id: string; stripe_customer_id: string }[] = await opts.database.sql`
      select tenant_id, stripe_customer_id from mw_billing_accounts_page(${after}, ${opts.pageSize ?? 200})`;
    if (page.length === 0) break;
    for (const account of page) {
      after = account.tenant_id;
      report.checked++;
      const audit: AuditCtx = { actor: { type: "system", process: "billing.reconcile" }, requestId: runId };
      try {
        await withTenant(opts.database, account.tenant_id, async (tx) => {
          const now = opts.now?.() ?? new Date();
          const ctx = { tx, tenantId: account.tenant_id, stripe: opts.stripe, audit, now };
          const sync = await syncCustomer(ctx, account.stripe_customer_id);
          const invoices = await opts.stripe.invoices.list({
            customer: account.stripe_customer_id,
            limit: INVOICES_PER_ACCOUNT,
          });
          let updated = 0;
          for (const invoice of invoices.data) {
            if (!invoice.id) continue;
            const { before, after: status } = await upsertInvoice(tx, account.tenant_id, invoice);
            if (before !== status) updated++;
          }
          report.invoicesUpdated += updated;
          if (sync.kind === "applied" && sync.result.changed) {
            report.repaired.push({ tenantId: account.tenant_id, summary: sync.result.summary });
          }
        });
      } catch (err) {
        report.failed.push({ tenantId: account.tenant_id, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return report;
}
