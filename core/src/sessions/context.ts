import type { RequestMeta, TenantRef } from "../context";
import type { Database } from "../db/client";
import type { FeatureSignals } from "../plans/availability";
import type { Entitlements } from "../plans/catalog";

/**
 * Authentication happens on a tenant's host before anyone is signed in: there is no actor or
 * ability yet, only the tenant resolved from the Host header.
 */
export interface AuthCtx extends RequestMeta {
  tenant: TenantRef;
  database: Database;
  entitlements: Entitlements;
  /** The tenant's dunning state (restricted tenants are held to Free's member limit). */
  signals?: FeatureSignals;
}

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
export const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;
