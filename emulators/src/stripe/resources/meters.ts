import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";

/** A meter event as kept: Stripe's object plus the customer and value it was resolved to. */
interface StoredMeterEvent {
  event: Stripe.Billing.MeterEvent;
  meterId: string;
  customer: string;
  value: number;
  receivedAt: number;
}

/** Identifiers are unique for at least 24 hours at Stripe; the emulator keeps them for its life. */
export function meterEventsOf(store: ApiContext["store"]): StoredMeterEvent[] {
  return store.side<StoredMeterEvent[]>("meter_events", () => []);
}

const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;

function createMeter({ params, store, events }: ApiContext): Stripe.Billing.Meter {
  params.only([
    "display_name",
    "event_name",
    "default_aggregation",
    "customer_mapping",
    "value_settings",
    "event_time_window",
  ]);
  const displayName = params.reqStr("display_name");
  const eventName = params.reqStr("event_name");
  if (!EVENT_NAME.test(eventName)) throw stripeErrors.invalidParam("event_name", `Invalid event_name: ${eventName}`);
  const aggregation = params.obj("default_aggregation");
  if (!aggregation) throw stripeErrors.missingParam("default_aggregation");
  aggregation.only(["formula"]);
  const formula = aggregation.oneOf("formula", ["sum", "count", "last"] as const);
  if (!formula) throw stripeErrors.missingParam("default_aggregation[formula]");
  if (
    store.all<Stripe.Billing.Meter>("billing.meter").some((m) => m.event_name === eventName && m.status === "active")
  ) {
    throw stripeErrors.badRequest(`An active meter with event_name \`${eventName}\` already exists.`, {
      code: "resource_already_exists",
      param: "event_name",
    });
  }
  const mapping = params.obj("customer_mapping");
  mapping?.only(["event_payload_key", "type"]);
  const value = params.obj("value_settings");
  value?.only(["event_payload_key"]);
  const now = store.now();
  const meter: Stripe.Billing.Meter = {
    id: store.id("mtr"),
    object: "billing.meter",
    created: now,
    customer_mapping: { event_payload_key: mapping?.str("event_payload_key") ?? "stripe_customer_id", type: "by_id" },
    default_aggregation: { formula },
    display_name: displayName,
    event_name: eventName,
    event_time_window: params.oneOf("event_time_window", ["day", "hour"] as const) ?? null,
    livemode: false,
    status: "active",
    status_transitions: { deactivated_at: null },
    updated: now,
    value_settings: { event_payload_key: value?.str("event_payload_key") ?? "value" },
  };
  store.put(meter);
  events.emit("billing.meter.created", meter);
  return store.view(meter);
}

function setStatus({ store, events, path }: ApiContext, active: boolean): Stripe.Billing.Meter {
  const meter = store.getOrThrow<Stripe.Billing.Meter>("billing.meter", path.id ?? "", "billing.meter");
  const before = structuredClone(meter);
  meter.status = active ? "active" : "inactive";
  meter.status_transitions.deactivated_at = active ? null : store.now();
  meter.updated = store.now();
  events.emit(active ? "billing.meter.reactivated" : "billing.meter.deactivated", meter, { previous: before });
  return store.view(meter);
}

function createMeterEvent({ params, store }: ApiContext): Stripe.Billing.MeterEvent {
  params.only(["event_name", "payload", "identifier", "timestamp"]);
  const eventName = params.reqStr("event_name");
  const payload = params.obj("payload");
  if (!payload) throw stripeErrors.missingParam("payload");
  const meter = store
    .all<Stripe.Billing.Meter>("billing.meter")
    .find((m) => m.event_name === eventName && m.status === "active");
  if (!meter) {
    throw stripeErrors.badRequest(`No active meter was found for event_name \`${eventName}\`.`, {
      code: "resource_missing",
      param: "event_name",
    });
  }
  const customerKey = meter.customer_mapping.event_payload_key;
  const valueKey = meter.value_settings.event_payload_key;
  const customer = payload.str(customerKey);
  if (!customer) throw stripeErrors.missingParam(`payload[${customerKey}]`);
  store.getOrThrow("customer", customer, "customer", `payload[${customerKey}]`);
  const rawValue = payload.str(valueKey) ?? (meter.default_aggregation.formula === "count" ? "1" : undefined);
  if (rawValue === undefined) throw stripeErrors.missingParam(`payload[${valueKey}]`);
  if (!/^-?\d+(\.\d+)?$/.test(rawValue)) {
    throw stripeErrors.invalidParam(`payload[${valueKey}]`, `Invalid value: ${rawValue} is not a number.`);
  }
  const now = store.now();
  const timestamp = params.int("timestamp") ?? now;
  if (timestamp > now + 300) {
    throw stripeErrors.invalidParam("timestamp", "Timestamp must be no more than 5 minutes in the future.");
  }
  if (timestamp < now - 35 * 86_400) {
    throw stripeErrors.invalidParam("timestamp", "Timestamp must be within the past 35 calendar days.");
  }
  const identifier = params.str("identifier") || store.id("mev").slice(4);
  if (identifier.length > 100)
    throw stripeErrors.invalidParam("identifier", "identifier can have up to 100 characters.");
  const list = meterEventsOf(store);
  if (list.some((e) => e.event.identifier === identifier)) {
    throw stripeErrors.badRequest(`An event with identifier \`${identifier}\` already exists.`, {
      code: "resource_already_exists",
      param: "identifier",
    });
  }
  const event: Stripe.Billing.MeterEvent = {
    object: "billing.meter_event",
    created: now,
    event_name: eventName,
    identifier,
    livemode: false,
    payload: payload.raw as Record<string, string>,
    timestamp,
  };
  list.push({ event, meterId: meter.id, customer, value: Number(rawValue), receivedAt: now });
  return event;
}

