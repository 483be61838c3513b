import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { applyItemChanges } from "../billing/changes";
import { attemptPayment } from "../billing/invoicing";
import { onInvoicePaid } from "../billing/lifecycle";
import { itemsOf, periodOf, productName } from "../billing/objects";
import { money } from "../billing/periods";
import { chargeOutcome } from "../cards";
import { StripeApiError } from "../errors";
import { createCardPaymentMethod } from "../resources/payment-methods";
import { cardFields } from "./checkout-page";
import { readCard, readForm } from "./forms";
import { escapeHtml, page, redirect, sendHtml } from "./html";
import type { PageContext } from "./index";

const PATH = /^\/p\/session\/(bps_[A-Za-z0-9]+)$/;
const STATUS_TEXT: Record<string, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Past due",
  unpaid: "Unpaid",
  incomplete: "Incomplete",
  paused: "Paused",
};
const day = (ts: number | null | undefined) => (ts ? new Date(ts * 1000).toISOString().slice(0, 10) : "—");

interface Portal {
  session: Stripe.BillingPortal.Session;
  config: Stripe.BillingPortal.Configuration;
  customer: Stripe.Customer;
  subs: Stripe.Subscription[];
}

function load(ctx: PageContext, id: string): Portal | null {
  const session = ctx.store.get<Stripe.BillingPortal.Session>(id);
  if (session?.object !== "billing_portal.session") return null;
  const config = ctx.store.get<Stripe.BillingPortal.Configuration>(session.configuration as string);
  const customer = ctx.store.get<Stripe.Customer>(session.customer);
  if (!config || !customer) return null;
  const subs = ctx.store
    .all<Stripe.Subscription>("subscription")
    .filter((s) => s.customer === customer.id && s.status !== "canceled" && s.status !== "incomplete_expired");
  return { session, config, customer, subs };
}

/** The prices a customer may switch to: the configuration's products and prices. */
function switchable(ctx: PageContext, config: Stripe.BillingPortal.Configuration): Stripe.Price[] {
  const update = config.features.subscription_update;
  if (!update.enabled) return [];
  return (update.products ?? []).flatMap((p) =>
    p.prices.map((id) => ctx.store.get<Stripe.Price>(id)).filter((x): x is Stripe.Price => !!x && x.active),
  );
}

