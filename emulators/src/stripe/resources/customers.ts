import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata, type Params } from "../params";
import { attachPaymentMethod, resolvePaymentMethod } from "./payment-methods";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function readEmail(params: Params): string | undefined {
  const email = params.str("email");
  if (email && !EMAIL.test(email)) throw stripeErrors.invalidParam("email", `Invalid email address: ${email}`);
  return email;
}

function setDefaultPaymentMethod(ctx: ApiContext, customer: Stripe.Customer, id: string, param: string): void {
  const pm = ctx.store.getOrThrow<Stripe.PaymentMethod>("payment_method", id, "PaymentMethod", param);
  if (pm.customer !== customer.id) {
    throw stripeErrors.badRequest(
      `No such PaymentMethod: '${id}'; It's possible this PaymentMethod exists on one of your connected accounts, in which case you should retry this request on that connected account.`,
      { code: "resource_missing", param },
    );
  }
  customer.invoice_settings.default_payment_method = id;
}

function createCustomer(ctx: ApiContext): Stripe.Customer {
  const { params, store, events } = ctx;
  params.only([
    "email",
    "name",
    "description",
    "metadata",
    "phone",
    "payment_method",
    "invoice_settings",
    "test_clock",
    "preferred_locales",
    "address",
  ]);
  const testClock = params.str("test_clock") || null;
  if (testClock) store.getOrThrow("test_helpers.test_clock", testClock, "test_clock", "test_clock");
  const customer: Stripe.Customer = {
    id: store.id("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: store.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: params.str("description") || null,
    discount: null,
    email: readEmail(params) || null,
    invoice_prefix: store.id("", 8).slice(1).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, params.metadata()),
    name: params.str("name") || null,
    next_invoice_sequence: 1,
    phone: params.str("phone") || null,
    preferred_locales: params.strs("preferred_locales") ?? [],
    shipping: null,
    tax_exempt: "none",
    test_clock: testClock,
  };
  store.put(customer);
  const pmId = params.str("payment_method");
  if (pmId) attachPaymentMethod(ctx, resolvePaymentMethod(store, pmId, "payment_method"), customer.id);
  const invoiceSettings = params.obj("invoice_settings");
  invoiceSettings?.only(["default_payment_method", "footer"]);
  const defaultPm = invoiceSettings?.str("default_payment_method");
  if (defaultPm) setDefaultPaymentMethod(ctx, customer, defaultPm, "invoice_settings[default_payment_method]");
  if (invoiceSettings?.has("footer")) customer.invoice_settings.footer = invoiceSettings.str("footer") || null;
  events.emit("customer.created", customer);
  return store.view(customer);
}

function updateCustomer(ctx: ApiContext): Stripe.Customer {
  const { params, store, events, path } = ctx;
  params.only(["email", "name", "description", "metadata", "phone", "invoice_settings", "preferred_locales"]);
  const customer = store.getOrThrow<Stripe.Customer>("customer", path.id ?? "", "customer");
  const before = structuredClone(customer);
  if (params.has("email")) customer.email = readEmail(params) || null;
  if (params.has("name")) customer.name = params.str("name") || null;
  if (params.has("description")) customer.description = params.str("description") || null;
  if (params.has("phone")) customer.phone = params.str("phone") || null;
  const locales = params.strs("preferred_locales");
  if (locales) customer.preferred_locales = locales;
  customer.metadata = mergeMetadata(customer.metadata, params.metadata());
  const invoiceSettings = params.obj("invoice_settings");
  invoiceSettings?.only(["default_payment_method", "footer"]);
  if (invoiceSettings?.has("default_payment_method")) {
    const pm = invoiceSettings.str("default_payment_method");
    if (pm) setDefaultPaymentMethod(ctx, customer, pm, "invoice_settings[default_payment_method]");
    else customer.invoice_settings.default_payment_method = null;
  }
  if (invoiceSettings?.has("footer")) customer.invoice_settings.footer = invoiceSettings.str("footer") || null;
  events.emit("customer.updated", customer, { previous: before });
  return store.view(customer);
}

function deleteCustomer({ store, events, path }: ApiContext): Stripe.DeletedCustomer {
  const customer = store.getOrThrow<Stripe.Customer>("customer", path.id ?? "", "customer");
  // Deleting a customer cancels its subscriptions at once, as at Stripe.
  for (const sub of store.all<Stripe.Subscription>("subscription")) {
    if (sub.customer !== customer.id || sub.status === "canceled" || sub.status === "incomplete_expired") continue;
    const before = structuredClone(sub);
    const now = store.nowFor(customer.id);
    sub.status = "canceled";
    sub.canceled_at = now;
    sub.ended_at = now;
    events.emit("customer.subscription.deleted", sub, { previous: before });
  }
  events.emit("customer.deleted", customer);
  // A deleted customer still answers a retrieve, as `{ id, object, deleted: true }`.
  const deleted: Stripe.DeletedCustomer = { id: customer.id, object: "customer", deleted: true };
  store.put(deleted);
  return deleted;
}

function listCustomers({ params, store }: ApiContext): Stripe.ApiList<Stripe.Customer> {
  params.only(["email", "test_clock", "limit", "starting_after", "ending_before", "created"]);
  const email = params.str("email");
  const clock = params.str("test_clock");
  const items = store
    .all<Stripe.Customer>("customer")
    .filter((c) => (!email || c.email === email) && (!clock || c.test_clock === clock));
  return listPage(store, items, params, "/v1/customers");
}

export const customerRoutes: Route[] = [
  { method: "POST", path: "/v1/customers", handler: createCustomer },
  { method: "GET", path: "/v1/customers", handler: listCustomers },
  {
    method: "GET",
    path: "/v1/customers/:id",
    handler: ({ store, path }) => {
      const found = store.get<Stripe.Customer | Stripe.DeletedCustomer>(path.id ?? "");
      if (found?.object === "customer" && found.deleted) return found;
      return store.view(store.getOrThrow("customer", path.id ?? "", "customer"));
    },
  },
  { method: "POST", path: "/v1/customers/:id", handler: updateCustomer },
  { method: "DELETE", path: "/v1/customers/:id", handler: deleteCustomer },
];
