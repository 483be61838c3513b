import { createHmac, randomBytes } from "node:crypto";
import type Stripe from "stripe";
import type { StripeStore } from "./store";

export interface WebhookEndpointConfig {
  url: string;
  /** `whsec_…`; generated when omitted (read it from `emulator.webhooks.endpoints()`). */
  secret?: string;
  /** Event types, or `["*"]` (the default). */
  enabledEvents?: string[];
}

/** Dev switches over delivery (`POST /_emulator/webhooks/settings`). */
export interface DeliverySettings {
  /** Hold every delivery until unpaused (a webhook endpoint that is down for days). */
  paused: boolean;
  /** Deliver every event twice (at-least-once, tested). */
  duplicate: boolean;
  /** Deliver in random order: each first attempt waits a random 0–`shuffleWindowMs`. */
  shuffle: boolean;
  shuffleWindowMs: number;
  /** Never deliver (the event still exists at `GET /v1/events`): reconciliation must cope. */
  drop: boolean;
}

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  state: "pending" | "delivered" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
  /** Which copy this is when `duplicate` is on (0 for the original). */
  copy: number;
}

export interface WebhookOptions {
  /** Waits between attempts after a failure; after the last the delivery is `failed`. */
  retryDelaysMs?: number[];
  /** An attempt without an answer by then counts as failed (Stripe: ~30 s). */
  timeoutMs?: number;
}

/** Stripe's schedule is hours apart over 3 days; the emulator keeps the shape, in seconds. */
const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

interface Endpoint {
  object: Stripe.WebhookEndpoint;
  secret: string;
}

/**
 * Delivers events to webhook endpoints as Stripe does: a JSON POST signed with
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, at least once,
 * retried with backoff on a non-2xx answer or a timeout. The signature timestamp is real time (the
 * receiver checks it against its own clock), not the emulator clock.
 */
export class WebhookDispatcher {
  #endpoints = new Map<string, Endpoint>();
  #deliveries: Delivery[] = [];
  #inFlight = new Set<Promise<void>>();
  #timers = new Set<NodeJS.Timeout>();
  #held: { delivery: Delivery; event: Stripe.Event }[] = [];
  #idleWaiters: (() => void)[] = [];
  #stopped = false;
  readonly settings: DeliverySettings = {
    paused: false,
    duplicate: false,
    shuffle: false,
    shuffleWindowMs: 200,
    drop: false,
  };
  readonly #retryDelays: number[];
  readonly #timeoutMs: number;

  constructor(
    private readonly store: StripeStore,
    options: WebhookOptions = {},
  ) {
    this.#retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  addEndpoint(
    config: WebhookEndpointConfig & {
      description?: string | null;
      metadata?: Record<string, string>;
      apiVersion?: string | null;
    },
  ) {
    const secret = config.secret ?? `whsec_${randomBytes(24).toString("hex")}`;
    const object: Stripe.WebhookEndpoint = {
      id: this.store.id("we"),
      object: "webhook_endpoint",
      api_version: config.apiVersion ?? null,
      application: null,
      created: this.store.now(),
      description: config.description ?? null,
      enabled_events: config.enabledEvents ?? ["*"],
      livemode: false,
      metadata: config.metadata ?? {},
      status: "enabled",
      url: config.url,
    };
    this.store.put(object);
    this.#endpoints.set(object.id, { object, secret });
    return { ...object, secret };
  }

  removeEndpoint(id: string): void {
    this.#endpoints.delete(id);
    this.store.remove(id);
  }

  endpoints(): (Stripe.WebhookEndpoint & { secret: string })[] {
    return [...this.#endpoints.values()].map((e) => ({ ...e.object, secret: e.secret }));
  }

  deliveries(): Delivery[] {
    return this.#deliveries;
  }

  /** Queues the event for every enabled endpoint that wants it; returns how many. */
  dispatch(event: Stripe.Event): number {
    let count = 0;
    for (const endpoint of this.#endpoints.values()) {
      const { object } = endpoint;
      if (object.status !== "enabled") continue;
      if (!object.enabled_events.includes("*") && !object.enabled_events.includes(event.type)) continue;
      count += 1;
      const copies = this.settings.duplicate ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        const delivery: Delivery = {
          id: this.store.id("wd"),
          eventId: event.id,
          eventType: event.type,
          endpointId: object.id,
          url: object.url,
          state: this.settings.drop ? "dropped" : "pending",
          attempts: [],
          copy,
        };
        this.#deliveries.push(delivery);
        if (delivery.state === "dropped") continue;
        if (this.settings.paused) this.#held.push({ delivery, event });
        else this.#schedule(delivery, event, this.#firstDelay());
      }
    }
    return count;
  }

  /** Unpauses and sends what was held (in random order when `shuffle` is on). */
  resume(): void {
    this.settings.paused = false;
    const held = this.#held.splice(0);
    if (this.settings.shuffle) held.sort(() => Math.random() - 0.5);
    for (const { delivery, event } of held) this.#schedule(delivery, event, this.#firstDelay());
  }

  /** Sends an event again to its endpoints now (a staff "resend" at Stripe's dashboard). */
  redeliver(event: Stripe.Event): number {
    return this.dispatch(event);
  }

  /** Resolves once nothing is in flight or waiting (held deliveries while paused do not count). */
  idle(): Promise<void> {
    if (this.#inFlight.size === 0 && this.#timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  clear(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#held = [];
    this.#deliveries = [];
    this.#endpoints.clear();
    Object.assign(this.settings, { paused: false, duplicate: false, shuffle: false, drop: false });
    this.#checkIdle();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
    this.#checkIdle();
  }

  #firstDelay(): number {
    return this.settings.shuffle ? Math.floor(Math.random() * this.settings.shuffleWindowMs) : 0;
  }

  #schedule(delivery: Delivery, event: Stripe.Event, delayMs: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const attempt = this.#attempt(delivery, event).finally(() => {
        this.#inFlight.delete(attempt);
        this.#checkIdle();
      });
      this.#inFlight.add(attempt);
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  async #attempt(delivery: Delivery, event: Stripe.Event): Promise<void> {
    const endpoint = this.#endpoints.get(delivery.endpointId);
    if (!endpoint) {
      delivery.state = "failed";
      return;
    }
    const payload = JSON.stringify(event, null, 2);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signPayload(payload, endpoint.secret, timestamp);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.object.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "stripe-signature": signature,
          accept: "*/*; q=0.5, application/xml",
        },
        body: payload,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = (err as Error).name === "TimeoutError" ? "timeout" : (err as Error).message;
    }
    delivery.attempts.push({ at: new Date(started).toISOString(), status, error, durationMs: Date.now() - started });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = "delivered";
      const stored = this.store.get<Stripe.Event>(event.id);
      if (stored && delivery.copy === 0) stored.pending_webhooks = Math.max(0, stored.pending_webhooks - 1);
      return;
    }
    const wait = this.#retryDelays[delivery.attempts.length - 1];
    if (wait === undefined) {
      delivery.state = "failed";
      return;
    }
    this.#schedule(delivery, event, wait);
  }

  #checkIdle(): void {
    if (this.#inFlight.size > 0 || this.#timers.size > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/** `t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<payload>")>`, as Stripe signs. */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${mac}`;
}
