import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata, type Params } from "../params";
import type { StripeStore } from "../store";

type Features = Stripe.BillingPortal.Configuration.Features;

function readFeatures(p: Params | undefined, base: Features): Features {
  const f = structuredClone(base);
  if (!p) return f;
  p.only([
    "customer_update",
    "invoice_history",
    "payment_method_update",
    "subscription_cancel",
    "subscription_pause",
    "subscription_update",
  ]);
  const invoices = p.obj("invoice_history");
  if (invoices) f.invoice_history.enabled = invoices.bool("enabled") ?? f.invoice_history.enabled;
  const pm = p.obj("payment_method_update");
  if (pm) f.payment_method_update.enabled = pm.bool("enabled") ?? f.payment_method_update.enabled;
  const cancel = p.obj("subscription_cancel");
  if (cancel) {
    f.subscription_cancel.enabled = cancel.bool("enabled") ?? f.subscription_cancel.enabled;
    f.subscription_cancel.mode =
      cancel.oneOf("mode", ["at_period_end", "immediately"] as const) ?? f.subscription_cancel.mode;
  }
  const update = p.obj("subscription_update");
  if (update) {
    f.subscription_update.enabled = update.bool("enabled") ?? f.subscription_update.enabled;
    const allowed = update.strs("default_allowed_updates");
    if (allowed)
      f.subscription_update.default_allowed_updates =
        allowed as Stripe.BillingPortal.Configuration.Features.SubscriptionUpdate.DefaultAllowedUpdate[];
    f.subscription_update.proration_behavior =
      update.oneOf("proration_behavior", ["always_invoice", "create_prorations", "none"] as const) ??
      f.subscription_update.proration_behavior;
    const products = update.objs("products");
    if (products) {
      f.subscription_update.products = products.map((pp) => {
        pp.only(["product", "prices", "adjustable_quantity"]);
        return {
          adjustable_quantity: { enabled: false, maximum: null, minimum: 1 },
          prices: pp.strs("prices") ?? [],
          product: pp.reqStr("product"),
        };
      });
    }
  }
  return f;
}

const DEFAULT_FEATURES: Features = {
  customer_update: { allowed_updates: [], enabled: false },
  invoice_history: { enabled: true },
  payment_method_update: { enabled: true, payment_method_configuration: null },
  subscription_cancel: {
    cancellation_reason: { enabled: false, options: [] },
    enabled: true,
    mode: "at_period_end",
    proration_behavior: "none",
  },
  subscription_pause: { enabled: false },
  subscription_update: {
    billing_cycle_anchor: null,
    default_allowed_updates: [],
    enabled: false,
    products: [],
    proration_behavior: "create_prorations",
    schedule_at_period_end: { conditions: [] },
    trial_update_behavior: "end_trial",
  },
} as unknown as Features;

function newConfiguration(
  store: StripeStore,
  features: Features,
  extra: Partial<Stripe.BillingPortal.Configuration> = {},
) {
  const now = store.now();
  const isDefault = !store
    .all<Stripe.BillingPortal.Configuration>("billing_portal.configuration")
    .some((c) => c.is_default);
  const config: Stripe.BillingPortal.Configuration = {
    id: store.id("bpc"),
    object: "billing_portal.configuration",
    active: true,
    application: null,
    business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
    created: now,
    default_return_url: null,
    features,
    is_default: isDefault,
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: {},
    name: null,
    updated: now,
    ...extra,
  };
  store.put(config);
  return config;
}

function createConfiguration({ params, store, events }: ApiContext): Stripe.BillingPortal.Configuration {
  params.only(["features", "business_profile", "default_return_url", "metadata", "name", "login_page"]);
  const features = readFeatures(params.obj("features"), DEFAULT_FEATURES);
  for (const p of features.subscription_update.products ?? []) {
    store.getOrThrow("product", p.product, "product", "features[subscription_update][products]");
    for (const price of p.prices) store.getOrThrow("price", price, "price", "features[subscription_update][products]");
  }
  const headline = params.obj("business_profile")?.str("headline") || null;
  const config = newConfiguration(store, features, {
    business_profile: { headline, privacy_policy_url: null, terms_of_service_url: null },
    default_return_url: params.str("default_return_url") || null,
    metadata: mergeMetadata({}, params.metadata()),
    name: params.str("name") || null,
  });
  events.emit("billing_portal.configuration.created", config);
  return store.view(config);
}

