import type Stripe from "stripe";
import { createSubscription } from "../billing/create";
import type { Engine } from "../billing/invoicing";
import { money } from "../billing/periods";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { embeddedList, listPage } from "../list";
import { mergeMetadata } from "../params";
import type { StripeStore } from "../store";
import { attachPaymentMethod } from "./payment-methods";

/** What a session keeps besides its API object: its line items and subscription settings. */
interface SessionExtras {
  lineItems: Stripe.LineItem[];
  trialDays: number | null;
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
  couponIds: string[];
  /** A card waiting for its 3-D Secure step. */
  pendingPaymentMethod: string | null;
}

const extrasOf = (store: StripeStore) => store.side("checkout", () => new Map<string, SessionExtras>());

export function sessionExtras(store: StripeStore, id: string): SessionExtras | undefined {
  return extrasOf(store).get(id);
}

function putExtras(store: StripeStore, id: string, value: SessionExtras): void {
  extrasOf(store).set(id, value);
}

const HTTP_URL = /^https?:\/\/\S+$/;

function createSession(ctx: ApiContext): Stripe.Checkout.Session {
  const { params, store, baseUrl } = ctx;
  params.only([
    "mode",
    "line_items",
    "success_url",
    "cancel_url",
    "customer",
    "customer_email",
    "client_reference_id",
    "metadata",
    "subscription_data",
    "allow_promotion_codes",
    "payment_method_collection",
    "discounts",
    "expires_at",
    "locale",
    "billing_address_collection",
    "customer_update",
    "payment_method_types",
    "ui_mode",
  ]);
  const mode = params.oneOf("mode", ["payment", "setup", "subscription"] as const);
  if (!mode) throw stripeErrors.missingParam("mode");
  if (mode !== "subscription")
    throw stripeErrors.badRequest(`Checkout in ${mode} mode is not emulated.`, { param: "mode" });
  if (params.str("ui_mode") && params.str("ui_mode") !== "hosted") {
    throw stripeErrors.badRequest("Only the hosted Checkout page is emulated (ui_mode=hosted).", { param: "ui_mode" });
  }
  const successUrl = params.reqStr("success_url");
  if (!HTTP_URL.test(successUrl)) throw stripeErrors.invalidParam("success_url", "Not a valid URL");
  const cancelUrl = params.str("cancel_url") || null;
  if (cancelUrl && !HTTP_URL.test(cancelUrl)) throw stripeErrors.invalidParam("cancel_url", "Not a valid URL");
  const customerId = params.str("customer") || null;
  const customer = customerId
    ? store.getOrThrow<Stripe.Customer>("customer", customerId, "customer", "customer")
    : null;
  const email = params.str("customer_email") || null;
  if (customer && email) {
    throw stripeErrors.badRequest("You may only specify one of these parameters: customer, customer_email.");
  }
  const items = params.objs("line_items");
  if (!items?.length) throw stripeErrors.missingParam("line_items");
  const lineItems: Stripe.LineItem[] = items.map((item) => {
    item.only(["price", "quantity", "adjustable_quantity"]);
    const price = store.getOrThrow<Stripe.Price>("price", item.reqStr("price"), "price", item.name("price"));
    if (!price.recurring) {
      throw stripeErrors.badRequest("In subscription mode, every line item needs a recurring price.", {
        param: item.name("price"),
      });
    }
    const quantity = item.int("quantity") ?? 1;
    const amount = (price.unit_amount ?? 0) * quantity;
    const product = store.get<Stripe.Product>(price.product as string);
    return {
      id: store.id("li"),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: product?.name ?? null,
      metadata: {},
      price: structuredClone(price),
      quantity,
    };
  });
  const subData = params.obj("subscription_data");
  subData?.only(["trial_period_days", "trial_end", "metadata", "description", "trial_settings"]);
  const trialDays = subData?.int("trial_period_days") ?? null;
  if (trialDays !== null && (trialDays < 1 || trialDays > 730)) {
    throw stripeErrors.invalidParam("subscription_data[trial_period_days]", "Must be between 1 and 730.");
  }
  const coupons = (params.objs("discounts") ?? []).map((d) => {
    d.only(["coupon", "promotion_code"]);
    const id = d.reqStr("coupon");
    store.getOrThrow("coupon", id, "coupon", d.name("coupon"));
    return id;
  });
  const now = store.now();
  const subtotal = lineItems.reduce((s, l) => s + l.amount_subtotal, 0);
  const id = `cs_test_${store.id("x", 58).slice(2)}`;
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: params.bool("allow_promotion_codes") ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: subtotal,
    amount_total: subtotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: params.oneOf("billing_address_collection", ["auto", "required"] as const) ?? null,
    cancel_url: cancelUrl,
    client_reference_id: params.str("client_reference_id") || null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: lineItems[0]?.currency ?? "usd",
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: customer ? null : "always",
    customer_details: customer
      ? {
          address: null,
          business_name: null,
          email: customer.email,
          individual_name: null,
          name: customer.name ?? null,
          phone: null,
          tax_exempt: "none",
          tax_ids: [],
        }
      : null,
    customer_email: email,
    discounts: coupons.map((c) => ({ coupon: c, promotion_code: null })),
    expires_at: params.int("expires_at") ?? now + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata()),
    mode: "subscription",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection:
      params.oneOf("payment_method_collection", ["always", "if_required"] as const) ?? "always",
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: `${baseUrl}/c/pay/${id}`,
    wallet_options: null,
  };
  store.put(session);
  putExtras(store, id, {
    lineItems,
    trialDays,
    subscriptionMetadata: mergeMetadata({}, subData?.metadata()),
    subscriptionDescription: subData?.str("description") || null,
    couponIds: coupons,
    pendingPaymentMethod: null,
  });
  return store.view(session);
}

