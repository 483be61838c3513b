import { sql } from "drizzle-orm";
import { type AppAbility, buildMemberAbility } from "../authz/ability";
import { sha256Hex } from "../crypto/tokens";
import { type Database, readTenant } from "../db/client";
import type { SessionKind } from "../db/schema/index";
import { LAST_SEEN_INTERVAL_MINUTES, touchSession } from "./touch";

export interface SessionContext {
  sessionId: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string };
  membershipId: string;
  roleKeys: string[];
  ability: AppAbility;
}

interface Row extends Record<string, unknown> {
  session_id: string;
  expires_at: string;
  user_id: string;
  email: string;
  name: string;
  membership_id: string;
  roles: { key: string; grants: string[] }[];
  seen_due: boolean;
}

/**
 * The request's session, member and ability in ONE round trip (readTenant). Scoped to the host's
 * tenant, so a cookie from another tenant's host finds nothing; revoked or expired sessions and
 * removed or suspended members are refused on the very next request. The session must belong to
 * the membership that exists now: one opened before a removal stays dead after a re-invitation.
 * And it must be of the kind the caller serves: a site session is no console session, and the
 * reverse, whichever cookie it is presented in.
 *
 * The same statement says whether the session's `last_seen_at` is due a refresh; only then (at
 * most once per LAST_SEEN_INTERVAL_MINUTES per session) does a request pay for a write.
 */
export async function getSession(
  database: Database,
  tenantId: string,
  token: string | null | undefined,
  kind: SessionKind,
): Promise<SessionContext | null> {
  if (!token || token.length < 20 || token.length > 200) return null;
  const rows = (await readTenant(database, tenantId, (tx) =>
    tx.execute(sql`
      select s.id as session_id, s.expires_at, u.id as user_id, u.email, u.name, m.id as membership_id,
             s.last_seen_at < now() - make_interval(mins => ${LAST_SEEN_INTERVAL_MINUTES}) as seen_due,
             coalesce((select json_agg(json_build_object('key', r.key, 'grants', r.grants))
                         from membership_roles mr
                         join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id
                        where mr.tenant_id = s.tenant_id and mr.membership_id = m.id), '[]'::json) as roles
        from sessions s
        join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
        join memberships m on m.tenant_id = s.tenant_id and m.id = s.membership_id and m.user_id = u.id
                          and m.status = 'active'
       where s.tenant_id = ${tenantId} and s.token_hash = ${sha256Hex(token)} and s.kind = ${kind}
         and s.revoked_at is null and s.expires_at > now()`),
  )) as unknown as Row[];
  const r = rows[0];
  if (!r) return null;
  if (r.seen_due) await touchSession(database, tenantId, r.session_id);
  const roles = typeof r.roles === "string" ? (JSON.parse(r.roles) as Row["roles"]) : r.roles;
  return {
    sessionId: r.session_id,
    expiresAt: new Date(r.expires_at),
    user: { id: r.user_id, email: r.email, name: r.name },
    membershipId: r.membership_id,
    roleKeys: roles.map((x) => x.key).sort(),
    ability: buildMemberAbility({ userId: r.user_id, roles }),
  };
}
