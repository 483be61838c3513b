// Metered usage (issue 10.7): the ledger product actions write, and its reporting to Stripe meters.

export { getUsageOverview, type MeterUsage, type UsageOverview, type UsagePeriod, usagePeriod } from "./overview";
export { type RecordUsageInput, recordUsage, unreportedQuantity } from "./record";
export {
  isDuplicateIdentifier,
  reportTenantUsage,
  reportUsage,
  type UsageReporterDeps,
  type UsageReportOutcome,
} from "./report";
