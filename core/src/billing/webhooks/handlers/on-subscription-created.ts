import { subscriptionEvent } from "./subscription-event";

/** `customer.subscription.created`: a subscription began (checkout, provisioning, staff). */
export const onSubscriptionCreated = subscriptionEvent("customer.subscription.created");