function render(ctx: PageContext, p: Portal, message: { ok: boolean; text: string } | null): string {
  const { config, customer, subs, session } = p;
  const f = config.features;
  const pmId = customer.invoice_settings.default_payment_method as string | null;
  const pm = pmId ? ctx.store.get<Stripe.PaymentMethod>(pmId) : undefined;
  const prices = switchable(ctx, config);
  const subsHtml = subs
    .map((s) => {
      const items = itemsOf(s)
        .map(
          (i) =>
            `${i.quantity ?? 1} × ${escapeHtml(productName(ctx.store, i.price))} — ${money(i.price.unit_amount ?? 0)} / ${i.price.recurring?.interval}`,
        )
        .join("<br>");
      const end = periodOf(s).end;
      const when =
        s.status === "past_due" || s.status === "unpaid"
          ? "Your last payment failed: save a card below to pay the open invoice"
          : s.cancel_at_period_end
            ? `Cancels on ${day(end)}`
            : s.status === "trialing"
              ? `Trial ends ${day(s.trial_end)}`
              : `Renews on ${day(end)}`;
      const current = new Set(itemsOf(s).map((i) => i.price.id));
      const switchForm =
        prices.length > 0
          ? `<form method="post"><input type="hidden" name="action" value="switch"><input type="hidden" name="subscription" value="${s.id}">
<fieldset><legend>Update plan</legend>${prices
              .map(
                (pr) =>
                  `<label><input type="radio" name="price" value="${pr.id}"${current.has(pr.id) ? " checked" : ""} style="width:auto"> ${escapeHtml(productName(ctx.store, pr))} — ${money(pr.unit_amount ?? 0)} / ${pr.recurring?.interval}</label>`,
              )
              .join("")}</fieldset><button type="submit">Update plan</button></form>`
          : "";
      const cancelForm = !f.subscription_cancel.enabled
        ? ""
        : s.cancel_at_period_end
          ? `<form method="post"><input type="hidden" name="action" value="resume"><input type="hidden" name="subscription" value="${s.id}"><button type="submit">Renew plan</button></form>`
          : `<form method="post"><input type="hidden" name="action" value="cancel"><input type="hidden" name="subscription" value="${s.id}"><button type="submit" class="secondary">Cancel plan</button></form>`;
      return `<section class="card" aria-label="Subscription"><h2>Current plan</h2><p>${items}</p>
<p class="muted">Status: ${escapeHtml(STATUS_TEXT[s.status] ?? s.status)} · ${when}</p>${switchForm}${cancelForm}</section>`;
    })
    .join("");
  const invoices = f.invoice_history.enabled
    ? ctx.store
        .all<Stripe.Invoice>("invoice")
        .filter((i) => i.customer === customer.id && i.status !== "draft")
        .map(
          (i) =>
            `<tr><td>${day(i.created)}</td><td class="amount">${money(i.total)}</td><td>${escapeHtml(i.status ?? "")}</td><td><a href="${escapeHtml(i.hosted_invoice_url ?? "")}">View</a></td></tr>`,
        )
        .join("")
    : "";
  return page(
    "Billing — customer portal",
    `<h1>Billing</h1><p class="muted">${escapeHtml(customer.email ?? "")}</p>
${message ? `<p class="${message.ok ? "card" : "error"}" role="${message.ok ? "status" : "alert"}">${escapeHtml(message.text)}</p>` : ""}
${subsHtml || '<section class="card"><p>No active subscription.</p></section>'}
${
  f.payment_method_update.enabled
    ? `<form class="card" method="post" aria-labelledby="pm" id="payment_method_update"><h2 id="pm">Payment method</h2>
<p>${pm?.card ? `${escapeHtml(pm.card.brand)} •••• ${escapeHtml(pm.card.last4)}, expires ${pm.card.exp_month}/${pm.card.exp_year}` : "No card on file."}</p>
<input type="hidden" name="action" value="card">${cardFields()}<button type="submit">Save card</button></form>`
    : ""
}
${invoices ? `<section class="card" aria-labelledby="inv"><h2 id="inv">Invoice history</h2><table><tbody>${invoices}</tbody></table></section>` : ""}
${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">← Return to MusicalWheel</a></p>` : ""}`,
  );
}

/** Pays what the customer owes with the new card (Stripe's portal does after a card change). */
function payOutstanding(ctx: PageContext, customer: Stripe.Customer): void {
  for (const invoice of ctx.store.all<Stripe.Invoice>("invoice")) {
    if (
      invoice.customer !== customer.id ||
      invoice.status !== "open" ||
      invoice.collection_method !== "charge_automatically"
    )
      continue;
    if (attemptPayment(ctx, invoice, { offSession: true }).ok) onInvoicePaid(ctx, invoice);
  }
}

function act(ctx: PageContext, p: Portal, form: Record<string, string>): { ok: boolean; text: string } {
  const sub = p.subs.find((s) => s.id === form.subscription);
  switch (form.action) {
    case "card": {
      if (!p.config.features.payment_method_update.enabled)
        return { ok: false, text: "Updating the card is not enabled." };
      const card = readCard(form, ctx.store.clock.now());
      if ("error" in card) return { ok: false, text: card.error };
      const check = chargeOutcome(card.card.behaviour, { offSession: true });
      if (card.card.behaviour === "declined" || card.card.behaviour === "insufficient_funds") {
        return { ok: false, text: check.ok ? "Your card was declined." : check.message };
      }
      const pm = createCardPaymentMethod(ctx.store, card.card, {
        expMonth: card.expMonth,
        expYear: card.expYear,
        name: card.name,
      });
      pm.customer = p.customer.id;
      ctx.events.emit("payment_method.attached", pm);
      const before = structuredClone(p.customer);
      p.customer.invoice_settings.default_payment_method = pm.id;
      ctx.events.emit("customer.updated", p.customer, { previous: before });
      for (const s of p.subs) {
        if (!s.default_payment_method) continue;
        const was = structuredClone(s);
        s.default_payment_method = pm.id;
        ctx.events.emit("customer.subscription.updated", s, { previous: was });
      }
      payOutstanding(ctx, p.customer);
      return { ok: true, text: `Card •••• ${card.card.number.slice(-4)} saved.` };
    }
    case "cancel":
    case "resume": {
      if (!sub || !p.config.features.subscription_cancel.enabled)
        return { ok: false, text: "Cancelling is not enabled." };
      const before = structuredClone(sub);
      const end = periodOf(sub).end;
      if (form.action === "cancel" && p.config.features.subscription_cancel.mode === "immediately") {
        sub.status = "canceled";
        sub.canceled_at = ctx.store.nowFor(sub.customer as string);
        sub.ended_at = sub.canceled_at;
        ctx.events.emit("customer.subscription.deleted", sub, { previous: before });
        return { ok: true, text: "Your plan was canceled." };
      }
      sub.cancel_at_period_end = form.action === "cancel";
      sub.cancel_at = sub.cancel_at_period_end ? end : null;
      sub.canceled_at = sub.cancel_at_period_end ? ctx.store.nowFor(sub.customer as string) : null;
      ctx.events.emit("customer.subscription.updated", sub, { previous: before });
      return {
        ok: true,
        text: sub.cancel_at_period_end ? `Your plan will be canceled on ${day(end)}.` : "Your plan will renew.",
      };
    }
    case "switch": {
      const price = switchable(ctx, p.config).find((x) => x.id === form.price);
      if (!sub || !price) return { ok: false, text: "Choose one of the plans offered." };
      const products = new Set((p.config.features.subscription_update.products ?? []).map((x) => x.product));
      const item = itemsOf(sub).find((i) => products.has(i.price.product as string)) ?? itemsOf(sub)[0];
      if (!item || item.price.id === price.id) return { ok: true, text: "That is already your plan." };
      applyItemChanges(
        ctx,
        sub,
        [{ id: item.id, price }],
        p.config.features.subscription_update.proration_behavior as "create_prorations",
        ctx.store.nowFor(sub.customer as string),
      );
      return { ok: true, text: `Your plan is now ${productName(ctx.store, price)} (${price.recurring?.interval}ly).` };
    }
    default:
      return { ok: false, text: "Unknown action." };
  }
}

/** The hosted customer portal a billing portal session's `url` opens. */
export async function handlePortalPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: PageContext,
): Promise<boolean> {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  const portal = load(ctx, m[1] as string);
  if (!portal) {
    sendHtml(res, 404, page("Not found", "<h1>This portal session does not exist.</h1>"));
    return true;
  }
  if (req.method === "GET") {
    const done = url.searchParams.get("done");
    sendHtml(res, 200, render(ctx, portal, done ? { ok: true, text: done } : null));
    return true;
  }
  const form = await readForm(req);
  let result: { ok: boolean; text: string };
  try {
    result = act(ctx, portal, form);
  } catch (err) {
    if (!(err instanceof StripeApiError)) throw err;
    result = { ok: false, text: err.message };
  }
  if (!result.ok) {
    sendHtml(res, 400, render(ctx, load(ctx, m[1] as string) ?? portal, result));
    return true;
  }
  redirect(res, `/p/session/${portal.session.id}?done=${encodeURIComponent(result.text)}`);
  return true;
}
