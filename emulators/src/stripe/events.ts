import type Stripe from "stripe";
import { clone, type StripeObject, type StripeStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

export interface EmitOptions {
  /** The object before the change: `data.previous_attributes` lists the top-level fields that differ. */
  previous?: object;
  requestId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Creates Stripe events (`GET /v1/events/:id` serves them for 30 days at Stripe; here for the
 * process's life) and hands each to the webhook dispatcher. The event carries a snapshot of the
 * object as the API shows it at that moment.
 */
export class EventBus {
  /** The request being served, so events name it (`request.id`, `request.idempotency_key`). */
  current: { requestId: string; idempotencyKey: string | null } | null = null;

  constructor(
    private readonly store: StripeStore,
    private readonly webhooks: WebhookDispatcher,
    private readonly apiVersion: string,
  ) {}

  emit(type: string, object: StripeObject, options: EmitOptions = {}): Stripe.Event {
    const data = this.store.view(object) as unknown as Record<string, unknown>;
    const previous = options.previous ? diff(clone(options.previous) as Record<string, unknown>, data) : undefined;
    const request = options.requestId !== undefined ? options : this.current;
    const event = {
      id: this.store.id("evt"),
      object: "event",
      api_version: this.apiVersion,
      created: this.store.now(),
      data: { object: data, ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: request
        ? { id: request.requestId ?? null, idempotency_key: request.idempotencyKey ?? null }
        : { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.store.put(event);
    event.pending_webhooks = this.webhooks.dispatch(event);
    return event;
  }
}

/** Top-level fields of `before` whose values differ in `after`, with their old values. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(before)) {
    if (JSON.stringify(v) !== JSON.stringify(after[k])) out[k] = v;
  }
  return out;
}
