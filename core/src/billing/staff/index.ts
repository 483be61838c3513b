/** Staff billing (issue 10.8): the tenant billing panel, the revenue overview and the staff billing verbs. */

export { COMP_COUPON_ID, compSubscription, removeComp } from "./comp";
export { CREDIT_NOTE_REASONS, recordCreditNote } from "./credit-note";
export { extendTenantGrace, GRACE_EXTENSIONS } from "./extend-grace";
export { formatCount, formatMoney, formatRate, toMajorUnits, toMinorUnits } from "./format";
export {
  CREDITABLE,
  creditableCents,
  getTenantBilling,
  type PaymentMethodSummary,
  paymentMethodSummary,
  type TenantBilling,
} from "./panel";
export {
  CHURN_WINDOW_DAYS,
  getRevenueOverview,
  type PastDueAccount,
  type PlanRevenue,
  type RevenueOverview,
  type RevenueTotals,
} from "./revenue";
