import type { AppAbility, StaffAbility } from "./authz/ability";
import type { Database } from "./db/client";
import type { TenantStatus } from "./db/schema/tenants";

/** Who is acting. Every audit event records one of these. */
export type Actor =
  | { type: "user"; userId: string; membershipId: string | null }
  | { type: "apiKey"; keyId: string }
  | { type: "staff"; staffId: string }
  | { type: "system"; process: string }
  | { type: "webhook"; vendor: string; eventId: string };

export function actorId(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return actor.userId;
    case "apiKey":
      return actor.keyId;
    case "staff":
      return actor.staffId;
    case "system":
      return actor.process;
    case "webhook":
      return `${actor.vendor}:${actor.eventId}`;
  }
}

export interface TenantRef {
  id: string;
  slug: string;
  status: TenantStatus;
  plan: string;
}

/** What a request knows about itself; recorded on audit events. */
export interface RequestMeta {
  requestId: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** Context of a verb acting inside one tenant. The tenant comes from the host or the key, never the client. */
export interface TenantCtx extends RequestMeta {
  tenant: TenantRef;
  actor: Actor;
  ability: AppAbility;
  database: Database;
}

/** Context of a platform verb (staff console, provisioning worker). */
export interface PlatformCtx extends RequestMeta {
  actor: Extract<Actor, { type: "staff" } | { type: "system" }>;
  ability: StaffAbility;
  database: Database;
}
