import type Stripe from "stripe";
import { type CardBehaviour, cardByNumber, cardByToken, chargeOutcome, type TestCard } from "../cards";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata } from "../params";
import type { StripeStore } from "../store";

/** The test card behind each emulated payment method (Stripe keeps the real number; we keep its behaviour). */
const behaviours = (store: StripeStore) => store.side("cards", () => new Map<string, CardBehaviour>());

export function behaviourOf(store: StripeStore, paymentMethodId: string): CardBehaviour {
  return behaviours(store).get(paymentMethodId) ?? "succeeds";
}

/** A new `pm_…` for a test card, as tokenizing it in a browser would give. */
export function createCardPaymentMethod(
  store: StripeStore,
  card: TestCard,
  details: { expMonth?: number; expYear?: number; name?: string | null; email?: string | null } = {},
): Stripe.PaymentMethod {
  const now = store.now();
  const year = new Date(now * 1000).getUTCFullYear();
  const pm: Stripe.PaymentMethod = {
    id: store.id("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: details.email ?? null,
      name: details.name ?? null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: card.brand,
      exp_month: details.expMonth ?? 12,
      exp_year: details.expYear ?? year + 3,
      fingerprint: card.number.slice(-8).replace(/./g, (d) => "abcdefghij"[Number(d)] ?? "x"),
      funding: "credit",
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
  store.put(pm);
  behaviours(store).set(pm.id, card.behaviour);
  return pm;
}

/** `pm_card_visa` and friends become a fresh payment method each time they are used, as at Stripe. */
export function resolvePaymentMethod(store: StripeStore, id: string, param: string): Stripe.PaymentMethod {
  const token = cardByToken(id);
  if (token) return createCardPaymentMethod(store, token);
  return store.getOrThrow<Stripe.PaymentMethod>("payment_method", id, "PaymentMethod", param);
}

/**
 * Attaches as Stripe does: the card is checked first, so a card that declines (`…0002`, `…9995`)
 * cannot be attached, while `…0341` attaches and fails later, on the charge.
 */
export function attachPaymentMethod(
  ctx: Pick<ApiContext, "store" | "events">,
  pm: Stripe.PaymentMethod,
  customerId: string,
): Stripe.PaymentMethod {
  const { store, events } = ctx;
  store.getOrThrow("customer", customerId, "customer", "customer");
  if (pm.customer && pm.customer !== customerId) {
    throw stripeErrors.badRequest("The payment method you provided has already been attached to a customer.", {
      code: "payment_method_unexpected_state",
    });
  }
  const behaviour = behaviourOf(store, pm.id);
  if (behaviour === "declined" || behaviour === "insufficient_funds") {
    const outcome = chargeOutcome(behaviour, { offSession: false });
    if (!outcome.ok) throw stripeErrors.cardDeclined(outcome.declineCode, outcome.message, { param: "" });
  }
  if (pm.customer === customerId) return pm;
  pm.customer = customerId;
  events.emit("payment_method.attached", pm);
  return pm;
}

function createPaymentMethod({ params, store }: ApiContext): Stripe.PaymentMethod {
  params.only(["type", "card", "billing_details", "metadata"]);
  const type = params.reqStr("type");
  if (type !== "card") throw stripeErrors.badRequest(`The emulator only has card payment methods (type=${type}).`);
  const card = params.obj("card");
  if (!card) throw stripeErrors.missingParam("card");
  card.only(["number", "exp_month", "exp_year", "cvc", "token"]);
  const token = card.str("token");
  const test = token ? cardByToken(token) : cardByNumber(card.reqStr("number"));
  if (!test) {
    throw stripeErrors.cardError("incorrect_number", "Your card number is incorrect. Use one of Stripe's test cards.", {
      param: "card[number]",
    });
  }
  const billing = params.obj("billing_details");
  const pm = createCardPaymentMethod(store, test, {
    ...(card.int("exp_month") !== undefined ? { expMonth: card.int("exp_month") as number } : {}),
    ...(card.int("exp_year") !== undefined ? { expYear: card.int("exp_year") as number } : {}),
    name: billing?.str("name") ?? null,
    email: billing?.str("email") ?? null,
  });
  pm.metadata = mergeMetadata({}, params.metadata());
  return store.view(pm);
}

function attach(ctx: ApiContext): Stripe.PaymentMethod {
  ctx.params.only(["customer"]);
  const pm = resolvePaymentMethod(ctx.store, ctx.path.id ?? "", "payment_method");
  return ctx.store.view(attachPaymentMethod(ctx, pm, ctx.params.reqStr("customer")));
}

function detach({ store, events, path }: ApiContext): Stripe.PaymentMethod {
  const pm = store.getOrThrow<Stripe.PaymentMethod>("payment_method", path.id ?? "", "PaymentMethod");
  if (!pm.customer) {
    throw stripeErrors.badRequest(
      "The payment method you provided is not attached to a customer so detachment is impossible.",
    );
  }
  const customer = store.get<Stripe.Customer>(pm.customer as string);
  if (customer?.invoice_settings.default_payment_method === pm.id)
    customer.invoice_settings.default_payment_method = null;
  pm.customer = null;
  events.emit("payment_method.detached", pm);
  return store.view(pm);
}

function listForCustomer(
  { params, store, path }: ApiContext,
  customerId: string,
): Stripe.ApiList<Stripe.PaymentMethod> {
  store.getOrThrow("customer", customerId, "customer", "customer");
  const type = params.str("type");
  const items = store
    .all<Stripe.PaymentMethod>("payment_method")
    .filter((pm) => pm.customer === customerId && (!type || pm.type === type));
  return listPage(
    store,
    items,
    params,
    path.id ? `/v1/customers/${customerId}/payment_methods` : "/v1/payment_methods",
  );
}

export const paymentMethodRoutes: Route[] = [
  { method: "POST", path: "/v1/payment_methods", handler: createPaymentMethod },
  {
    method: "GET",
    path: "/v1/payment_methods",
    handler: (ctx) => {
      ctx.params.only(["customer", "type", "limit", "starting_after", "ending_before"]);
      return listForCustomer(ctx, ctx.params.reqStr("customer"));
    },
  },
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("payment_method", path.id ?? "", "PaymentMethod")),
  },
  { method: "POST", path: "/v1/payment_methods/:id/attach", handler: attach },
  { method: "POST", path: "/v1/payment_methods/:id/detach", handler: detach },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    handler: (ctx) => {
      ctx.params.only(["type", "limit", "starting_after", "ending_before", "allow_redisplay"]);
      return listForCustomer(ctx, ctx.path.id ?? "");
    },
  },
];
