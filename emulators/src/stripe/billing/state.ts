import type { StripeStore } from "../store";

/** How the emulated account bills, as Stripe's dashboard settings would say. */
export interface BillingSettings {
  /**
   * Smart Retries, simplified: after a renewal fails, retry this many days after the first failure
   * (each entry one retry). Default: 3 retries over 7 days.
   */
  retryDays: number[];
  /** When the last retry fails: Stripe's "cancel the subscription", "mark it unpaid" or "leave it past due". */
  afterFinalRetry: "cancel" | "unpaid" | "past_due";
  /** `invoice.upcoming` this many days before a renewal. */
  upcomingDays: number;
  /** `customer.subscription.trial_will_end` this many days before a trial ends. */
  trialWillEndDays: number;
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  retryDays: [3, 5, 7],
  afterFinalRetry: "unpaid",
  upcomingDays: 3,
  trialWillEndDays: 3,
};

/** A pending proration, billed on the subscription's next invoice (Stripe's pending invoice items). */
export interface PendingLine {
  id: string;
  amount: number;
  description: string;
  priceId: string;
  quantity: number;
  subscriptionItem: string;
  period: { start: number; end: number };
}

/** What Stripe tracks about a subscription that its API object does not show. */
export interface SubscriptionState {
  /** The invoice being retried after a failed renewal, and when. */
  retry: { invoiceId: string; firstFailedAt: number; retriesDone: number; nextAt: number } | null;
  /** The period end an `invoice.upcoming` was sent for. */
  upcomingSentFor: number | null;
  trialWillEndSent: boolean;
  pending: PendingLine[];
}

export interface BillingState {
  settings: BillingSettings;
  subscriptions: Map<string, SubscriptionState>;
  invoiceSequence: Map<string, number>;
}

export function billingState(store: StripeStore): BillingState {
  return store.side<BillingState>("billing", () => ({
    settings: { ...DEFAULT_BILLING_SETTINGS },
    subscriptions: new Map(),
    invoiceSequence: new Map(),
  }));
}

export function subscriptionState(store: StripeStore, id: string): SubscriptionState {
  const all = billingState(store).subscriptions;
  let s = all.get(id);
  if (!s) {
    s = { retry: null, upcomingSentFor: null, trialWillEndSent: false, pending: [] };
    all.set(id, s);
  }
  return s;
}
