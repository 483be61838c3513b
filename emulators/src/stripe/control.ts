import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { z } from "zod";
import { type FailureInjector, FailureSpec } from "../shared/failures";
import { readBody, sendJson } from "../shared/http";
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
      return sendJson(res, 200, { settings: webhooks.settings, endpoints: webhooks.endpoints() });
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
  const redeliver = /^\/_emulator\/events\/([^/]+)\/redeliver$/.exec(url.pathname);
  if (req.method === "POST" && redeliver) {
    const event = store.get<Stripe.Event>(decodeURIComponent(redeliver[1] ?? ""));
    if (event?.object !== "event") return sendJson(res, 404, { error: "no such event" });
    return sendJson(res, 200, { endpoints: webhooks.redeliver(event) });
  }
  return sendJson(res, 404, { error: `no emulator route ${route}` });
}
