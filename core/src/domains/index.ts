// Custom domains: one verb per file; transports and the provisioning worker import them from here.
export { AddCustomDomainInput, addCustomDomain } from "./add";
export { applyVendorState, restorePlatformPrimary } from "./apply";
export {
  assertHostnameAvailable,
  type HostnameClaim,
  liveClaims,
  rivalClaims,
  unavailableReason,
} from "./availability";
export { type CheckOutcome, recordDomainCheck } from "./check";
export { HostingUnavailableError, hostingFailure } from "./errors";
export { type HostnameCheck, validateCustomHostname } from "./hostname";
export { listDomains, listReleasedClaims } from "./list";
export {
  hasOwnershipProof,
  newOwnershipToken,
  OWNERSHIP_RECORD_LABEL,
  ownershipRecord,
  ownershipRecordName,
} from "./ownership";
export { DomainIdInput, getLiveDomainOrThrow } from "./queries";
export { type ReconcileOptions, type ReconcileSummary, reconcileDomains } from "./reconcile";
export { claimExpiresAt, claimTtlMs, type ReleaseReason, releaseClaim } from "./release";
export { RemoveCustomDomainInput, removeCustomDomain } from "./remove";
export { SetPrimaryDomainInput, setPrimaryDomain } from "./set-primary";
export {
  addIdempotencyKey,
  MISCONFIGURED_GRACE_MS,
  readDnsConfig,
  StoredDnsConfig,
  verifyAtVendor,
} from "./state";
export {
  type DomainEvent,
  type DomainTransition,
  type LapseReason,
  nextDomainState,
  type OwnershipCheck,
} from "./transition";
export { VerifyCustomDomainInput, verifyCustomDomain } from "./verify";