function eventSummaries({ params, store, path }: ApiContext): Stripe.ApiList<Stripe.Billing.MeterEventSummary> {
  params.only([
    "customer",
    "start_time",
    "end_time",
    "value_grouping_window",
    "limit",
    "starting_after",
    "ending_before",
  ]);
  const meter = store.getOrThrow<Stripe.Billing.Meter>("billing.meter", path.id ?? "", "billing.meter");
  const customer = params.reqStr("customer");
  const start = params.reqInt("start_time");
  const end = params.reqInt("end_time");
  if (end <= start) throw stripeErrors.invalidParam("end_time", "end_time must be after start_time.");
  const window = params.oneOf("value_grouping_window", ["day", "hour"] as const);
  const step = window === "hour" ? 3600 : window === "day" ? 86_400 : end - start;
  const summaries: Stripe.Billing.MeterEventSummary[] = [];
  const events = meterEventsOf(store).filter((e) => e.meterId === meter.id && e.customer === customer);
  for (let from = start; from < end; from += step) {
    const to = Math.min(end, from + step);
    const inWindow = events.filter((e) => e.event.timestamp >= from && e.event.timestamp < to);
    if (window && inWindow.length === 0) continue;
    const formula = meter.default_aggregation.formula;
    const value =
      formula === "count"
        ? inWindow.length
        : formula === "last"
          ? (inWindow.at(-1)?.value ?? 0)
          : inWindow.reduce((sum, e) => sum + e.value, 0);
    summaries.push({
      id: `mtrusg_${meter.id.slice(4, 14)}${from}`,
      object: "billing.meter_event_summary",
      aggregated_value: value,
      end_time: to,
      livemode: false,
      meter: meter.id,
      start_time: from,
    });
  }
  // Summaries come oldest first at Stripe.
  const page = listPage(
    store,
    summaries.reverse() as never[],
    params,
    `/v1/billing/meters/${meter.id}/event_summaries`,
  );
  return page as Stripe.ApiList<Stripe.Billing.MeterEventSummary>;
}

export const meterRoutes: Route[] = [
  { method: "POST", path: "/v1/billing/meters", handler: createMeter },
  {
    method: "GET",
    path: "/v1/billing/meters",
    handler: ({ params, store }) => {
      params.only(["status", "limit", "starting_after", "ending_before"]);
      const status = params.oneOf("status", ["active", "inactive"] as const);
      const items = store.all<Stripe.Billing.Meter>("billing.meter").filter((m) => !status || m.status === status);
      return listPage(store, items, params, "/v1/billing/meters");
    },
  },
  {
    method: "GET",
    path: "/v1/billing/meters/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("billing.meter", path.id ?? "", "billing.meter")),
  },
  {
    method: "POST",
    path: "/v1/billing/meters/:id",
    handler: ({ params, store, events, path }) => {
      params.only(["display_name"]);
      const meter = store.getOrThrow<Stripe.Billing.Meter>("billing.meter", path.id ?? "", "billing.meter");
      const before = structuredClone(meter);
      const name = params.str("display_name");
      if (name) meter.display_name = name;
      meter.updated = store.now();
      events.emit("billing.meter.updated", meter, { previous: before });
      return store.view(meter);
    },
  },
  { method: "POST", path: "/v1/billing/meters/:id/deactivate", handler: (ctx) => setStatus(ctx, false) },
  { method: "POST", path: "/v1/billing/meters/:id/reactivate", handler: (ctx) => setStatus(ctx, true) },
  { method: "POST", path: "/v1/billing/meter_events", handler: createMeterEvent },
  { method: "GET", path: "/v1/billing/meters/:id/event_summaries", handler: eventSummaries },
];
