import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Stripe } from "../../adapters/stripe";
import { emitAudit } from "../../audit/emit";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import { billingInvoices } from "../../db/schema/billing";
import { NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { auditCtx, platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { rejectUnsafeText } from "../../validation/names";
import { upsertInvoice } from "../invoices";
import { formatMoney, toMinorUnits } from "./format";
import { TenantIdInput } from "./panel";
import { atStripe, idempotencyKey, idOf, loadAccount } from "./stripe-calls";

/** Stripe's reasons for a credit note, in the order the form offers them. */
export const CREDIT_NOTE_REASONS = ["product_unsatisfactory", "order_change", "duplicate", "fraudulent"] as const;

const CreditNoteInput = TenantIdInput.extend({
  invoiceId: z.string().regex(/^in_[A-Za-z0-9_]+$/, "not a Stripe invoice id"),
  /** In the invoice currency's major unit ("12.50" dollars), as staff type it. */
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, "give an amount like 12.50")
    .or(z.number().positive().transform(String)),
  reason: z.enum(CREDIT_NOTE_REASONS, { error: "choose one of Stripe's reasons" }),
  memo: z
    .string()
    .trim()
    .max(500, "keep the memo under 500 characters")
    .superRefine(rejectUnsafeText("memo", "multiline"))
    .optional()
    .transform((v) => v || undefined),
});

/** What a new credit note may still take from the invoice, by Stripe's figures. */
function creditableAtStripe(invoice: Stripe.Invoice): number {
  return invoice.status === "open"
    ? invoice.amount_remaining
    : invoice.amount_paid - invoice.post_payment_credit_notes_amount;
}

/**
 * Records a credit note on one of the tenant's invoices at Stripe: on an open invoice it lowers
 * what is due, on a paid one it goes to the customer's balance (their next invoices use it up).
 * The amount is checked against what Stripe says is left; staff with billing.manage; audited.
 */
export async function recordCreditNote({
  ctx,
  input,
  stripe,
}: {
  ctx: PlatformCtx;
  input: { tenantId: string; invoiceId: string; amount: string | number; reason: string; memo?: string | undefined };
  stripe: Stripe;
}) {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const { tenantId, invoiceId, amount, reason, memo } = parseInput(CreditNoteInput, input);
  const { name, account } = await loadAccount(ctx, tenantId);
  // The invoice must be this tenant's in our ledger: staff cannot credit an invoice by a guessed id.
  const [ledger] = await platformTenantTx(ctx, tenantId, (tx) =>
    tx
      .select({ currency: billingInvoices.currency, number: billingInvoices.number })
      .from(billingInvoices)
      .where(and(eq(billingInvoices.tenantId, tenantId), eq(billingInvoices.id, invoiceId))),
  );
  if (!ledger) throw new NotFoundError(`${name} has no invoice ${invoiceId}.`);
  const cents = toMinorUnits(Number(amount), ledger.currency);
  if (cents <= 0) throw new ValidationError("Invalid input — amount", { amount: ["give an amount above zero"] });

  const { invoice, note, after } = await atStripe(async () => {
    const invoice = await stripe.invoices.retrieve(invoiceId);
    if (idOf(invoice.customer) !== account.stripeCustomerId) {
      throw new PreconditionFailedError(`Stripe's invoice ${invoiceId} does not belong to ${name}'s customer.`);
    }
    if (invoice.status !== "open" && invoice.status !== "paid") {
      throw new PreconditionFailedError(`Credit notes go on open or paid invoices; this one is ${invoice.status}.`);
    }
    const left = creditableAtStripe(invoice);
    if (cents > left) {
      throw new ValidationError("Invalid input — amount", {
        amount: [`at most ${formatMoney(Math.max(0, left), invoice.currency)} can still be credited on this invoice`],
      });
    }
    const note = await stripe.creditNotes.create(
      {
        invoice: invoiceId,
        amount: cents,
        reason,
        ...(memo ? { memo } : {}),
        // Paid: to the customer's balance (a refund is a different decision).
        ...(invoice.status === "paid" ? { credit_amount: cents } : {}),
        metadata: { tenantId, actor: ctx.actor.type === "staff" ? ctx.actor.staffId : ctx.actor.process },
      },
      { idempotencyKey: idempotencyKey(ctx, tenantId, "credit_note", invoiceId) },
    );
    // What the note did to the invoice (amount due, credited), for the ledger.
    const after = await stripe.invoices.retrieve(invoiceId);
    return { invoice, note, after };
  });
  await platformTenantTx(ctx, tenantId, async (tx) => {
    await emitAudit(tx, auditCtx(ctx), {
      action: "billing.credit_note.create",
      target: { type: "invoice", id: invoiceId },
      before: { invoiceStatus: invoice.status, creditableCents: creditableAtStripe(invoice) },
      after: {
        creditNoteId: note.id,
        number: note.number,
        amountCents: note.amount,
        currency: note.currency,
        type: note.type,
        reason,
        memo: memo ?? null,
      },
    });
    await upsertInvoice(tx, tenantId, after);
  });
  return note;
}
