export { listSecurityEvents, lockRecorder, type SecurityEventView, unlockSignIn } from "./events";
export { guardTokenRedeem } from "./guard";
export { authThrottle } from "./instance";
export {
  AUTH_POLICIES,
  clientBucket,
  describeWait,
  type LimitRule,
  limiterKeys,
  lockSecondsAfter,
  type PathPolicy,
  retryMessage,
} from "./policy";
export { type LimiterStore, memoryStore, postgresStore, redisStore } from "./store";
export {
  type Attempt,
  AuthThrottle,
  type LockEvent,
  type LockSink,
  type ThrottleSubject,
  tooManyAttempts,
} from "./throttle";
