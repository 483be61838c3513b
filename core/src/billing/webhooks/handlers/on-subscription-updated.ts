import { subscriptionEvent } from "./subscription-event";

/** `customer.subscription.updated`: plan, add-ons, seats, status, cancel at period end… changed. */
export const onSubscriptionUpdated = subscriptionEvent("customer.subscription.updated");
