import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { StripeApiError } from "../errors";
import { checkoutSummary, completeSession, sessionClosedReason, sessionExtras } from "../resources/checkout";
import { createCardPaymentMethod } from "../resources/payment-methods";
import { DECLINE_MESSAGES, readCard, readForm } from "./forms";
import { escapeHtml, page, redirect, sendHtml } from "./html";
import type { PageContext } from "./index";

const PATH = /^\/c\/pay\/(cs_test_[A-Za-z0-9]+)(\/authenticate)?$/;

/** The card form fields, shared by checkout and the billing portal. */
export function cardFields(values: Record<string, string> = {}): string {
  const v = (k: string) => escapeHtml(values[k] ?? "");
  return `<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" value="${v("card_number")}" required>
<div class="row"><div><label for="expiry">Expiration (MM / YY)</label>
<input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM / YY" value="${v("expiry")}" required></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" value="${v("cvc")}" required></div></div>
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name" value="${v("name")}">`;
}

function render(
  ctx: PageContext,
  session: Stripe.Checkout.Session,
  error: string | null,
  values: Record<string, string> = {},
): string {
  const { lines, total, trialDays } = checkoutSummary(ctx.store, session);
  const needsEmail = !session.customer;
  const email = values.email ?? session.customer_email ?? "";
  const due = trialDays ? `${trialDays} days free, then ${total} per period` : `${total} due today`;
  return page(
    "Subscribe — Checkout",
    `<h1>Subscribe</h1>
<section class="card" aria-labelledby="summary"><h2 id="summary">Order summary</h2>
<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>
<p><strong>${escapeHtml(due)}</strong></p></section>
<form class="card" method="post" action="/c/pay/${session.id}" aria-labelledby="pay">
<h2 id="pay">Pay with card</h2>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
${needsEmail ? `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(email)}" required>` : ""}
${cardFields(values)}
<button type="submit">${trialDays ? "Start trial" : "Subscribe"}</button>
</form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">← Cancel and go back</a></p>` : ""}
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0000 0000 9995 has insufficient funds · 4000 0025 0000 3155 asks for 3-D Secure.</p>`,
  );
}

function authenticatePage(session: Stripe.Checkout.Session): string {
  return page(
    "Authenticate your payment",
    `<h1>3-D Secure authentication</h1>
<section class="card"><p>Your bank asks you to confirm this payment. This is the test authentication page: choose the outcome.</p>
<form method="post" action="/c/pay/${session.id}/authenticate"><input type="hidden" name="outcome" value="complete">
<button type="submit">Complete authentication</button></form>
<form method="post" action="/c/pay/${session.id}/authenticate"><input type="hidden" name="outcome" value="fail">
<button type="submit" class="secondary">Fail authentication</button></form></section>`,
  );
}

function successUrl(session: Stripe.Checkout.Session): string {
  return (session.success_url ?? "").replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

/** The hosted Checkout page: `GET/POST /c/pay/:id` and its 3-D Secure step. */
export async function handleCheckoutPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: PageContext,
): Promise<boolean> {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  const session = ctx.store.get<Stripe.Checkout.Session>(m[1] as string);
  if (session?.object !== "checkout.session") {
    sendHtml(res, 404, page("Not found", "<h1>Something went wrong</h1><p>This checkout session does not exist.</p>"));
    return true;
  }
  const closed = sessionClosedReason(ctx.store, session);
  if (closed) {
    const back = session.status === "complete" ? successUrl(session) : session.cancel_url;
    sendHtml(
      res,
      410,
      page(
        "Checkout closed",
        `<h1>${escapeHtml(closed)}</h1>${back ? `<p><a href="${escapeHtml(back)}">Return to the site</a></p>` : ""}`,
      ),
    );
    return true;
  }
  const extra = sessionExtras(ctx.store, session.id);
  if (m[2]) {
    const pending = extra?.pendingPaymentMethod
      ? ctx.store.get<Stripe.PaymentMethod>(extra.pendingPaymentMethod)
      : undefined;
    if (!pending || !extra) {
      redirect(res, `/c/pay/${session.id}`);
      return true;
    }
    if (req.method === "GET") {
      sendHtml(res, 200, authenticatePage(session));
      return true;
    }
    const form = await readForm(req);
    if (form.outcome !== "complete") {
      extra.pendingPaymentMethod = null;
      sendHtml(res, 402, render(ctx, session, DECLINE_MESSAGES.authentication_failed as string));
      return true;
    }
    return finish(res, ctx, session, pending, pending.billing_details.email);
  }
  if (req.method === "GET") {
    sendHtml(res, 200, render(ctx, session, null));
    return true;
  }
  const form = await readForm(req);
  const email = (form.email ?? "").trim() || session.customer_email;
  if (!session.customer && !/^[^\s@]+@[^\s@]+$/.test(email ?? "")) {
    sendHtml(res, 400, render(ctx, session, "Your email address is incomplete.", form));
    return true;
  }
  const card = readCard(form, ctx.store.clock.now());
  if ("error" in card) {
    sendHtml(res, 400, render(ctx, session, card.error, form));
    return true;
  }
  const { behaviour } = card.card;
  // A trial only saves the card, yet a card that declines fails that check too.
  if (
    behaviour === "declined" ||
    behaviour === "insufficient_funds" ||
    (behaviour === "charge_fails" && !extra?.trialDays)
  ) {
    const key = behaviour === "insufficient_funds" ? "insufficient_funds" : "declined";
    sendHtml(res, 402, render(ctx, session, DECLINE_MESSAGES[key] as string, { ...form, card_number: "" }));
    return true;
  }
  const pm = createCardPaymentMethod(ctx.store, card.card, {
    expMonth: card.expMonth,
    expYear: card.expYear,
    name: card.name,
    email: email ?? null,
  });
  if (behaviour === "requires_3ds" && extra) {
    extra.pendingPaymentMethod = pm.id;
    redirect(res, `/c/pay/${session.id}/authenticate`);
    return true;
  }
  return finish(res, ctx, session, pm, email ?? null);
}

function finish(
  res: ServerResponse,
  ctx: PageContext,
  session: Stripe.Checkout.Session,
  pm: Stripe.PaymentMethod,
  email: string | null,
): true {
  try {
    completeSession(ctx, session, pm, email);
  } catch (err) {
    if (!(err instanceof StripeApiError)) throw err;
    sendHtml(res, err.status, render(ctx, session, err.message));
    return true;
  }
  redirect(res, successUrl(session));
  return true;
}
