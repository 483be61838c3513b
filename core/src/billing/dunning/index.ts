// Dunning (issue 10.6): the state machine over tenants.dunning_state and what drives it.

export { type DunningBanner, dunningBanner } from "./banner";
export { type DunningEnv, dunningEnv } from "./env";
export { extendGrace } from "./extend-grace";
export {
  DUNNING_STATES,
  type DunningAction,
  type DunningInput,
  type DunningPolicy,
  type DunningSnapshot,
  type DunningStateValue,
  type DunningTransition,
  daysLeft,
  dueTransitions,
  nextDunning,
} from "./machine";
export { billingContacts, billingLink } from "./notify";
export { type DunningInvoice, onPaymentFailed, onPaymentSucceeded } from "./payments";
export { advanceDunning, type DunningProgress } from "./progress";
export { type DunningOptions, type DunningOutcome, dunningPolicy } from "./store";
export { syncDunningFromSubscription } from "./sync";
export { onTrialWillEnd, type TrialSubscription } from "./trial";
