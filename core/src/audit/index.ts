export { canonicalEvent, canonicalJson, chainHash, GENESIS_HASH, sanitizeSnapshot } from "./canonical";
export { type AuditAction, type AuditCtx, type AuditEventInput, emitAudit } from "./emit";
export { type AuditFilter, AuditFilterSchema, exportAuditEvents } from "./export";
export { type ChainCoverage, type ChainVerdict, verifyAuditChain } from "./verify";
