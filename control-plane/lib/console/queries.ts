import "server-only";
import { SYSTEM_ROLE_KEYS } from "@mw/core/authz";
import { readTenant, schema, type TenantTx, withTenant } from "@mw/core/db";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { controlDb } from "../db";

// Console reads. Each names the tenant in its WHERE clause even though RLS would filter anyway:
// the tenant id always comes from the signed-in session, never from the request.

const { users, memberships, membershipRoles, roles, invitations, themes, domains, sessions } = schema;

export interface RoleSummary {
  id: string;
  key: string;
  name: string;
  description: string;
  isSystem: boolean;
  grants: string[];
  holders: number;
}

export async function listRoles(tenantId: string): Promise<RoleSummary[]> {
  const rows = await readTenant(controlDb(), tenantId, (tx) =>
    tx
      .select({
        id: roles.id,
        key: roles.key,
        name: roles.name,
        description: roles.description,
        isSystem: roles.isSystem,
        grants: roles.grants,
        holders: count(membershipRoles.membershipId),
      })
      .from(roles)
      .leftJoin(
        membershipRoles,
        and(eq(membershipRoles.tenantId, roles.tenantId), eq(membershipRoles.roleId, roles.id)),
      )
      .where(eq(roles.tenantId, tenantId))
      .groupBy(roles.id),
  );
  // System roles in their canonical order (owner first, as pickers read most-powerful-first;
  // they are seeded in one transaction, so their timestamps say nothing), then custom roles by name.
  const rank = (r: RoleSummary) => (r.isSystem ? (SYSTEM_ROLE_KEYS as readonly string[]).indexOf(r.key) : 100);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export async function getRole(tenantId: string, roleId: string): Promise<RoleSummary | null> {
  return (await listRoles(tenantId)).find((r) => r.id === roleId) ?? null;
}

export interface MemberRow {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  status: "active" | "suspended";
  joinedAt: Date;
  /**
   * When the member was last active (site or console): the newest `last_seen_at` of their sessions,
   * which requests refresh at most every few minutes (sessions/touch.ts). Null if never signed in.
   */
  lastSeenAt: Date | null;
  roles: { key: string; name: string }[];
}

export async function listMembers(tenantId: string): Promise<MemberRow[]> {
  const rows = await readTenant(controlDb(), tenantId, (tx) =>
    tx
      .select({
        membershipId: memberships.id,
        userId: users.id,
        email: users.email,
        name: users.name,
        status: memberships.status,
        joinedAt: memberships.createdAt,
        // Every sign-in writes a session row and every use refreshes its last_seen_at (throttled):
        // the newest across the member's sessions is when they were last seen.
        lastSeenAt: sql<Date | null>`(select max(${sessions.lastSeenAt}) from ${sessions}
          where ${sessions.tenantId} = ${memberships.tenantId} and ${sessions.membershipId} = ${memberships.id})`.mapWith(
          sessions.lastSeenAt,
        ),
        roleKey: roles.key,
        roleName: roles.name,
      })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .leftJoin(
        membershipRoles,
        and(eq(membershipRoles.tenantId, memberships.tenantId), eq(membershipRoles.membershipId, memberships.id)),
      )
      .leftJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
      .where(eq(memberships.tenantId, tenantId))
      .orderBy(asc(memberships.createdAt), asc(roles.name)),
  );
  const byId = new Map<string, MemberRow>();
  for (const r of rows) {
    let m = byId.get(r.membershipId);
    if (!m) {
      m = { ...r, roles: [] };
      byId.set(r.membershipId, m);
    }
    if (r.roleKey && r.roleName) m.roles.push({ key: r.roleKey, name: r.roleName });
  }
  return [...byId.values()];
}

export interface PendingInvitation {
  id: string;
  email: string;
  roleKeys: string[];
  invitedBy: string;
  invitedByEmail: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export async function listPendingInvitations(tenantId: string): Promise<PendingInvitation[]> {
  return readTenant(controlDb(), tenantId, (tx) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        roleKeys: invitations.roleKeys,
        invitedBy: invitations.invitedBy,
        invitedByEmail: users.email,
        expiresAt: invitations.expiresAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .leftJoin(users, and(eq(users.tenantId, invitations.tenantId), eq(users.id, invitations.invitedBy)))
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.status, "pending")))
      .orderBy(desc(invitations.createdAt)),
  );
}

export interface ThemeVersion {
  id: string;
  version: number;
  status: "draft" | "published" | "archived";
  tokens: unknown;
  publishedAt: Date | null;
  restoredFrom: number | null;
  createdAt: Date;
  createdBy: string;
}

/** Newest first; the editor needs the draft and the published tokens, the history the rest. */
export async function listThemeVersions(tenantId: string, limit = 50): Promise<ThemeVersion[]> {
  return readTenant(controlDb(), tenantId, (tx) =>
    tx
      .select({
        id: themes.id,
        version: themes.version,
        status: themes.status,
        tokens: themes.tokens,
        publishedAt: themes.publishedAt,
        restoredFrom: themes.restoredFrom,
        createdAt: themes.createdAt,
        createdBy: themes.createdBy,
      })
      .from(themes)
      .where(eq(themes.tenantId, tenantId))
      .orderBy(desc(themes.version))
      .limit(limit),
  );
}

export interface Overview {
  members: number;
  pendingInvitations: number;
  customRoles: number;
  primaryHost: string | null;
  publishedThemeVersion: number | null;
  hasDraft: boolean;
}

export async function overview(tenantId: string): Promise<Overview> {
  return withTenant(controlDb(), tenantId, async (tx) => {
    const [m] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
    const [i] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.status, "pending")));
    const [r] = await tx
      .select({ n: count() })
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.isSystem, false)));
    const t = await tx
      .select({ version: themes.version, status: themes.status })
      .from(themes)
      .where(eq(themes.tenantId, tenantId))
      .orderBy(desc(themes.version))
      .limit(2);
    return {
      members: m?.n ?? 0,
      pendingInvitations: i?.n ?? 0,
      customRoles: r?.n ?? 0,
      primaryHost: await primaryHostIn(tx, tenantId),
      publishedThemeVersion: t.find((x) => x.status === "published")?.version ?? null,
      hasDraft: t.some((x) => x.status === "draft"),
    };
  });
}

async function primaryHostIn(tx: TenantTx, tenantId: string): Promise<string | null> {
  const [d] = await tx
    .select({ hostname: domains.hostname })
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.isPrimary, true), eq(domains.status, "verified")));
  return d?.hostname ?? null;
}

/** The verified primary host, if any (what the runtime's resolver serves the tenant under first). */
export async function primaryHost(tenantId: string): Promise<string | null> {
  return withTenant(controlDb(), tenantId, (tx) => primaryHostIn(tx, tenantId));
}
