import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantRef } from "../../context";
import { withTenant } from "../../db/client";
import { memberships, type SessionKind, sessions } from "../../db/schema/index";
import { newId } from "../../ids";
import { acceptInvitation } from "../../invitations/accept";
import { inviteMember } from "../../invitations/create";
import { removeMember } from "../../members/remove";
import { updateMemberRoles } from "../../members/update-roles";
import { computeEntitlements } from "../../plans/catalog";
import { createRole } from "../../roles/create";
import { updateRole } from "../../roles/update";
import { resumeTenant, suspendTenant } from "../../tenants/lifecycle";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import {
  asUser,
  auditEvents,
  createTenantFixture,
  staffCtx,
  systemTenantCtx,
  type TenantFixture,
} from "../../testing/fixtures";
import { getSession } from "../get-session";
import { hashPassword } from "../password";
import { revokeSessionsFor } from "../revoke";
import { signInWithPassword } from "../sign-in";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const PASSWORD = "a long enough password";
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

let client = 0;
const nextIp = () => `198.51.100.${(client++ % 250) + 1}`;

/** Invitation and acceptance with a password, as on the tenant's host. */
async function join(tenant: TenantRef, email: string, roleKeys: string[]) {
  const { token } = await inviteMember({ ctx: systemTenantCtx(db.control, tenant), input: { email, roleKeys } });
  const { user, membership } = await acceptInvitation({
    ctx: { tenant, database: db.runtime, requestId: newId("request") },
    input: { token, name: "Person" },
    passwordHash,
  });
  return { userId: user.id, membershipId: membership.id };
}

async function signIn(tenant: TenantRef, email: string, kind: SessionKind = "site") {
  return signInWithPassword({
    kind,
    ctx: {
      tenant,
      database: db.runtime,
      entitlements: computeEntitlements("business"),
      requestId: newId("request"),
      ip: nextIp(),
    },
    input: { email, password: PASSWORD },
  });
}

async function sessionRow(id: string) {
  const [row] = await db.owner.sql<{ revoked_at: string | null }[]>`select revoked_at from sessions where id = ${id}`;
  return row;
}

async function lastRevocation(tenantId: string) {
  return (await auditEvents(db, tenantId)).filter((e) => e.action === "session.revoke").at(-1);
}

const ownerCtx = (f: TenantFixture) => asUser(db, f.tenant, f.owner.userId);

