import type Stripe from "stripe";
import { applyItemChanges, type ItemChange, type ProrationBehavior } from "../billing/changes";
import { createSubscription, discountFor } from "../billing/create";
import { advanceSubscriptions, emptyCancellation, setStatus } from "../billing/lifecycle";
import { itemsOf } from "../billing/objects";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { embeddedList, listPage } from "../list";
import { mergeMetadata, type Params } from "../params";

const PRORATION = ["create_prorations", "none", "always_invoice"] as const;
const PAYMENT_BEHAVIOR = [
  "allow_incomplete",
  "default_incomplete",
  "error_if_incomplete",
  "pending_if_incomplete",
] as const;

function priceOf(ctx: ApiContext, id: string, param: string): Stripe.Price {
  return ctx.store.getOrThrow<Stripe.Price>("price", id, "price", param);
}

/** `trial_end`: a timestamp or "now" (ends the trial at once). */
function readTrialEnd(p: Params, now: number): number | null | undefined {
  const raw = p.str("trial_end");
  if (raw === undefined || raw === "") return undefined;
  if (raw === "now") return null;
  const ts = p.int("trial_end") as number;
  if (ts <= now)
    throw stripeErrors.invalidParam("trial_end", "Invalid timestamp: must be an integer Unix timestamp in the future.");
  if (ts > now + 730 * 86_400) throw stripeErrors.invalidParam("trial_end", "Trials can last at most 730 days.");
  return ts;
}

function readCoupons(p: Params): string[] | undefined {
  // `discounts=""` removes them all.
  if (p.raw.discounts === "") return [];
  const discounts = p.objs("discounts");
  if (discounts === undefined) return undefined;
  return discounts.map((d) => {
    d.only(["coupon", "promotion_code", "discount"]);
    return d.reqStr("coupon");
  });
}

function createSub(ctx: ApiContext): Stripe.Subscription {
  const { params, store } = ctx;
  params.only([
    "customer",
    "items",
    "trial_period_days",
    "trial_end",
    "metadata",
    "default_payment_method",
    "collection_method",
    "days_until_due",
    "payment_behavior",
    "off_session",
    "cancel_at_period_end",
    "discounts",
    "description",
    "trial_settings",
    "proration_behavior",
  ]);
  const customer = store.getOrThrow<Stripe.Customer>("customer", params.reqStr("customer"), "customer", "customer");
  const now = store.nowFor(customer.id);
  const items = params.objs("items");
  if (!items?.length) throw stripeErrors.missingParam("items");
  const parsed = items.map((item) => {
    item.only(["price", "quantity", "metadata"]);
    const quantity = item.int("quantity") ?? 1;
    if (quantity < 0) throw stripeErrors.invalidParam(item.name("quantity"), "Quantity must be ≥ 0.");
    return {
      price: priceOf(ctx, item.reqStr("price"), item.name("price")),
      quantity,
      metadata: mergeMetadata({}, item.metadata()),
    };
  });
  const days = params.int("trial_period_days");
  const trialEnd = readTrialEnd(params, now);
  if (days !== undefined && trialEnd !== undefined) {
    throw stripeErrors.badRequest("You may only specify one of these parameters: trial_end, trial_period_days.");
  }
  if (days !== undefined && (days < 0 || days > 730)) {
    throw stripeErrors.invalidParam("trial_period_days", "trial_period_days must be between 0 and 730.");
  }
  const defaultPm = params.str("default_payment_method") || null;
  if (defaultPm) {
    const pm = store.getOrThrow<Stripe.PaymentMethod>(
      "payment_method",
      defaultPm,
      "PaymentMethod",
      "default_payment_method",
    );
    if (pm.customer !== customer.id) {
      throw stripeErrors.badRequest("The payment method must be attached to the customer.", {
        param: "default_payment_method",
      });
    }
  }
  const collection = params.oneOf("collection_method", ["charge_automatically", "send_invoice"] as const);
  const trialSettings = params.obj("trial_settings")?.obj("end_behavior");
  return store.view(
    createSubscription(ctx, {
      customer,
      items: parsed,
      trialEnd: days ? now + days * 86_400 : (trialEnd ?? null),
      metadata: mergeMetadata({}, params.metadata()),
      defaultPaymentMethod: defaultPm,
      collectionMethod: collection ?? "charge_automatically",
      daysUntilDue: params.int("days_until_due") ?? null,
      paymentBehavior: params.oneOf("payment_behavior", PAYMENT_BEHAVIOR) ?? "allow_incomplete",
      offSession: params.bool("off_session") ?? false,
      cancelAtPeriodEnd: params.bool("cancel_at_period_end") ?? false,
      couponIds: readCoupons(params) ?? [],
      description: params.str("description") || null,
      missingPaymentMethod:
        trialSettings?.oneOf("missing_payment_method", ["cancel", "create_invoice", "pause"] as const) ??
        "create_invoice",
    }),
  );
}

