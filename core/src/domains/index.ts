// Custom domains: one verb per file; transports and the provisioning worker import them from here.
export { AddCustomDomainInput, addCustomDomain } from "./add";
export { applyVendorState, restorePlatformPrimary } from "./apply";
export { assertHostnameAvailable, type HostnameClaim, liveClaims, unavailableReason } from "./availability";
export { HostingUnavailableError, hostingFailure } from "./errors";
export { type HostnameCheck, validateCustomHostname } from "./hostname";
export { listDomains } from "./list";
export { DomainIdInput, getLiveDomainOrThrow } from "./queries";
export { type ReconcileOptions, type ReconcileSummary, reconcileDomains } from "./reconcile";
export { RemoveCustomDomainInput, removeCustomDomain } from "./remove";
export { SetPrimaryDomainInput, setPrimaryDomain } from "./set-primary";
export {
  addIdempotencyKey,
  MISCONFIGURED_GRACE_MS,
  readDnsConfig,
  StoredDnsConfig,
  verifyAtVendor,
} from "./state";
export { type DomainEvent, type DomainTransition, type LapseReason, nextDomainState } from "./transition";
export { VerifyCustomDomainInput, verifyCustomDomain } from "./verify";