describe("sessions end with the membership", () => {
  it("removing a member revokes their sessions at once, and a re-invitation does not revive them", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const email = "leaver@example.com";
    const m = await join(f.tenant, email, ["member"]);
    const before = await signIn(f.tenant, email);
    expect(await getSession(db.runtime, f.tenant.id, before.token, "site")).not.toBeNull();

    await removeMember({ ctx: await ownerCtx(f), input: { membershipId: m.membershipId } });
    expect((await sessionRow(before.sessionId))?.revoked_at).not.toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, before.token, "site")).toBeNull();
    expect(await lastRevocation(f.tenant.id)).toMatchObject({
      actor_id: f.owner.userId,
      target_id: m.membershipId,
      after: { reason: "member_removed", count: 1 },
    });

    const again = await join(f.tenant, email, ["member"]);
    expect(again.userId).toBe(m.userId);
    expect(again.membershipId).not.toBe(m.membershipId);
    expect(await getSession(db.runtime, f.tenant.id, before.token, "site")).toBeNull();
    const fresh = await signIn(f.tenant, email);
    expect((await getSession(db.runtime, f.tenant.id, fresh.token, "site"))?.membershipId).toBe(again.membershipId);
  });

  it("a session belongs to its membership: one ended outside the verbs stays dead after a re-invitation", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const email = "deprovisioned@example.com";
    const m = await join(f.tenant, email, ["member"]);
    const before = await signIn(f.tenant, email);
    // As a directory sync or an operator might: the membership row goes, the session row stays live.
    await withTenant(db.control, f.tenant.id, (tx) =>
      tx.delete(memberships).where(and(eq(memberships.tenantId, f.tenant.id), eq(memberships.id, m.membershipId))),
    );
    await join(f.tenant, email, ["member"]);
    expect((await sessionRow(before.sessionId))?.revoked_at).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, before.token, "site")).toBeNull();
  });

  it("a role change that takes the admin console away revokes; one that keeps access does not", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const admin = await join(f.tenant, "admin@example.com", ["admin"]);
    const member = await join(f.tenant, "member@example.com", ["member"]);
    const adminSession = await signIn(f.tenant, "admin@example.com", "console");
    const adminSite = await signIn(f.tenant, "admin@example.com", "site");
    const memberSession = await signIn(f.tenant, "member@example.com");
    const ctx = await ownerCtx(f);

    await updateMemberRoles({ ctx, input: { membershipId: member.membershipId, roleKeys: ["viewer"] } });
    expect((await sessionRow(memberSession.sessionId))?.revoked_at).toBeNull();
    await updateMemberRoles({ ctx, input: { membershipId: admin.membershipId, roleKeys: ["admin", "member"] } });
    expect((await sessionRow(adminSession.sessionId))?.revoked_at).toBeNull();

    await updateMemberRoles({ ctx, input: { membershipId: admin.membershipId, roleKeys: ["member"] } });
    expect((await sessionRow(adminSession.sessionId))?.revoked_at).not.toBeNull();
    expect(await getSession(db.control, f.tenant.id, adminSession.token, "console")).toBeNull();
    // Still a member: the site session stays, only the console's ended.
    expect(await getSession(db.runtime, f.tenant.id, adminSite.token, "site")).not.toBeNull();
    expect(await lastRevocation(f.tenant.id)).toMatchObject({
      target_id: admin.membershipId,
      after: { reason: "console_access_removed", count: 1, kind: "console" },
    });
    // The member action and the revocation are one transaction: both events, in order.
    const actions = (await auditEvents(db, f.tenant.id)).slice(-2).map((e) => e.action);
    expect(actions).toEqual(["member.update", "session.revoke"]);
  });

  it("taking the console's grants out of a custom role revokes its holders' sessions", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const ctx = await ownerCtx(f);
    const role = await createRole({
      ctx,
      input: { key: "designer", name: "Designer", grants: ["theme.read", "theme.update"] },
    });
    const designer = await join(f.tenant, "designer@example.com", ["designer", "viewer"]);
    const s = await signIn(f.tenant, "designer@example.com", "console");
    await updateRole({ ctx, input: { roleId: role.id, name: "Brand designer" } });
    expect((await sessionRow(s.sessionId))?.revoked_at).toBeNull();
    await updateRole({ ctx, input: { roleId: role.id, grants: ["theme.read"] } });
    expect(await getSession(db.control, f.tenant.id, s.token, "console")).toBeNull();
    expect(await lastRevocation(f.tenant.id)).toMatchObject({
      target_id: designer.membershipId,
      after: { reason: "console_access_removed" },
    });
  });

  it("suspending the tenant revokes every session, and resuming does not bring them back", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    await join(f.tenant, "one@example.com", ["member"]);
    await join(f.tenant, "two@example.com", ["admin"]);
    const one = await signIn(f.tenant, "one@example.com");
    const two = await signIn(f.tenant, "two@example.com");
    const other = await createTenantFixture(db, { plan: "business" });
    await join(other.tenant, "elsewhere@example.com", ["member"]);
    const elsewhere = await signIn(other.tenant, "elsewhere@example.com");

    const staff = staffCtx(db.control);
    await suspendTenant({ ctx: staff, input: { tenantId: f.tenant.id, reason: "chargeback" } });
    expect((await sessionRow(one.sessionId))?.revoked_at).not.toBeNull();
    expect((await sessionRow(two.sessionId))?.revoked_at).not.toBeNull();
    expect(await lastRevocation(f.tenant.id)).toMatchObject({
      actor_type: "staff",
      target_id: f.tenant.id,
      after: { reason: "tenant_suspended", count: 2 },
    });
    await resumeTenant({ ctx: staff, input: { tenantId: f.tenant.id } });
    expect(await getSession(db.runtime, f.tenant.id, one.token, "site")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, two.token, "site")).toBeNull();
    expect(await getSession(db.runtime, other.tenant.id, elsewhere.token, "site")).not.toBeNull();
  });

  it("revokeSessionsFor ends one user's sessions in the caller's transaction, and rolls back with it", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const m = await join(f.tenant, "sso@example.com", ["member"]);
    const a = await signIn(f.tenant, "sso@example.com");
    const b = await signIn(f.tenant, "sso@example.com");
    const audit = { actor: { type: "system" as const, process: "scim" }, requestId: newId("request") };
    await expect(
      withTenant(db.control, f.tenant.id, async (tx) => {
        await revokeSessionsFor(tx, audit, { userId: m.userId }, { reason: "deprovisioned" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await getSession(db.runtime, f.tenant.id, a.token, "site")).not.toBeNull();

    const n = await withTenant(db.control, f.tenant.id, (tx) =>
      revokeSessionsFor(tx, audit, { userId: m.userId }, { reason: "deprovisioned" }),
    );
    expect(n).toBe(2);
    expect(await getSession(db.runtime, f.tenant.id, a.token, "site")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, b.token, "site")).toBeNull();
    expect(await lastRevocation(f.tenant.id)).toMatchObject({
      actor_type: "system",
      target_id: m.userId,
      after: { reason: "deprovisioned", count: 2 },
    });
    const rows = await db.owner.db.select().from(sessions).where(eq(sessions.userId, m.userId));
    expect(rows.every((r) => r.membershipId === m.membershipId)).toBe(true);
  });
});