function updateSub(ctx: ApiContext): Stripe.Subscription {
  const { params, store, events, path } = ctx;
  params.only([
    "items",
    "proration_behavior",
    "proration_date",
    "cancel_at_period_end",
    "cancel_at",
    "metadata",
    "default_payment_method",
    "trial_end",
    "discounts",
    "description",
    "payment_behavior",
    "collection_method",
    "days_until_due",
    "cancellation_details",
    "off_session",
  ]);
  const sub = store.getOrThrow<Stripe.Subscription>("subscription", path.id ?? "", "subscription");
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    const allowed = new Set(["metadata", "cancellation_details", "expand"]);
    if (Object.keys(params.raw).some((k) => !allowed.has(k))) {
      throw stripeErrors.badRequest("A canceled subscription can only update its cancellation_details and metadata.");
    }
  }
  const now = store.nowFor(sub.customer as string);
  const before = structuredClone(sub);
  const trialEnd = readTrialEnd(params, now);
  if (trialEnd !== undefined) {
    if (trialEnd === null) {
      // Ends the trial now: the paid period starts and is billed at once.
      sub.trial_end = now;
      for (const item of itemsOf(sub)) item.current_period_end = now;
    } else {
      sub.trial_end = trialEnd;
      sub.status = "trialing";
      for (const item of itemsOf(sub)) item.current_period_end = trialEnd;
    }
  }
  const cancelAtPeriodEnd = params.bool("cancel_at_period_end");
  if (cancelAtPeriodEnd !== undefined) {
    sub.cancel_at_period_end = cancelAtPeriodEnd;
    sub.canceled_at = cancelAtPeriodEnd ? now : null;
    if (cancelAtPeriodEnd) sub.cancel_at = itemsOf(sub)[0]?.current_period_end ?? null;
    else sub.cancel_at = null;
  }
  if (params.has("cancel_at")) {
    const at = params.int("cancel_at") ?? null;
    sub.cancel_at = at;
    if (at === null) sub.cancel_at_period_end = false;
  }
  const details = params.obj("cancellation_details");
  if (details) {
    details.only(["comment", "feedback"]);
    sub.cancellation_details = {
      ...(sub.cancellation_details ?? emptyCancellation()),
      comment: details.str("comment") || null,
      feedback: (details.str("feedback") || null) as Stripe.Subscription.CancellationDetails.Feedback | null,
    };
  }
  if (params.has("default_payment_method")) {
    const pm = params.str("default_payment_method") || null;
    if (pm) store.getOrThrow("payment_method", pm, "PaymentMethod", "default_payment_method");
    sub.default_payment_method = pm;
  }
  const collection = params.oneOf("collection_method", ["charge_automatically", "send_invoice"] as const);
  if (collection) sub.collection_method = collection;
  const due = params.int("days_until_due");
  if (due !== undefined) sub.days_until_due = due;
  if (params.has("description")) sub.description = params.str("description") || null;
  const coupons = readCoupons(params);
  if (coupons !== undefined) {
    sub.discounts = coupons.map((c, i) => discountFor(ctx, c, sub, `discounts[${i}][coupon]`).id);
  }
  sub.metadata = mergeMetadata(sub.metadata, params.metadata());
  // Items last: the proration (and any invoice) sees the other changes made in the same request.
  const items = params.objs("items");
  if (items) {
    const changes: ItemChange[] = items.map((item) => {
      item.only(["id", "price", "quantity", "deleted", "metadata", "clear_usage"]);
      const price = item.str("price");
      const quantity = item.int("quantity");
      const deleted = item.bool("deleted");
      const metadata = item.metadata();
      return {
        ...(item.str("id") ? { id: item.str("id") as string } : {}),
        ...(price ? { price: priceOf(ctx, price, item.name("price")) } : {}),
        ...(quantity !== undefined ? { quantity } : {}),
        ...(deleted ? { deleted } : {}),
        ...(metadata ? { metadata } : {}),
      };
    });
    const behavior: ProrationBehavior = params.oneOf("proration_behavior", PRORATION) ?? "create_prorations";
    applyItemChanges(ctx, sub, changes, behavior, params.int("proration_date") ?? now);
  } else events.emit("customer.subscription.updated", sub, { previous: before });
  // A trial ended "now" renews at once.
  if (trialEnd === null)
    advanceSubscriptions(
      ctx,
      () => [sub],
      now,
      () => {},
    );
  return store.view(sub);
}

