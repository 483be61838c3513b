"use server";

import {
  type ChangePreview,
  cancelSubscription,
  changeSubscription,
  describeSelection,
  openPaymentMethodPortal,
  previewSubscriptionChange,
  resumeSubscription,
  startCheckout,
} from "@mw/core/billing/portal";
import { ServiceUnavailableError } from "@mw/core/errors";
import { type ActionResult, toActionResult } from "@mw/core/transport";
import { formatDateTime } from "@mw/core/ui/dates";
import { redirect, unstable_rethrow } from "next/navigation";
import { field, fieldList, runAction } from "../../../lib/console/action";
import { billingReturnUrl, billingStripe } from "../../../lib/console/billing";
import { consoleCtx } from "../../../lib/console-session";

function stripeOrThrow() {
  const stripe = billingStripe();
  if (!stripe) throw new ServiceUnavailableError("Billing is not configured on this deployment (no Stripe key).");
  return stripe;
}

const target = (form: FormData) => ({
  plan: field(form, "plan") as "pro" | "business",
  interval: field(form, "interval") as "month" | "year",
  addons: fieldList(form, "addons") as ("verified_badge" | "analytics" | "api_access" | "white_label")[],
});

/** Upgrade from Free: off to Stripe's hosted checkout page; back at /console/billing?checkout=… */
export async function startCheckoutAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  let url: string | null = null;
  const result = await runAction({}, async () => {
    const ctx = await consoleCtx();
    const { plan, interval } = target(form);
    ({ url } = await startCheckout({
      ctx,
      input: { plan, interval },
      stripe: stripeOrThrow(),
      returnUrl: billingReturnUrl(),
    }));
    return undefined;
  });
  // Outside runAction: a redirect is how this action succeeds, not something to map.
  if (url) redirect(url);
  return result;
}

export type PreviewResult = { ok: true; preview: ChangePreview } | { ok: false; message: string };

/** The proration preview the change dialog shows before anything changes. */
export async function previewChangeAction(input: {
  plan: string;
  interval: string;
  addons: string[];
}): Promise<PreviewResult> {
  try {
    const ctx = await consoleCtx();
    const preview = await previewSubscriptionChange({
      ctx,
      input: input as Parameters<typeof previewSubscriptionChange>[0]["input"],
      stripe: stripeOrThrow(),
    });
    return { ok: true, preview };
  } catch (err) {
    unstable_rethrow(err);
    const r = toActionResult(err);
    const detail = r.fields ? Object.values(r.fields).flat().join("; ") : "";
    return { ok: false, message: detail ? `${r.message} (${detail})` : (r.message ?? "The preview failed.") };
  }
}

export async function changeSubscriptionAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const prorationDate = Number(field(form, "prorationDate")) || undefined;
    const { to } = await changeSubscription({
      ctx,
      input: { ...target(form), ...(prorationDate ? { prorationDate } : {}) },
      stripe: stripeOrThrow(),
    });
    return `Your subscription is now ${describeSelection(to)}.`;
  });
}

export async function cancelSubscriptionAction(_prev: ActionResult, _form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const { endsAt } = await cancelSubscription({ ctx, stripe: stripeOrThrow() });
    return endsAt
      ? `Your subscription ends on ${formatDateTime(endsAt, { style: "date", locale: "en-US" })}; until then nothing changes.`
      : "Your subscription ends with the current period.";
  });
}

export async function resumeSubscriptionAction(_prev: ActionResult, _form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    await resumeSubscription({ ctx, stripe: stripeOrThrow() });
    return "Your subscription continues; it renews as before.";
  });
}

/** "Manage payment method": off to Stripe's billing portal, back here afterwards. */
export async function paymentMethodAction(_prev: ActionResult, _form: FormData): Promise<ActionResult> {
  let url: string | null = null;
  const result = await runAction({}, async () => {
    const ctx = await consoleCtx();
    ({ url } = await openPaymentMethodPortal({ ctx, stripe: stripeOrThrow(), returnUrl: billingReturnUrl() }));
    return undefined;
  });
  if (url) redirect(url);
  return result;
}
