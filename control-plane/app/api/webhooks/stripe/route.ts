// POST /api/webhooks/stripe – Stripe's webhook deliveries: verify, store in the inbox, queue, answer
import {
  MAX_WEBHOOK_BODY_BYTES,
  readRawBody,
  receiveStripeEvent,
  WebhookBodyTooLargeError,
  WebhookSignatureError,
} from "@mw/core/billing";
import { env } from "@mw/core/env";
import { log } from "@mw/core/observability";
import { checkDeclaredLength } from "@mw/core/request-body";
import { controlDb } from "../../../../lib/db";

// Every delivery is new; nothing here may be cached or prerendered.
export const dynamic = "force-dynamic";

const json = (status: number, body: object) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * No session, no origin check and no rate limit: the signature is the authentication, and Stripe
 * retries whatever is not answered 2xx (for days), so refusing a genuine delivery only delays it.
 * The answer comes as soon as the event is stored and its job queued; processing (which re-fetches
 * from Stripe) happens in the worker. A redelivered event is answered 200 like the first.
 */
export async function POST(request: Request) {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    // 503 makes Stripe retry once the endpoint is configured; nothing is lost.
    return json(503, { error: { code: "not_configured", message: "Stripe webhooks are not configured here." } });
  }
  const declared = checkDeclaredLength("POST", request.headers, MAX_WEBHOOK_BODY_BYTES);
  if (declared) return json(declared.status, { error: { code: declared.code, message: declared.message } });
  try {
    const rawBody = await readRawBody(request.body, MAX_WEBHOOK_BODY_BYTES);
    const received = await receiveStripeEvent(
      { database: controlDb(), webhookSecret: secret },
      { rawBody, signature: request.headers.get("stripe-signature") },
    );
    return json(200, { received: true, duplicate: !received.stored });
  } catch (err) {
    if (err instanceof WebhookSignatureError || err instanceof WebhookBodyTooLargeError) {
      log.warn({ component: "stripe-webhook", code: err.code }, err.message);
      return json(err.status, { error: { code: err.code, message: err.message } });
    }
    log.error({ component: "stripe-webhook", err }, "stripe webhook intake failed");
    // Stripe retries a 5xx; the inbox absorbs the redelivery if this one was stored after all.
    return json(500, {
      error: { code: "internal", message: "The event could not be stored; it will be redelivered." },
    });
  }
}