function updateConfiguration({ params, store, events, path }: ApiContext): Stripe.BillingPortal.Configuration {
  params.only(["features", "business_profile", "default_return_url", "metadata", "name", "active"]);
  const config = store.getOrThrow<Stripe.BillingPortal.Configuration>(
    "billing_portal.configuration",
    path.id ?? "",
    "billing_portal.configuration",
  );
  const before = structuredClone(config);
  config.features = readFeatures(params.obj("features"), config.features);
  if (params.has("default_return_url")) config.default_return_url = params.str("default_return_url") || null;
  if (params.has("name")) config.name = params.str("name") || null;
  const active = params.bool("active");
  if (active !== undefined) config.active = active;
  config.metadata = mergeMetadata(config.metadata ?? {}, params.metadata());
  config.updated = store.now();
  events.emit("billing_portal.configuration.updated", config, { previous: before });
  return store.view(config);
}

function createSession(ctx: ApiContext): Stripe.BillingPortal.Session {
  const { params, store, baseUrl } = ctx;
  params.only(["customer", "return_url", "configuration", "flow_data", "locale", "on_behalf_of"]);
  const customer = store.getOrThrow<Stripe.Customer>("customer", params.reqStr("customer"), "customer", "customer");
  const configId = params.str("configuration");
  const configs = store.all<Stripe.BillingPortal.Configuration>("billing_portal.configuration");
  const config = configId
    ? store.getOrThrow<Stripe.BillingPortal.Configuration>(
        "billing_portal.configuration",
        configId,
        "billing_portal.configuration",
        "configuration",
      )
    : (configs.find((c) => c.is_default) ?? newConfiguration(store, structuredClone(DEFAULT_FEATURES)));
  const returnUrl = params.str("return_url") || config.default_return_url;
  if (returnUrl && !/^https?:\/\/\S+$/.test(returnUrl))
    throw stripeErrors.invalidParam("return_url", "Not a valid URL");
  const flow = params.obj("flow_data");
  flow?.only(["type", "after_completion", "subscription_cancel", "subscription_update", "subscription_update_confirm"]);
  const flowType = flow?.oneOf("type", [
    "payment_method_update",
    "subscription_cancel",
    "subscription_update",
    "subscription_update_confirm",
  ] as const);
  const id = store.id("bps");
  const session: Stripe.BillingPortal.Session = {
    id,
    object: "billing_portal.session",
    configuration: config.id,
    created: store.now(),
    customer: customer.id,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: returnUrl ?? null,
    url: `${baseUrl}/p/session/${id}${flowType ? `#${flowType}` : ""}`,
  };
  store.put(session);
  return store.view(session);
}

export const billingPortalRoutes: Route[] = [
  { method: "POST", path: "/v1/billing_portal/configurations", handler: createConfiguration },
  {
    method: "GET",
    path: "/v1/billing_portal/configurations",
    handler: ({ params, store }) => {
      params.only(["active", "is_default", "limit", "starting_after", "ending_before"]);
      return listPage(store, store.all("billing_portal.configuration"), params, "/v1/billing_portal/configurations");
    },
  },
  {
    method: "GET",
    path: "/v1/billing_portal/configurations/:id",
    handler: ({ store, path }) =>
      store.view(store.getOrThrow("billing_portal.configuration", path.id ?? "", "billing_portal.configuration")),
  },
  { method: "POST", path: "/v1/billing_portal/configurations/:id", handler: updateConfiguration },
  { method: "POST", path: "/v1/billing_portal/sessions", handler: createSession },
];
