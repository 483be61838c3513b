import { eq } from "drizzle-orm";
import type { Stripe } from "../adapters/stripe";
import type { TenantTx } from "../db/client";
import { billingInvoices } from "../db/schema/index";

const fromUnix = (s: number | null | undefined): Date | null => (s ? new Date(s * 1000) : null);

/** The customer an invoice bills (its id, whether expanded or not). */
export function invoiceCustomerId(invoice: Pick<Stripe.Invoice, "customer">): string | null {
  const c = invoice.customer;
  if (!c) return null;
  return typeof c === "string" ? c : c.id;
}

/** The subscription an invoice belongs to (API 2025-03+: under `parent.subscription_details`). */
export function invoiceSubscriptionId(invoice: Pick<Stripe.Invoice, "parent">): string | null {
  const sub = invoice.parent?.subscription_details?.subscription;
  if (!sub) return null;
  return typeof sub === "string" ? sub : sub.id;
}

/** The billing_invoices row of a freshly fetched invoice (drafts have no id-less fields to skip). */
export function invoiceRow(tenantId: string, invoice: Stripe.Invoice) {
  return {
    id: invoice.id as string,
    tenantId,
    number: invoice.number,
    status: invoice.status ?? "draft",
    currency: invoice.currency,
    totalCents: invoice.total,
    amountDueCents: invoice.amount_due,
    amountPaidCents: invoice.amount_paid,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: fromUnix(invoice.period_start),
    periodEnd: fromUnix(invoice.period_end),
    dueDate: fromUnix(invoice.due_date),
    paidAt: fromUnix(invoice.status_transitions?.paid_at),
    stripeCreatedAt: fromUnix(invoice.created) ?? new Date(),
  };
}

/**
 * Records an invoice as Stripe holds it now (insert or bring up to date). Returns the status it had
 * before (null when new), so the caller can say what changed.
 */
export async function upsertInvoice(
  tx: TenantTx,
  tenantId: string,
  invoice: Stripe.Invoice,
): Promise<{ before: string | null; after: string }> {
  if (tx.tenantId !== tenantId) throw new Error("billing: the transaction belongs to another tenant");
  if (!invoice.id) throw new Error("billing: an invoice preview has no id and is not recorded");
  const row = invoiceRow(tenantId, invoice);
  const [existing] = await tx
    .select({ status: billingInvoices.status, tenantId: billingInvoices.tenantId })
    .from(billingInvoices)
    .where(eq(billingInvoices.id, row.id));
  const { id, tenantId: _t, ...fields } = row;
  await tx
    .insert(billingInvoices)
    .values(row)
    .onConflictDoUpdate({ target: billingInvoices.id, set: { ...fields, updatedAt: new Date() } });
  return { before: existing?.status ?? null, after: row.status };
}
