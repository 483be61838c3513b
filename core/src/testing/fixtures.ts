import { expect } from "vitest";
import { buildMemberAbility, buildStaffAbility } from "../authz/ability";
import { SYSTEM_ROLES } from "../authz/system-roles";
import type { PlatformCtx, TenantCtx, TenantRef } from "../context";
import type { Database } from "../db/client";
import { newId } from "../ids";
import { acceptInvitation } from "../invitations/accept";
import { inviteMember } from "../invitations/create";
import { loadMemberAccess } from "../members/load-ability";
import { createTenant } from "../tenants/create";
import { activateTenant } from "../tenants/lifecycle";
import type { TestDatabase } from "./db";

let counter = 0;
const uniqueSlug = (base: string) => `${base}-${process.pid}-${++counter}`;

export function staffCtx(
  database: Database,
  roles: readonly string[] = ["platform_admin"],
  staffId = newId("staff"),
): PlatformCtx {
  return {
    actor: { type: "staff", staffId },
    ability: buildStaffAbility({ staffId, roles }),
    database,
    requestId: newId("request"),
  };
}

/** The platform acting on a tenant's behalf (provisioning, seed): owner-level, audited as `system`. */
export function systemTenantCtx(database: Database, tenant: TenantRef): TenantCtx {
  const owner = SYSTEM_ROLES.find((r) => r.key === "owner");
  return {
    tenant,
    actor: { type: "system", process: "test" },
    ability: buildMemberAbility({ userId: "system", roles: owner ? [{ key: owner.key, grants: owner.grants }] : [] }),
    database,
    requestId: newId("request"),
  };
}

export interface TenantFixture {
  tenant: TenantRef;
  owner: { userId: string; membershipId: string };
}

/** An active tenant with an owner who accepted their invitation on the tenant's host. */
export async function createTenantFixture(
  db: TestDatabase,
  opts: { slug?: string; plan?: "free" | "pro" | "business" | "enterprise"; name?: string } = {},
): Promise<TenantFixture> {
  const slug = opts.slug ?? uniqueSlug("acme");
  const staff = staffCtx(db.control);
  const row = await createTenant({
    ctx: staff,
    input: { name: opts.name ?? `Tenant ${slug}`, slug, plan: opts.plan ?? "free" },
  });
  await activateTenant({ ctx: staff, input: { tenantId: row.id } });
  const tenant: TenantRef = { id: row.id, slug: row.slug, status: "active", plan: row.plan };
  const owner = await addMember(db, tenant, ["owner"], `owner@${slug}.test`);
  return { tenant, owner };
}

/** A member with these roles, joined the way real members join: invitation, then acceptance. */
export async function addMember(
  db: TestDatabase,
  tenant: TenantRef,
  roleKeys: string[],
  email = `${newId("user").slice(-10)}@member.test`,
): Promise<{ userId: string; membershipId: string }> {
  const { token } = await inviteMember({ ctx: systemTenantCtx(db.control, tenant), input: { email, roleKeys } });
  const { user, membership } = await acceptInvitation({
    ctx: { tenant, database: db.runtime, requestId: newId("request") },
    input: { token, name: email.split("@")[0] ?? "member" },
  });
  return { userId: user.id, membershipId: membership.id };
}

/** The verb context of a signed-in member, with the ability built from their stored roles. */
export async function asUser(
  db: TestDatabase,
  tenant: TenantRef,
  userId: string,
  database: Database = db.control,
): Promise<TenantCtx> {
  const access = await loadMemberAccess(database, tenant.id, userId);
  if (!access) throw new Error(`user ${userId} is not a member of ${tenant.slug}`);
  return {
    tenant,
    actor: { type: "user", userId, membershipId: access.membership.id },
    ability: access.ability,
    database,
    requestId: newId("request"),
    ip: "203.0.113.7",
    userAgent: "vitest",
  };
}

export async function auditEvents(db: TestDatabase, tenantId: string) {
  return db.owner.sql<
    {
      seq: string;
      action: string;
      actor_type: string;
      actor_id: string;
      target_id: string;
      before: unknown;
      after: unknown;
    }[]
  >`
    select seq, action, actor_type, actor_id, target_id, before, after from audit_events where tenant_id = ${tenantId} order by seq`;
}

/** Asserts the newest audit event of the tenant, the one the verb just wrote in its transaction. */
export async function expectAuditEvent(
  db: TestDatabase,
  tenantId: string,
  expected: { action: string; targetId?: string; actorId?: string; actorType?: string },
) {
  const events = await auditEvents(db, tenantId);
  const last = events.at(-1);
  expect(last, `no audit event for ${expected.action}`).toBeDefined();
  expect(last).toMatchObject({
    action: expected.action,
    ...(expected.targetId ? { target_id: expected.targetId } : {}),
    ...(expected.actorId ? { actor_id: expected.actorId } : {}),
    ...(expected.actorType ? { actor_type: expected.actorType } : {}),
  });
  return last;
}