function cancelSub(ctx: ApiContext): Stripe.Subscription {
  const { params, store, path } = ctx;
  params.only(["invoice_now", "prorate", "cancellation_details"]);
  const sub = store.getOrThrow<Stripe.Subscription>("subscription", path.id ?? "", "subscription");
  // Stripe treats a canceled subscription as gone for another cancel (it can still be retrieved).
  if (sub.status === "canceled" || sub.status === "incomplete_expired")
    throw stripeErrors.noSuch("subscription", sub.id);
  const before = structuredClone(sub);
  const details = params.obj("cancellation_details");
  if (details) sub.cancellation_details = { ...emptyCancellation(), comment: details.str("comment") || null };
  setStatus(ctx, sub, "canceled", before, "cancellation_requested");
  return store.view(sub);
}

function listSubs({ params, store }: ApiContext): Stripe.ApiList<Stripe.Subscription> {
  params.only(["customer", "status", "price", "test_clock", "limit", "starting_after", "ending_before", "created"]);
  const customer = params.str("customer");
  const status = params.str("status");
  const price = params.str("price");
  const clock = params.str("test_clock");
  const items = store.all<Stripe.Subscription>("subscription").filter(
    (s) =>
      (!customer || s.customer === customer) &&
      // Without `status`, Stripe lists every subscription that is not canceled.
      (status === "all" || (status ? s.status === status : s.status !== "canceled")) &&
      (!price || itemsOf(s).some((i) => i.price.id === price)) &&
      (!clock || s.test_clock === clock),
  );
  return listPage(store, items, params, "/v1/subscriptions");
}

function updateItem(ctx: ApiContext): Stripe.SubscriptionItem {
  const { params, store, path } = ctx;
  params.only(["quantity", "price", "proration_behavior", "proration_date", "metadata", "payment_behavior"]);
  const sub = store.all<Stripe.Subscription>("subscription").find((s) => itemsOf(s).some((i) => i.id === path.id));
  if (!sub) throw stripeErrors.noSuch("subscription_item", path.id ?? "");
  const price = params.str("price");
  const quantity = params.int("quantity");
  const metadata = params.metadata();
  applyItemChanges(
    ctx,
    sub,
    [
      {
        id: path.id as string,
        ...(price ? { price: priceOf(ctx, price, "price") } : {}),
        ...(quantity !== undefined ? { quantity } : {}),
        ...(metadata ? { metadata } : {}),
      },
    ],
    params.oneOf("proration_behavior", PRORATION) ?? "create_prorations",
    params.int("proration_date") ?? store.nowFor(sub.customer as string),
  );
  return structuredClone(itemsOf(store.view(sub)).find((i) => i.id === path.id) as Stripe.SubscriptionItem);
}

export const subscriptionRoutes: Route[] = [
  { method: "POST", path: "/v1/subscriptions", handler: createSub },
  { method: "GET", path: "/v1/subscriptions", handler: listSubs },
  {
    method: "GET",
    path: "/v1/subscriptions/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("subscription", path.id ?? "", "subscription")),
  },
  { method: "POST", path: "/v1/subscriptions/:id", handler: updateSub },
  { method: "DELETE", path: "/v1/subscriptions/:id", handler: cancelSub },
  {
    method: "GET",
    path: "/v1/subscription_items",
    handler: ({ params, store }) => {
      params.only(["subscription", "limit", "starting_after", "ending_before"]);
      const sub = store.getOrThrow<Stripe.Subscription>(
        "subscription",
        params.reqStr("subscription"),
        "subscription",
        "subscription",
      );
      return embeddedList(itemsOf(store.view(sub)), "/v1/subscription_items");
    },
  },
  { method: "POST", path: "/v1/subscription_items/:id", handler: updateItem },
];
