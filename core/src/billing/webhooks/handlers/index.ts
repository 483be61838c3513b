import type { EventHandler } from "../types";
import { onCheckoutSessionCompleted } from "./on-checkout-session-completed";
import { onInvoicePaid } from "./on-invoice-paid";
import { onInvoicePaymentFailed } from "./on-invoice-payment-failed";
import { onInvoiceUpcoming } from "./on-invoice-upcoming";
import { onSubscriptionCreated } from "./on-subscription-created";
import { onSubscriptionDeleted } from "./on-subscription-deleted";
import { onSubscriptionUpdated } from "./on-subscription-updated";
import { onTrialWillEndEvent } from "./on-trial-will-end";

/** Every event type billing acts on, by type; anything else Stripe sends is recorded as ignored. */
export const HANDLERS: ReadonlyMap<string, EventHandler> = new Map(
  [
    onCheckoutSessionCompleted,
    onSubscriptionCreated,
    onSubscriptionUpdated,
    onSubscriptionDeleted,
    onTrialWillEndEvent,
    onInvoicePaid,
    onInvoicePaymentFailed,
    onInvoiceUpcoming,
  ].map((h) => [h.type, h]),
);
