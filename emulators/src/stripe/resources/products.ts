import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata } from "../params";

const PRODUCT_ID = /^[A-Za-z0-9_-]{1,255}$/;

function createProduct({ params, store, events }: ApiContext): Stripe.Product {
  params.only(["name", "id", "active", "description", "metadata", "unit_label", "url", "statement_descriptor"]);
  const name = params.reqStr("name");
  const id = params.str("id") ?? store.id("prod", 14);
  if (!PRODUCT_ID.test(id)) throw stripeErrors.invalidParam("id", `Invalid id: ${id}`);
  if (store.has(id)) {
    throw stripeErrors.badRequest(`Product already exists.`, { code: "resource_already_exists", param: "id" });
  }
  const now = store.now();
  const product: Stripe.Product = {
    id,
    object: "product",
    active: params.bool("active") ?? true,
    created: now,
    default_price: null,
    description: params.str("description") || null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, params.metadata()),
    name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: params.str("statement_descriptor") || null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: params.str("unit_label") || null,
    updated: now,
    url: params.str("url") || null,
  };
  store.put(product);
  events.emit("product.created", product);
  return store.view(product);
}

function updateProduct({ params, store, events, path }: ApiContext): Stripe.Product {
  params.only(["name", "active", "description", "metadata", "unit_label", "url", "default_price"]);
  const product = store.getOrThrow<Stripe.Product>("product", path.id ?? "", "product");
  const before = structuredClone(product);
  const name = params.str("name");
  if (name !== undefined) {
    if (name === "") throw stripeErrors.invalidParam("name", "You must provide a name for the product.");
    product.name = name;
  }
  const active = params.bool("active");
  if (active !== undefined) product.active = active;
  if (params.has("description")) product.description = params.str("description") || null;
  if (params.has("unit_label")) product.unit_label = params.str("unit_label") || null;
  if (params.has("url")) product.url = params.str("url") || null;
  const defaultPrice = params.str("default_price");
  if (defaultPrice !== undefined) {
    store.getOrThrow("price", defaultPrice, "price", "default_price");
    product.default_price = defaultPrice;
  }
  product.metadata = mergeMetadata(product.metadata, params.metadata());
  product.updated = store.now();
  events.emit("product.updated", product, { previous: before });
  return store.view(product);
}

function listProducts({ params, store }: ApiContext): Stripe.ApiList<Stripe.Product> {
  params.only(["active", "ids", "limit", "starting_after", "ending_before", "created", "shippable", "url"]);
  const active = params.bool("active");
  const ids = params.strs("ids");
  const items = store
    .all<Stripe.Product>("product")
    .filter((p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)));
  return listPage(store, items, params, "/v1/products");
}

export const productRoutes: Route[] = [
  { method: "POST", path: "/v1/products", handler: createProduct },
  { method: "GET", path: "/v1/products", handler: listProducts },
  {
    method: "GET",
    path: "/v1/products/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("product", path.id ?? "", "product")),
  },
  { method: "POST", path: "/v1/products/:id", handler: updateProduct },
];
