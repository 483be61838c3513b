import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roles } from "../../db/schema/index";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { updateMemberRoles } from "../../members/update-roles";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import { createRole } from "../create";
import { deleteRole } from "../delete";
import { updateRole } from "../update";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("role verbs", () => {
  it("creates, updates and deletes a custom role, audited", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const role = await createRole({
      ctx,
      input: { key: "curator", name: "Curator", grants: ["artist.read", "artist.update", "artist.update"] },
    });
    expect(role.grants).toEqual(["artist.read", "artist.update"]);
    await expectAuditEvent(db, f.tenant.id, { action: "role.create", targetId: role.id });
    const updated = await updateRole({
      ctx,
      input: { roleId: role.id, grants: ["artist.read", "event.create"], name: "Events curator" },
    });
    expect(updated).toMatchObject({ name: "Events curator", grants: ["artist.read", "event.create"] });
    await expectAuditEvent(db, f.tenant.id, { action: "role.update", targetId: role.id });
    await deleteRole({ ctx, input: { roleId: role.id } });
    await expectAuditEvent(db, f.tenant.id, { action: "role.delete", targetId: role.id });
    expect(await db.owner.db.select().from(roles).where(eq(roles.id, role.id))).toEqual([]);
  });

  it("names the bad grant, refuses system keys, and writes nothing", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const err = await createRole({
      ctx,
      input: { key: "owner", name: "", grants: ["artist.fly", "tenant.read:own"] },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.key).toEqual(['"owner" is a system role']);
    expect(err.fields.name).toBeDefined();
    expect(JSON.stringify(err.fields)).toContain('unknown permission \\"artist.fly\\"');
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("refuses duplicates, changes to system roles, and deleting a role in use", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    await createRole({ ctx, input: { key: "dj", name: "DJ", grants: ["event.create"] } });
    await expect(createRole({ ctx, input: { key: "dj", name: "DJ 2", grants: [] } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(updateRole({ ctx, input: { roleId: "not-a-role", name: "Nope" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const [ownViewer] = await db.owner.sql`select id from roles where tenant_id = ${f.tenant.id} and key = 'viewer'`;
    await expect(updateRole({ ctx, input: { roleId: ownViewer?.id, name: "Nope" } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const m = await addMember(db, f.tenant, ["dj"]);
    const [dj] = await db.owner.sql`select id from roles where tenant_id = ${f.tenant.id} and key = 'dj'`;
    await expect(deleteRole({ ctx, input: { roleId: dj?.id } })).rejects.toThrow(/held by 1 member/);
    await updateMemberRoles({ ctx, input: { membershipId: m.membershipId, roleKeys: ["viewer"] } });
    await deleteRole({ ctx, input: { roleId: dj?.id } });
  });

  it("rejects an unauthorized actor, and an admin cannot define a role stronger than themselves", async () => {
    const f = await createTenantFixture(db);
    const member = await addMember(db, f.tenant, ["member"]);
    await expect(
      createRole({ ctx: await asUser(db, f.tenant, member.userId), input: { key: "x1", name: "X", grants: [] } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await addMember(db, f.tenant, ["admin"]);
    const actx = await asUser(db, f.tenant, admin.userId);
    await expect(
      createRole({ ctx: actx, input: { key: "payer", name: "Payer", grants: ["billing.manage"] } }),
    ).rejects.toThrow(/billing\.manage/);
    const ok = await createRole({ ctx: actx, input: { key: "helper", name: "Helper", grants: ["artist.read"] } });
    await expect(
      updateRole({ ctx: actx, input: { roleId: ok.id, grants: ["artist.read", "billing.manage"] } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("cannot touch another tenant's roles", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const bctx = await asUser(db, b.tenant, b.owner.userId);
    const bRole = await createRole({ ctx: bctx, input: { key: "bonly", name: "B only", grants: ["artist.read"] } });
    const actx = await asUser(db, a.tenant, a.owner.userId);
    await expect(updateRole({ ctx: actx, input: { roleId: bRole.id, name: "Owned" } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteRole({ ctx: actx, input: { roleId: bRole.id } })).rejects.toBeInstanceOf(NotFoundError);
    const [still] = await db.owner.db.select().from(roles).where(eq(roles.id, bRole.id));
    expect(still?.name).toBe("B only");
  });
});
