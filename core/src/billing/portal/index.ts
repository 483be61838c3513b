// The billing console's verbs (issue 10, item 4): each checks its permission first and audits its change.
export { cancelSubscription, resumeSubscription } from "./cancel";
export {
  type ChangePreview,
  ChangeSubscriptionInput,
  changeSubscription,
  describe as describeSelection,
  type PreviewLine,
  previewSubscriptionChange,
  SubscriptionTarget,
} from "./change";
export { StartCheckoutInput, startCheckout } from "./checkout";
export type { BillingDeps, ReturnUrl } from "./deps";
export {
  type BillingOverview,
  type CardOnFile,
  getBillingOverview,
  type UpcomingInvoice,
  type UpcomingLine,
} from "./overview";
export { openPaymentMethodPortal } from "./payment-method";
export { isDowngrade, type PlanSelection, SELF_SERVE_PLANS, type SelfServePlan } from "./plan-state";
export { type SeatSyncResult, syncSubscriptionSeats } from "./seats";
export { STRIPE_UNAVAILABLE } from "./stripe-errors";
