export { FailureInjector, type FailureRule, FailureSpec } from "../shared/failures";
