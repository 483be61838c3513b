"use server";

import { compSubscription, extendTenantGrace, recordCreditNote, removeComp } from "@mw/core/billing/staff";
import { ValidationError } from "@mw/core/errors";
import { type ActionResult, formValues, toActionResult } from "@mw/core/transport";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { staffStripe } from "../../lib/staff-billing";
import { staffCtx } from "../../lib/staff-session";

/**
 * The staff billing panel's actions: parse the form, call the staff verb, say what happened. They
 * run in confirmation dialogs, which show one message: a bad field is named in it.
 */
function refused(err: unknown, values: Record<string, string>): ActionResult {
  unstable_rethrow(err);
  const result = toActionResult(err, values);
  if (err instanceof ValidationError) {
    return { ...result, message: [...new Set(Object.values(err.fields).flat())].join(" ") || result.message };
  }
  return result;
}

export async function extendGraceAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "days"]);
  try {
    await extendTenantGrace({
      ctx: await staffCtx(),
      input: { tenantId: values.tenantId ?? "", days: values.days ?? "" },
    });
  } catch (err) {
    return refused(err, values);
  }
  revalidatePath(`/staff/tenants/${values.tenantId}/billing`);
  return { ok: true, message: `Grace extended by ${values.days} days.` };
}

export async function compAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "reason"]);
  try {
    await compSubscription({
      ctx: await staffCtx(),
      stripe: staffStripe(),
      input: { tenantId: values.tenantId ?? "", reason: values.reason ?? "" },
    });
  } catch (err) {
    return refused(err, values);
  }
  revalidatePath(`/staff/tenants/${values.tenantId}/billing`);
  return { ok: true, message: "Comped: the subscription is 100 % off from its next invoice." };
}

export async function removeCompAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "reason"]);
  try {
    await removeComp({
      ctx: await staffCtx(),
      stripe: staffStripe(),
      input: { tenantId: values.tenantId ?? "", reason: values.reason ?? "" },
    });
  } catch (err) {
    return refused(err, values);
  }
  revalidatePath(`/staff/tenants/${values.tenantId}/billing`);
  return { ok: true, message: "Comp removed: the subscription is billed again from its next invoice." };
}

export async function creditNoteAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "invoiceId", "amount", "reason", "memo"]);
  let number: string | null;
  try {
    const note = await recordCreditNote({
      ctx: await staffCtx(),
      stripe: staffStripe(),
      input: {
        tenantId: values.tenantId ?? "",
        invoiceId: values.invoiceId ?? "",
        amount: values.amount ?? "",
        reason: values.reason ?? "",
        memo: values.memo,
      },
    });
    number = note.number;
  } catch (err) {
    return refused(err, values);
  }
  revalidatePath(`/staff/tenants/${values.tenantId}/billing`);
  return { ok: true, message: `Credit note ${number ?? ""} recorded at Stripe.` };
}
