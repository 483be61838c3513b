import { subscriptionEvent } from "./subscription-event";

/**
 * `customer.subscription.deleted`: the subscription ended. The sync finds it canceled (or a newer
 * one that replaced it) and the tenant goes to Free — unless it already has a live subscription.
 */
export const onSubscriptionDeleted = subscriptionEvent("customer.subscription.deleted");
