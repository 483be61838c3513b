"use client";

import { ConfirmAction } from "@mw/ui/confirm-action";
import { Field } from "@mw/ui/field";
import { Input, Select, Textarea } from "@mw/ui/input";
import { compAction, creditNoteAction, extendGraceAction, removeCompAction } from "../../app/staff/billing-actions";

/** More time to pay, confirmed: the tenant keeps (or gets back) its paid features until then. */
export function ExtendGraceForm({
  tenantId,
  name,
  options,
}: {
  tenantId: string;
  name: string;
  options: readonly number[];
}) {
  return (
    <ConfirmAction
      action={extendGraceAction}
      fields={{ tenantId }}
      label="Extend grace"
      title={`Extend ${name}'s grace period?`}
      description="The tenant stays past due with every paid feature on until the new date; reminders continue. A restricted or suspended tenant is reopened from now."
      confirmLabel="Extend grace"
      pendingLabel="Extending…"
      variant="outline"
    >
      <Field label="Add">
        <Select name="days" defaultValue="7">
          {options.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </Select>
      </Field>
    </ConfirmAction>
  );
}

/**
 * Comp (100 % off for as long as it stays) or, when comped, remove it — one dialog component whose
 * props follow the state, so it stays mounted when the page refreshes into the other state and its
 * toast still shows.
 */
export function CompToggle({ tenantId, name, comped }: { tenantId: string; name: string; comped: boolean }) {
  return (
    <ConfirmAction
      action={comped ? removeCompAction : compAction}
      fields={{ tenantId }}
      label={comped ? "Remove comp" : "Comp subscription"}
      title={comped ? `Remove ${name}'s comp?` : `Comp ${name}?`}
      description={
        comped
          ? "The 100 % coupon comes off: the subscription is billed at its price again from the next invoice."
          : "Stripe applies a 100 % forever coupon to the subscription: it keeps its plan and pays nothing from the next invoice. Any other discount on it is replaced."
      }
      confirmLabel={comped ? "Remove comp" : "Comp"}
      pendingLabel={comped ? "Removing…" : "Comping…"}
      variant={comped ? "danger-outline" : "outline"}
    >
      <Field label="Reason (shown in the audit log)">
        <Input name="reason" required minLength={3} maxLength={500} />
      </Field>
    </ConfirmAction>
  );
}

/** A credit note on one invoice, up to what is left on it; Stripe's reasons, a memo for the PDF. */
export function CreditNoteForm({
  tenantId,
  invoiceId,
  invoiceLabel,
  maxLabel,
  reasons,
  paid,
}: {
  tenantId: string;
  invoiceId: string;
  invoiceLabel: string;
  /** "$9.99": what the ledger says is left, for the hint. */
  maxLabel: string;
  reasons: readonly { value: string; label: string }[];
  paid: boolean;
}) {
  return (
    <ConfirmAction
      action={creditNoteAction}
      fields={{ tenantId, invoiceId }}
      label={
        <>
          Credit note<span className="sr-only"> on invoice {invoiceLabel}</span>
        </>
      }
      title={`Credit note on ${invoiceLabel}`}
      description={
        paid
          ? "The invoice is paid: the credit goes to the customer's balance and their next invoices use it up. Stripe e-mails the credit note."
          : "The invoice is open: the credit lowers what is due on it. Stripe e-mails the credit note."
      }
      confirmLabel="Record credit note"
      pendingLabel="Recording…"
      variant="outline"
    >
      <Field label="Amount" hint={`At most ${maxLabel}, less any earlier credit notes.`}>
        <Input name="amount" inputMode="decimal" autoComplete="off" required placeholder="0.00" />
      </Field>
      <Field label="Reason">
        <Select name="reason" defaultValue={reasons[0]?.value}>
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Memo (on the credit note)" optional>
        <Textarea name="memo" rows={2} maxLength={500} />
      </Field>
    </ConfirmAction>
  );
}
