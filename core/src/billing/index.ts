// Billing (issue 10): the subscription sync, the webhook inbox and its processing, the reconcile.
export { invoiceCustomerId, invoiceRow, invoiceSubscriptionId, upsertInvoice } from "./invoices";
export { type ReconcileReport, reconcileBilling } from "./reconcile";
export {
  ENTITLED_STATUSES,
  EntitlementOverridesSchema,
  isEntitledStatus,
  isLiveStatus,
  LIVE_STATUSES,
  type PaymentMethodDisplay,
  pickCurrentSubscription,
  readOverrides,
  type SubscriptionState,
  subscriptionState,
} from "./subscription-state";
export { type ApplyOptions, type ApplyResult, applyStripeSubscription } from "./subscription-sync";
export { HANDLERS } from "./webhooks/handlers/index";
export {
  MAX_WEBHOOK_BODY_BYTES,
  type ReceivedEvent,
  readRawBody,
  receiveStripeEvent,
  WebhookBodyTooLargeError,
  WebhookSignatureError,
} from "./webhooks/intake";
export {
  isRetryableProcessingError,
  type JobAttempt,
  type ProcessDeps,
  type ProcessOutcome,
  processStripeEvent,
  RetryableEventError,
} from "./webhooks/process";
export {
  ListTenantEventsInput,
  listTenantStripeEvents,
  ReplayEventInput,
  replayStripeEvent,
  type TenantEventView,
} from "./webhooks/staff";
export { fetchCurrentSubscription, SUBSCRIPTION_EXPAND, syncCustomer } from "./webhooks/sync-customer";
