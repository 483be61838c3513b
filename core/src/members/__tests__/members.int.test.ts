import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { newId } from "../../ids";
import { acceptInvitation } from "../../invitations/accept";
import { inviteMember } from "../../invitations/create";
import { revokeInvitation } from "../../invitations/revoke";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import { loadMemberAccess } from "../load-ability";
import { removeMember } from "../remove";
import { updateMemberRoles } from "../update-roles";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const accept = (tenant: Parameters<typeof acceptInvitation>[0]["ctx"]["tenant"], token: string, name = "New Person") =>
  acceptInvitation({ ctx: { tenant, database: db.runtime, requestId: newId("request") }, input: { token, name } });

describe("invitations", () => {
  it("invites by e-mail and the invitee joins with the offered roles, both audited", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const { invitation, token } = await inviteMember({
      ctx,
      input: { email: "  New@Example.COM ", roleKeys: ["member"] },
    });
    expect(invitation).toMatchObject({ email: "new@example.com", roleKeys: ["member"], status: "pending" });
    expect(invitation.tokenHash).not.toContain(token);
    const events = await auditEvents(db, f.tenant.id);
    expect(JSON.stringify(events.at(-1))).not.toContain(token);
    await expectAuditEvent(db, f.tenant.id, {
      action: "invitation.create",
      targetId: invitation.id,
      actorId: f.owner.userId,
    });

    const joined = await accept(f.tenant, token);
    expect(joined.roleKeys).toEqual(["member"]);
    await expectAuditEvent(db, f.tenant.id, { action: "invitation.accept", actorId: joined.user.id });
    const access = await loadMemberAccess(db.control, f.tenant.id, joined.user.id);
    expect(access?.ability.can("create", "Artist")).toBe(true);
    await expect(accept(f.tenant, token)).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it("points the welcome e-mail at the admin console only for roles that open it", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const consoleLink = `http://localhost:3000/console/sign-in?org=${f.tenant.slug}`;
    const payloads: Record<string, unknown> = {};
    for (const role of ["admin", "member", "billing_manager"]) {
      const { token } = await inviteMember({ ctx, input: { email: `${role}@welcome.test`, roleKeys: [role] } });
      const joined = await acceptInvitation({
        ctx: { tenant: f.tenant, database: db.runtime, requestId: newId("request") },
        input: { token, name: role },
        welcomeLink: "http://site.localhost:3001/artists",
        consoleLink,
      });
      const [mail] = await db.owner.sql<{ template: string; payload: unknown }[]>`
        select template, payload from email_outbox where idempotency_key = ${`welcome:${joined.membership.id}`}`;
      expect(mail?.template).toBe("welcome");
      payloads[role] = mail?.payload;
    }
    expect(payloads.admin).toEqual({ link: "http://site.localhost:3001/artists", consoleLink });
    expect(payloads.member).toEqual({ link: "http://site.localhost:3001/artists" });
    // A billing manager reads nothing on the site: the e-mail opens the console, not a 403.
    expect(payloads.billing_manager).toEqual({ link: consoleLink });
  });

  it("refuses a second pending invitation and inviting an existing member", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    await inviteMember({ ctx, input: { email: "twice@example.com", roleKeys: ["viewer"] } });
    await expect(
      inviteMember({ ctx, input: { email: "twice@example.com", roleKeys: ["viewer"] } }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      inviteMember({ ctx, input: { email: `owner@${f.tenant.slug}.test`, roleKeys: ["viewer"] } }),
    ).rejects.toThrow(/already a member/);
  });

  it("gives field-level errors and writes nothing", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const err = await inviteMember({ ctx, input: { email: "not-an-email", roleKeys: [] } }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toMatchObject({
      email: ["enter a valid e-mail address"],
      roleKeys: ["choose at least one role"],
    });
    const unknown = await inviteMember({ ctx, input: { email: "a@b.co", roleKeys: ["wizard"] } }).catch((e) => e);
    expect(unknown.fields.roleKeys[0]).toMatch(/unknown role: wizard/);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("revokes: a revoked link no longer works", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const { invitation, token } = await inviteMember({
      ctx,
      input: { email: "gone@example.com", roleKeys: ["viewer"] },
    });
    await revokeInvitation({ ctx, input: { invitationId: invitation.id } });
    await expectAuditEvent(db, f.tenant.id, { action: "invitation.revoke", targetId: invitation.id });
    await expect(accept(f.tenant, token)).rejects.toThrow(/already revoked/);
  });

  it("rejects an unauthorized actor, and nobody invites into a role stronger than their own", async () => {
    const f = await createTenantFixture(db);
    const viewer = await addMember(db, f.tenant, ["viewer"]);
    await expect(
      inviteMember({
        ctx: await asUser(db, f.tenant, viewer.userId),
        input: { email: "x@y.co", roleKeys: ["viewer"] },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await addMember(db, f.tenant, ["admin"]);
    await expect(
      inviteMember({ ctx: await asUser(db, f.tenant, admin.userId), input: { email: "x@y.co", roleKeys: ["owner"] } }),
    ).rejects.toThrow(/billing\.manage/);
  });

  it("cannot touch another tenant: a token only works on its own tenant's host", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const { invitation, token } = await inviteMember({
      ctx: await asUser(db, a.tenant, a.owner.userId),
      input: { email: "cross@example.com", roleKeys: ["admin"] },
    });
    await expect(accept(b.tenant, token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      revokeInvitation({ ctx: await asUser(db, b.tenant, b.owner.userId), input: { invitationId: invitation.id } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await accept(a.tenant, token); // still valid where it belongs
  });
});

describe("member roles and removal", () => {
  it("changes a member's roles and removes them, audited", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const m = await addMember(db, f.tenant, ["viewer"]);
    const r = await updateMemberRoles({
      ctx,
      input: { membershipId: m.membershipId, roleKeys: ["member", "billing_manager"] },
    });
    expect(r.roleKeys).toEqual(["billing_manager", "member"]);
    const ev = await expectAuditEvent(db, f.tenant.id, { action: "member.update", targetId: m.membershipId });
    expect(ev?.before).toEqual({ roleKeys: ["viewer"] });
    expect((await loadMemberAccess(db.control, f.tenant.id, m.userId))?.ability.can("manage", "Billing")).toBe(true);
    await removeMember({ ctx, input: { membershipId: m.membershipId } });
    await expectAuditEvent(db, f.tenant.id, { action: "member.remove", targetId: m.membershipId });
    expect(await loadMemberAccess(db.control, f.tenant.id, m.userId)).toBeNull();
  });

  it("protects the last owner and stops admins from demoting owners", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    await expect(
      updateMemberRoles({ ctx, input: { membershipId: f.owner.membershipId, roleKeys: ["admin"] } }),
    ).rejects.toThrow(/last owner/);
    await expect(removeMember({ ctx, input: { membershipId: f.owner.membershipId } })).rejects.toThrow(/last owner/);
    const admin = await addMember(db, f.tenant, ["admin"]);
    const actx = await asUser(db, f.tenant, admin.userId);
    await expect(removeMember({ ctx: actx, input: { membershipId: f.owner.membershipId } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const second = await addMember(db, f.tenant, ["owner"]);
    await updateMemberRoles({ ctx, input: { membershipId: second.membershipId, roleKeys: ["admin"] } });
  });

  it("rejects an unauthorized actor and invalid input, writing nothing", async () => {
    const f = await createTenantFixture(db);
    const m = await addMember(db, f.tenant, ["member"]);
    const mctx = await asUser(db, f.tenant, m.userId);
    await expect(
      updateMemberRoles({ ctx: mctx, input: { membershipId: m.membershipId, roleKeys: ["admin"] } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember({ ctx: mctx, input: { membershipId: f.owner.membershipId } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const err = await updateMemberRoles({ ctx, input: { membershipId: "mem_x", roleKeys: [] } }).catch((e) => e);
    expect(err.fields).toMatchObject({
      membershipId: ["not a membership id"],
      roleKeys: ["a member needs at least one role"],
    });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("cannot touch another tenant's members", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const bm = await addMember(db, b.tenant, ["viewer"]);
    const actx = await asUser(db, a.tenant, a.owner.userId);
    await expect(
      updateMemberRoles({ ctx: actx, input: { membershipId: bm.membershipId, roleKeys: ["viewer"] } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeMember({ ctx: actx, input: { membershipId: bm.membershipId } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await loadMemberAccess(db.control, b.tenant.id, bm.userId)).not.toBeNull();
  });
});
