export {
  type Check,
  type CheckResult,
  databaseCheck,
  livenessResponse,
  type Readiness,
  readiness,
  readinessResponse,
  vendorCheck,
  workerCheck,
} from "./health";
export { guardMetrics, type MetricsAccess, metricsAccessFromEnv, metricsResponse } from "./http";
export { createLogger, log, setLogService } from "./log";
export { collectProcessMetrics, gaugeFromSource, metrics, recordCacheLookup } from "./metrics";
export {
  annotateRequest,
  currentRequestId,
  observeProxy,
  requestFields,
  withJobFields,
} from "./request-context";
