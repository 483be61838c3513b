import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { z } from "zod";
import { type FailureInjector, FailureSpec } from "../shared/failures";
import { readBody, sendJson } from "../shared/http";
import type { Engine } from "./billing/invoicing";
import { billingState } from "./billing/state";
import { cardByNumber, cardByToken, type TestCard } from "./cards";
import { createCardPaymentMethod } from "./resources/payment-methods";
import { catchUpEmulatorClock } from "./resources/test-clocks";
import type { StripeEmulator } from "./server";

const ClockAdvance = z.strictObject({ advanceMs: z.number().int().min(0) });
const DeliverySettings = z.strictObject({
  paused: z.boolean().optional(),
  duplicate: z.boolean().optional(),
  shuffle: z.boolean().optional(),
  shuffleWindowMs: z.number().int().min(0).max(60_000).optional(),
  drop: z.boolean().optional(),
});
const RateLimit = z.strictObject({ perSecond: z.number().int().min(1).max(10_000).nullable() });
const CardChange = z.strictObject({
  /** A test card number (`4000000000000341`) or token (`pm_card_chargeCustomerFail`). */
  card: z.string().min(1),
});
const Settings = z.strictObject({
  retryDays: z.array(z.number().int().min(0).max(60)).max(8).optional(),
  afterFinalRetry: z.enum(["cancel", "unpaid", "past_due"]).optional(),
  upcomingDays: z.number().int().min(1).max(45).optional(),
  trialWillEndDays: z.number().int().min(1).max(30).optional(),
});
const Endpoint = z.strictObject({
  url: z.url(),
  secret: z.string().startsWith("whsec_").optional(),
  enabledEvents: z.array(z.string()).min(1).optional(),
});

async function json(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, 64 * 1024);
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return Symbol("invalid");
  }
}