/** Why a session can no longer be paid, or null. */
export function sessionClosedReason(store: StripeStore, session: Stripe.Checkout.Session): string | null {
  if (session.status === "complete") return "This checkout session is already complete.";
  if (session.status === "expired" || session.expires_at <= store.now()) return "This checkout session has expired.";
  return null;
}

/**
 * The customer paid on the hosted page: the customer (created from the e-mail when the session had
 * none), the card as its default, the subscription with the session's trial and metadata, the
 * session complete, and `checkout.session.completed`.
 */
export function completeSession(
  engine: Engine,
  session: Stripe.Checkout.Session,
  pm: Stripe.PaymentMethod,
  email: string | null,
): void {
  const { store, events } = engine;
  const extra = sessionExtras(store, session.id);
  if (!extra) throw new Error(`no line items for ${session.id}`);
  let customer = session.customer ? store.get<Stripe.Customer>(session.customer as string) : undefined;
  if (!customer) {
    const now = store.now();
    customer = {
      id: store.id("cus", 14),
      object: "customer",
      address: null,
      balance: 0,
      created: now,
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: email ?? session.customer_email,
      invoice_prefix: store.id("", 8).slice(1).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {},
      name: pm.billing_details.name,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: "none",
      test_clock: null,
    };
    store.put(customer);
    events.emit("customer.created", customer);
  }
  attachPaymentMethod(engine, pm, customer.id);
  const before = structuredClone(customer);
  customer.invoice_settings.default_payment_method = pm.id;
  events.emit("customer.updated", customer, { previous: before });
  const now = store.nowFor(customer.id);
  const sub = createSubscription(engine, {
    customer,
    items: extra.lineItems.map((l) => ({ price: l.price as Stripe.Price, quantity: l.quantity ?? 1, metadata: {} })),
    trialEnd: extra.trialDays ? now + extra.trialDays * 86_400 : null,
    metadata: extra.subscriptionMetadata,
    defaultPaymentMethod: null,
    collectionMethod: "charge_automatically",
    daysUntilDue: null,
    paymentBehavior: "error_if_incomplete",
    // The customer just confirmed (and authenticated) this card on the page.
    offSession: true,
    cancelAtPeriodEnd: false,
    couponIds: extra.couponIds,
    description: extra.subscriptionDescription,
    missingPaymentMethod: "create_invoice",
  });
  session.status = "complete";
  session.payment_status = extra.trialDays ? "no_payment_required" : "paid";
  session.customer = customer.id;
  session.subscription = sub.id;
  session.invoice = (sub.latest_invoice as string | null) ?? null;
  session.customer_details = {
    address: null,
    business_name: null,
    email: customer.email,
    individual_name: null,
    name: pm.billing_details.name,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  if (extra.trialDays) session.amount_total = 0;
  extra.pendingPaymentMethod = null;
  events.emit("checkout.session.completed", session);
}

export function checkoutSummary(
  store: StripeStore,
  session: Stripe.Checkout.Session,
): { lines: string[]; total: string; trialDays: number | null } {
  const extra = sessionExtras(store, session.id);
  const lines = (extra?.lineItems ?? []).map((l) => {
    const every = l.price?.recurring ? ` / ${l.price.recurring.interval}` : "";
    return `${l.quantity ?? 1} × ${l.description ?? "Item"} — ${money(l.amount_total, l.currency)}${every}`;
  });
  return {
    lines,
    total: money(session.amount_total ?? 0, session.currency ?? "usd"),
    trialDays: extra?.trialDays ?? null,
  };
}

function retrieve(ctx: ApiContext): Stripe.Checkout.Session {
  const session = ctx.store.getOrThrow<Stripe.Checkout.Session>(
    "checkout.session",
    ctx.path.id ?? "",
    "checkout.session",
  );
  const view = ctx.store.view(session);
  if (ctx.params.strs("expand")?.includes("line_items")) {
    view.line_items = embeddedList(
      sessionExtras(ctx.store, session.id)?.lineItems ?? [],
      `/v1/checkout/sessions/${session.id}/line_items`,
    );
  }
  return view;
}

export const checkoutRoutes: Route[] = [
  { method: "POST", path: "/v1/checkout/sessions", handler: createSession },
  {
    method: "GET",
    path: "/v1/checkout/sessions",
    handler: ({ params, store }) => {
      params.only(["customer", "subscription", "status", "limit", "starting_after", "ending_before", "created"]);
      const customer = params.str("customer");
      const subscription = params.str("subscription");
      const status = params.str("status");
      const items = store
        .all<Stripe.Checkout.Session>("checkout.session")
        .filter(
          (s) =>
            (!customer || s.customer === customer) &&
            (!subscription || s.subscription === subscription) &&
            (!status || s.status === status),
        );
      return listPage(store, items, params, "/v1/checkout/sessions");
    },
  },
  { method: "GET", path: "/v1/checkout/sessions/:id", handler: retrieve },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id/line_items",
    handler: (ctx) => {
      const session = ctx.store.getOrThrow<Stripe.Checkout.Session>(
        "checkout.session",
        ctx.path.id ?? "",
        "checkout.session",
      );
      return listPage(
        ctx.store,
        sessionExtras(ctx.store, session.id)?.lineItems ?? [],
        ctx.params,
        `/v1/checkout/sessions/${session.id}/line_items`,
      );
    },
  },
  {
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    handler: (ctx) => {
      const session = ctx.store.getOrThrow<Stripe.Checkout.Session>(
        "checkout.session",
        ctx.path.id ?? "",
        "checkout.session",
      );
      if (session.status !== "open") {
        throw stripeErrors.badRequest(
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        );
      }
      session.status = "expired";
      session.url = null;
      ctx.events.emit("checkout.session.expired", session);
      return ctx.store.view(session);
    },
  },
];
