import { Stripe } from "../../adapters/stripe";
import type { Database } from "../../db/client";
import { DomainError } from "../../errors";

/** A delivery whose signature does not verify (or is missing): answered 400, nothing stored. */
export class WebhookSignatureError extends DomainError {
  readonly code = "invalid_signature";
  readonly status = 400;
}

/** Largest webhook body accepted. Stripe's events are a few KiB; an invoice with many lines stays far below. */
export const MAX_WEBHOOK_BODY_BYTES = 512 * 1024;

export class WebhookBodyTooLargeError extends DomainError {
  readonly code = "body_too_large";
  readonly status = 413;
}

/**
 * Reads a request body as the exact bytes sent (the signature covers them), refusing it once it
 * passes `limit` — also when it came without a Content-Length, so a lying or missing length cannot
 * make us buffer more.
 */
export async function readRawBody(body: ReadableStream<Uint8Array> | null, limit = MAX_WEBHOOK_BODY_BYTES) {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new WebhookBodyTooLargeError(`The request body is too large: at most ${limit / 1024} KiB is accepted.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface ReceivedEvent {
  eventId: string;
  type: string;
  /** False when the event was already in the inbox (a redelivery): nothing new was stored. */
  stored: boolean;
  /** Whether its processing job was queued in the same transaction (false: no worker schema yet; the sweep will). */
  scheduled: boolean;
}

/**
 * The webhook intake: verify the `Stripe-Signature` on the raw body with the SDK, then store the
 * event in the inbox (its id is the key, so a redelivery is absorbed) and queue its processing job
 * in the same transaction. Nothing is fetched or decided here: the job re-fetches from Stripe.
 */
export async function receiveStripeEvent(
  deps: { database: Database; webhookSecret: string },
  delivery: { rawBody: string; signature: string | null },
): Promise<ReceivedEvent> {
  if (!delivery.signature) throw new WebhookSignatureError("The Stripe-Signature header is missing.");
  let event: Stripe.Event;
  try {
    event = await Stripe.webhooks.constructEventAsync(delivery.rawBody, delivery.signature, deps.webhookSecret);
  } catch {
    // The SDK's message says which part failed; the sender learns only that it did not verify.
    throw new WebhookSignatureError("The Stripe-Signature does not verify for this body.");
  }
  const object = event.data?.object as { id?: unknown } | undefined;
  const objectId = typeof object?.id === "string" ? object.id : null;
  return deps.database.sql.begin(async (sql) => {
    const inserted = await sql<{ id: string }[]>`
      insert into stripe_events (id, type, livemode, object_id, stripe_created_at, payload)
      values (${event.id}, ${event.type}, ${event.livemode}, ${objectId}, to_timestamp(${event.created}),
              ${delivery.rawBody}::jsonb)
      on conflict (id) do nothing
      returning id`;
    if (inserted.length === 0) return { eventId: event.id, type: event.type, stored: false, scheduled: false };
    const [row] = await sql<{ scheduled: boolean }[]>`select mw_schedule_stripe_event(${event.id}) as scheduled`;
    return { eventId: event.id, type: event.type, stored: true, scheduled: row?.scheduled === true };
  });
}
