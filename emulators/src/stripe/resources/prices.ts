import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata, type Params } from "../params";
import { type StripeStore, wireDecimal } from "../store";

const INTERVALS = ["day", "week", "month", "year"] as const;
const CURRENCY = /^[a-z]{3}$/;

/** Lookup keys are unique across all prices; `transfer_lookup_key` moves one from its holder. */
function claimLookupKey(store: StripeStore, key: string, transfer: boolean, self: string | null): void {
  const holder = store.all<Stripe.Price>("price").find((p) => p.lookup_key === key && p.id !== self);
  if (!holder) return;
  if (!transfer) {
    throw stripeErrors.badRequest(
      `A price (\`${holder.id}\`) already uses that lookup key. You can transfer it to this price by setting \`transfer_lookup_key\` to true.`,
      { code: "lookup_key_already_exists", param: "lookup_key" },
    );
  }
  holder.lookup_key = null;
}

function readRecurring(p: Params | undefined, store: StripeStore): Stripe.Price.Recurring | null {
  if (!p) return null;
  p.only(["interval", "interval_count", "usage_type", "meter", "trial_period_days", "aggregate_usage"]);
  const interval = p.oneOf("interval", INTERVALS);
  if (!interval) throw stripeErrors.missingParam(p.name("interval"));
  const count = p.int("interval_count") ?? 1;
  const maxCount = { day: 1095, week: 156, month: 36, year: 3 }[interval];
  if (count < 1 || count > maxCount) {
    throw stripeErrors.invalidParam(
      p.name("interval_count"),
      `The maximum billing interval is 3 years (1095 days, 156 weeks or 36 months).`,
    );
  }
  const usage = p.oneOf("usage_type", ["licensed", "metered"] as const) ?? "licensed";
  const meter = p.str("meter") || null;
  if (usage === "metered" && !meter) throw stripeErrors.missingParam(p.name("meter"));
  if (meter) store.getOrThrow("billing.meter", meter, "billing.meter", p.name("meter"));
  return {
    interval,
    interval_count: count,
    meter,
    trial_period_days: p.int("trial_period_days") ?? null,
    usage_type: usage,
  };
}

function createProductInline(ctx: ApiContext, data: Params): string {
  data.only(["name", "active", "metadata", "unit_label", "statement_descriptor", "id"]);
  const now = ctx.store.now();
  const product: Stripe.Product = {
    id: data.str("id") ?? ctx.store.id("prod", 14),
    object: "product",
    active: data.bool("active") ?? true,
    created: now,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, data.metadata()),
    name: data.reqStr("name"),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: data.str("statement_descriptor") || null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: data.str("unit_label") || null,
    updated: now,
    url: null,
  };
  ctx.store.put(product);
  ctx.events.emit("product.created", product);
  return product.id;
}

function createPrice(ctx: ApiContext): Stripe.Price {
  const { params, store, events } = ctx;
  params.only([
    "currency",
    "product",
    "product_data",
    "unit_amount",
    "unit_amount_decimal",
    "recurring",
    "lookup_key",
    "transfer_lookup_key",
    "nickname",
    "metadata",
    "active",
    "billing_scheme",
    "tax_behavior",
  ]);
  const currency = params.reqStr("currency").toLowerCase();
  if (!CURRENCY.test(currency)) throw stripeErrors.invalidParam("currency", `Invalid currency: ${currency}`);
  const productData = params.obj("product_data");
  const productId = params.str("product");
  if (!productId && !productData) throw stripeErrors.missingParam("product");
  if (productId && productData) {
    throw stripeErrors.badRequest("You may only specify one of these parameters: product, product_data.");
  }
  const product = productId ?? createProductInline(ctx, productData as Params);
  store.getOrThrow("product", product, "product", "product");
  const billingScheme = params.oneOf("billing_scheme", ["per_unit", "tiered"] as const) ?? "per_unit";
  if (billingScheme === "tiered") throw stripeErrors.badRequest("Tiered prices are not emulated.");
  const unitAmount = params.int("unit_amount");
  if (unitAmount === undefined) throw stripeErrors.missingParam("unit_amount");
  if (unitAmount < 0) throw stripeErrors.invalidParam("unit_amount", "This value must be greater than or equal to 0.");
  const recurring = readRecurring(params.obj("recurring"), store);
  const lookupKey = params.str("lookup_key") || null;
  if (lookupKey) claimLookupKey(store, lookupKey, params.bool("transfer_lookup_key") ?? false, null);
  const price: Stripe.Price = {
    id: store.id("price"),
    object: "price",
    active: params.bool("active") ?? true,
    billing_scheme: billingScheme,
    created: store.now(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: mergeMetadata({}, params.metadata()),
    nickname: params.str("nickname") || null,
    product,
    recurring,
    tax_behavior: params.oneOf("tax_behavior", ["exclusive", "inclusive", "unspecified"] as const) ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: wireDecimal(unitAmount),
  };
  store.put(price);
  events.emit("price.created", price);
  return store.view(price);
}

function updatePrice({ params, store, events, path }: ApiContext): Stripe.Price {
  // Amount, currency and interval are immutable at Stripe: asking to change them is an unknown parameter.
  params.only(["active", "lookup_key", "transfer_lookup_key", "metadata", "nickname", "tax_behavior"]);
  const price = store.getOrThrow<Stripe.Price>("price", path.id ?? "", "price");
  const before = structuredClone(price);
  const active = params.bool("active");
  if (active !== undefined) price.active = active;
  if (params.has("lookup_key")) {
    const key = params.str("lookup_key") || null;
    if (key) claimLookupKey(store, key, params.bool("transfer_lookup_key") ?? false, price.id);
    price.lookup_key = key;
  }
  if (params.has("nickname")) price.nickname = params.str("nickname") || null;
  price.metadata = mergeMetadata(price.metadata, params.metadata());
  events.emit("price.updated", price, { previous: before });
  return store.view(price);
}

function listPrices({ params, store }: ApiContext): Stripe.ApiList<Stripe.Price> {
  params.only([
    "active",
    "product",
    "lookup_keys",
    "type",
    "currency",
    "recurring",
    "limit",
    "starting_after",
    "ending_before",
    "created",
  ]);
  const active = params.bool("active");
  const product = params.str("product");
  const lookupKeys = params.strs("lookup_keys");
  if (lookupKeys && lookupKeys.length > 10) {
    throw stripeErrors.badRequest("You may pass up to 10 lookup keys.", { param: "lookup_keys" });
  }
  const type = params.oneOf("type", ["one_time", "recurring"] as const);
  const currency = params.str("currency");
  const interval = params.obj("recurring")?.oneOf("interval", INTERVALS);
  const items = store
    .all<Stripe.Price>("price")
    .filter(
      (p) =>
        (active === undefined || p.active === active) &&
        (!product || p.product === product) &&
        (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
        (!type || p.type === type) &&
        (!currency || p.currency === currency) &&
        (!interval || p.recurring?.interval === interval),
    );
  return listPage(store, items, params, "/v1/prices");
}

export const priceRoutes: Route[] = [
  { method: "POST", path: "/v1/prices", handler: createPrice },
  { method: "GET", path: "/v1/prices", handler: listPrices },
  {
    method: "GET",
    path: "/v1/prices/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("price", path.id ?? "", "price")),
  },
  { method: "POST", path: "/v1/prices/:id", handler: updatePrice },
];
