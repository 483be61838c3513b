export { type CardBehaviour, TEST_CARDS, type TestCard } from "./cards";
export { StripeApiError, type StripeErrorBody, stripeErrors } from "./errors";
export { parseForm } from "./form";
export {
  EMULATED_API_VERSION,
  type StripeEmulator,
  type StripeEmulatorOptions,
  type StripeRequestRecord,
  startStripeEmulator,
} from "./server";
export { StripeStore } from "./store";
export {
  type Delivery,
  type DeliverySettings,
  signPayload,
  type WebhookEndpointConfig,
  type WebhookOptions,
} from "./webhooks";
