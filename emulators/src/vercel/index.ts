export { DnsZone, handleDohQuery } from "../dns/zone";
export { apexOf, isValidDomainName } from "./apex";
export { injectedError as injectedVercelError, VercelApiError, type VercelErrorBody, vercelErrors } from "./errors";
export { FailureSpec as VercelFailureSpec } from "./failures";
export {
  type EmulatedRequest,
  startVercelEmulator,
  type VercelEmulator,
  type VercelEmulatorOptions,
} from "./server";
export {
  type DnsState,
  type EmulatedProjectDomain,
  toDomainConfig,
  toProjectDomain,
  toVerifiedDomain,
  txtRecordName,
  txtRecordValue,
  VERCEL_A_RECORD,
  VERCEL_CNAME_TARGET,
  VercelDomainStore,
} from "./store";
