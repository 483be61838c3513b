import type { TenantTx } from "../../db/client";
import { HttpLink } from "../../email/input";
import { billingLink, notifyBillingContacts } from "./notify";
import { applyDunning, type DunningOptions, type DunningOutcome } from "./store";
import { announceTransition } from "./transitions";

/** What dunning reads of a Stripe invoice (`Stripe.Invoice` fits). */
export interface DunningInvoice {
  id: string;
  amount_due: number;
  currency: string;
  attempt_count?: number | null;
  hosted_invoice_url?: string | null;
}

/**
 * `invoice.payment_failed`: the tenant becomes past due (grace starts) unless it already is, and
 * the billing contacts get the "payment failed" mail — once per invoice and attempt, so every
 * failed retry reminds them and a redelivered event sends nothing new.
 */
export async function onPaymentFailed(
  tx: TenantTx,
  tenantId: string,
  invoice: DunningInvoice,
  now: Date,
  opts: DunningOptions = {},
): Promise<DunningOutcome> {
  const outcome = await applyDunning(tx, tenantId, { kind: "payment_failed", now }, opts);
  const { state } = outcome;
  if (state.state === "ok") return outcome;
  const billing = billingLink(outcome.tenant.slug);
  const hosted = HttpLink.safeParse(invoice.hosted_invoice_url ?? "");
  await notifyBillingContacts(
    tx,
    "billing_payment_failed",
    {
      amountDueCents: Math.max(0, invoice.amount_due),
      currency: invoice.currency,
      state: state.state,
      graceUntil: state.state === "past_due" ? (state.graceUntil?.toISOString() ?? null) : null,
      reminder: false,
      payLink: hosted.success ? hosted.data : billing,
      billingLink: billing,
    },
    `dunning:payment-failed:${invoice.id}:${invoice.attempt_count ?? 0}`,
  );
  return outcome;
}

/** `invoice.paid`: a tenant in any dunning state is restored at once (audited, "restored" mail). */
export async function onPaymentSucceeded(
  tx: TenantTx,
  tenantId: string,
  _invoice: Pick<DunningInvoice, "id">,
  now: Date,
  opts: DunningOptions = {},
): Promise<DunningOutcome> {
  const outcome = await applyDunning(tx, tenantId, { kind: "payment_succeeded", now }, opts);
  if (outcome.transition) await announceTransition(tx, outcome.tenant.slug, outcome.transition);
  return outcome;
}
