import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata } from "../params";

function createEndpoint({ params, webhooks }: ApiContext): Stripe.WebhookEndpoint {
  params.only(["url", "enabled_events", "description", "metadata", "api_version", "connect"]);
  const url = params.reqStr("url");
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error();
  } catch {
    throw stripeErrors.invalidParam("url", `Invalid URL: ${url}`);
  }
  const enabled = params.strs("enabled_events");
  if (!enabled?.length) throw stripeErrors.missingParam("enabled_events");
  if (params.bool("connect")) throw stripeErrors.badRequest("Connect endpoints are not emulated.");
  const created = webhooks.addEndpoint({
    url,
    enabledEvents: enabled,
    description: params.str("description") || null,
    metadata: mergeMetadata({}, params.metadata()),
    apiVersion: params.str("api_version") || null,
  });
  return created;
}

function updateEndpoint({ params, store, path }: ApiContext): Stripe.WebhookEndpoint {
  params.only(["url", "enabled_events", "description", "metadata", "disabled"]);
  const endpoint = store.getOrThrow<Stripe.WebhookEndpoint>("webhook_endpoint", path.id ?? "", "webhook_endpoint");
  const url = params.str("url");
  if (url) endpoint.url = url;
  const enabled = params.strs("enabled_events");
  if (enabled?.length) endpoint.enabled_events = enabled;
  if (params.has("description")) endpoint.description = params.str("description") || null;
  const disabled = params.bool("disabled");
  if (disabled !== undefined) endpoint.status = disabled ? "disabled" : "enabled";
  endpoint.metadata = mergeMetadata(endpoint.metadata, params.metadata());
  return store.view(endpoint);
}

function listEvents({ params, store }: ApiContext): Stripe.ApiList<Stripe.Event> {
  params.only(["type", "types", "created", "delivery_success", "limit", "starting_after", "ending_before"]);
  const type = params.str("type");
  const types = params.strs("types");
  // Whether every endpoint got the event (`false`: some delivery still pending or failed).
  const delivered = params.bool("delivery_success");
  if (type && types) throw stripeErrors.badRequest("You may only specify one of these parameters: type, types.");
  const created = params.obj("created");
  created?.only(["gt", "gte", "lt", "lte"]);
  const [gt, gte, lt, lte] = ["gt", "gte", "lt", "lte"].map((k) => created?.int(k));
  const matchesType = (t: string) => {
    if (types) return types.includes(t);
    if (!type) return true;
    // `customer.subscription.*` matches every event under that prefix.
    return type.endsWith(".*") ? t.startsWith(type.slice(0, -1)) : t === type;
  };
  const items = store
    .all<Stripe.Event>("event")
    .filter(
      (e) =>
        matchesType(e.type) &&
        (delivered === undefined || (e.pending_webhooks === 0) === delivered) &&
        (gt === undefined || e.created > gt) &&
        (gte === undefined || e.created >= gte) &&
        (lt === undefined || e.created < lt) &&
        (lte === undefined || e.created <= lte),
    );
  return listPage(store, items, params, "/v1/events");
}

export const eventRoutes: Route[] = [
  { method: "POST", path: "/v1/webhook_endpoints", handler: createEndpoint },
  {
    method: "GET",
    path: "/v1/webhook_endpoints",
    handler: ({ params, store }) => {
      params.only(["limit", "starting_after", "ending_before"]);
      return listPage(store, store.all("webhook_endpoint"), params, "/v1/webhook_endpoints");
    },
  },
  {
    method: "GET",
    path: "/v1/webhook_endpoints/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("webhook_endpoint", path.id ?? "", "webhook_endpoint")),
  },
  { method: "POST", path: "/v1/webhook_endpoints/:id", handler: updateEndpoint },
  {
    method: "DELETE",
    path: "/v1/webhook_endpoints/:id",
    handler: ({ store, webhooks, path }) => {
      const endpoint = store.getOrThrow<Stripe.WebhookEndpoint>("webhook_endpoint", path.id ?? "", "webhook_endpoint");
      webhooks.removeEndpoint(endpoint.id);
      return { id: endpoint.id, object: "webhook_endpoint", deleted: true } satisfies Stripe.DeletedWebhookEndpoint;
    },
  },
  { method: "GET", path: "/v1/events", handler: listEvents },
  {
    method: "GET",
    path: "/v1/events/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("event", path.id ?? "", "event")),
  },
];