/**
 * Dev-only routes, not Stripe's API (no auth, loopback only): health, recorded requests, failure
 * injection, the clock, webhook delivery switches and the delivery log.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { emulator, failures }: { emulator: StripeEmulator; failures: FailureInjector },
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  const { webhooks, store } = emulator;
  switch (route) {
    case "GET /_emulator/health":
      return sendJson(res, 200, { ok: true, vendor: "stripe" });
    case "GET /_emulator/requests":
      return sendJson(res, 200, { data: emulator.requests });
    case "POST /_emulator/fail": {
      const parsed = FailureSpec.safeParse(await json(req));
      if (!parsed.success) return sendJson(res, 400, { error: "invalid failure spec", issues: parsed.error.issues });
      failures.add(parsed.data);
      return sendJson(res, 200, { ok: true });
    }
    case "POST /_emulator/clock": {
      const parsed = ClockAdvance.safeParse(await json(req));
      if (!parsed.success) return sendJson(res, 400, { error: "expected { advanceMs: integer ≥ 0 }" });
      const now = emulator.clock.advance(parsed.data.advanceMs);
      catchUpEmulatorClock({ store, events: emulator.events, baseUrl: emulator.url });
      return sendJson(res, 200, { now: now.toISOString() });
    }
    case "POST /_emulator/clear":
      emulator.clear();
      return sendJson(res, 200, { ok: true });
    case "GET /_emulator/webhooks":
      // Without their signing secrets: whoever registered an endpoint got its secret then.
      return sendJson(res, 200, {
        settings: webhooks.settings,
        endpoints: webhooks.endpoints().map(({ secret: _secret, ...endpoint }) => endpoint),
      });
    case "POST /_emulator/webhooks/endpoints": {
      const parsed = Endpoint.safeParse(await json(req));
      if (!parsed.success) return sendJson(res, 400, { error: "expected { url, secret?: whsec_…, enabledEvents? }" });
      return sendJson(res, 200, webhooks.addEndpoint(parsed.data));
    }
    case "POST /_emulator/webhooks/settings": {
      const parsed = DeliverySettings.safeParse(await json(req));
      if (!parsed.success) {
        return sendJson(res, 400, { error: "expected { paused?, duplicate?, shuffle?, shuffleWindowMs?, drop? }" });
      }
      const { paused, ...rest } = parsed.data;
      Object.assign(webhooks.settings, rest);
      if (paused === true) webhooks.settings.paused = true;
      if (paused === false) webhooks.resume();
      return sendJson(res, 200, { settings: webhooks.settings });
    }
    case "GET /_emulator/deliveries": {
      const eventId = url.searchParams.get("event");
      const type = url.searchParams.get("type");
      const data = webhooks
        .deliveries()
        .filter((d) => (!eventId || d.eventId === eventId) && (!type || d.eventType === type));
      return sendJson(res, 200, { data });
    }
    case "POST /_emulator/deliveries/idle":
      await webhooks.idle();
      return sendJson(res, 200, { ok: true });
  }
  if (route === "POST /_emulator/rate-limit") {
    const parsed = RateLimit.safeParse(await json(req));
    if (!parsed.success) return sendJson(res, 400, { error: "expected { perSecond: integer ≥ 1 | null }" });
    emulator.rateLimitPerSecond = parsed.data.perSecond;
    return sendJson(res, 200, { perSecond: emulator.rateLimitPerSecond });
  }
  if (route === "GET /_emulator/billing/settings") return sendJson(res, 200, billingState(store).settings);
  if (route === "POST /_emulator/billing/settings") {
    const parsed = Settings.safeParse(await json(req));
    if (!parsed.success) {
      return sendJson(res, 400, {
        error: "expected { retryDays?, afterFinalRetry?, upcomingDays?, trialWillEndDays? }",
      });
    }
    const settings = billingState(store).settings;
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) Object.assign(settings, { [k]: v });
    return sendJson(res, 200, settings);
  }
  const card = /^\/_emulator\/customers\/([^/]+)\/card$/.exec(url.pathname);
  if (req.method === "POST" && card) {
    const parsed = CardChange.safeParse(await json(req));
    const test = parsed.success ? (cardByToken(parsed.data.card) ?? cardByNumber(parsed.data.card)) : undefined;
    if (!test) return sendJson(res, 400, { error: "expected { card: a test card number or pm_card_… token }" });
    const customer = store.get<Stripe.Customer>(decodeURIComponent(card[1] ?? ""));
    if (customer?.object !== "customer") return sendJson(res, 404, { error: "no such customer" });
    return sendJson(
      res,
      200,
      setDefaultCard({ store, events: emulator.events, baseUrl: emulator.url }, customer, test),
    );
  }
  const redeliver = /^\/_emulator\/events\/([^/]+)\/redeliver$/.exec(url.pathname);
  if (req.method === "POST" && redeliver) {
    const event = store.get<Stripe.Event>(decodeURIComponent(redeliver[1] ?? ""));
    if (event?.object !== "event") return sendJson(res, 404, { error: "no such event" });
    return sendJson(res, 200, { endpoints: webhooks.redeliver(event) });
  }
  return sendJson(res, 404, { error: `no emulator route ${route}` });
}

/**
 * Gives a customer a new default card, whatever it does (the attach check is skipped, as if the
 * card had gone bad after it was saved): how a test makes the next renewal fail.
 */
function setDefaultCard(engine: Engine, customer: Stripe.Customer, card: TestCard): Stripe.PaymentMethod {
  const pm = createCardPaymentMethod(engine.store, card);
  pm.customer = customer.id;
  const before = structuredClone(customer);
  customer.invoice_settings.default_payment_method = pm.id;
  engine.events.emit("customer.updated", customer, { previous: before });
  for (const sub of engine.store.all<Stripe.Subscription>("subscription")) {
    if (sub.customer === customer.id && sub.default_payment_method) sub.default_payment_method = pm.id;
  }
  return pm;
}
