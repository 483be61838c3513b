import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domains, tenants } from "../../db/schema/index";
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError } from "../../errors";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import {
  addMember,
  asUser,
  auditEvents,
  createTenantFixture,
  expectAuditEvent,
  staffCtx,
} from "../../testing/fixtures";
import { createTenant } from "../create";
import { activateTenant, resumeTenant, suspendTenant } from "../lifecycle";
import { updateTenant } from "../update";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("createTenant", () => {
  it("reserves the slug with system roles and a verified platform host, audited", async () => {
    const ctx = staffCtx(db.control, ["onboarding"]);
    const t = await createTenant({ ctx, input: { name: "  Acme Music ", slug: "Acme-Music", plan: "pro" } });
    expect(t).toMatchObject({ slug: "acme-music", name: "Acme Music", status: "provisioning", plan: "pro" });
    const [host] = await db.owner.db.select().from(domains).where(eq(domains.tenantId, t.id));
    expect(host).toMatchObject({
      hostname: "acme-music.localhost",
      kind: "platform",
      status: "verified",
      isPrimary: true,
    });
    const roles = await db.owner.sql`select key from roles where tenant_id = ${t.id} and is_system order by key`;
    expect(roles.map((r) => r.key)).toEqual(["admin", "billing_manager", "member", "owner", "viewer"]);
    await expectAuditEvent(db, t.id, {
      action: "tenant.create",
      targetId: t.id,
      actorType: "staff",
      actorId: ctx.actor.type === "staff" ? ctx.actor.staffId : "",
    });
  });

  it("rejects an unauthorized actor (support staff cannot onboard)", async () => {
    await expect(
      createTenant({ ctx: staffCtx(db.control, ["support"]), input: { name: "X", slug: "nope-support" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.owner.db.select().from(tenants).where(eq(tenants.slug, "nope-support"))).toHaveLength(0);
  });

  it("gives field-level errors for bad input and writes nothing", async () => {
    const before = await db.owner.sql`select count(*)::int as n from tenants`;
    const err = await createTenant({ ctx: staffCtx(db.control), input: { name: "", slug: "admin" } }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toMatchObject({ name: ["name is required"], slug: ['"admin" is reserved'] });
    const bad = await createTenant({ ctx: staffCtx(db.control), input: { name: "X", slug: "-bad_slug" } }).catch(
      (e) => e,
    );
    expect(bad.fields.slug[0]).toMatch(/a–z, 0–9/);
    const after = await db.owner.sql`select count(*)::int as n from tenants`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("refuses a taken slug with a conflict", async () => {
    await createTenant({ ctx: staffCtx(db.control), input: { name: "One", slug: "taken-slug" } });
    await expect(
      createTenant({ ctx: staffCtx(db.control), input: { name: "Two", slug: "taken-slug" } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("tenant lifecycle", () => {
  it("activates, suspends with a reason, resumes — each audited; illegal moves refused", async () => {
    const staff = staffCtx(db.control);
    const t = await createTenant({ ctx: staff, input: { name: "Life", slug: "life-cycle" } });
    await expect(resumeTenant({ ctx: staff, input: { tenantId: t.id } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await activateTenant({ ctx: staff, input: { tenantId: t.id } });
    const s = await suspendTenant({ ctx: staff, input: { tenantId: t.id, reason: "unpaid invoices" } });
    expect(s).toMatchObject({ status: "suspended", suspendedReason: "unpaid invoices" });
    await expectAuditEvent(db, t.id, { action: "tenant.suspend" });
    const r = await resumeTenant({ ctx: staff, input: { tenantId: t.id } });
    expect(r).toMatchObject({ status: "active", suspendedReason: null });
    expect((await auditEvents(db, t.id)).map((e) => e.action)).toEqual([
      "tenant.create",
      "tenant.activate",
      "tenant.suspend",
      "tenant.resume",
    ]);
  });

  it("requires a reason to suspend and the suspend permission", async () => {
    const t = await createTenantFixture(db);
    const err = await suspendTenant({ ctx: staffCtx(db.control), input: { tenantId: t.tenant.id, reason: "" } }).catch(
      (e) => e,
    );
    expect(err.fields.reason[0]).toMatch(/reason/);
    await expect(
      suspendTenant({ ctx: staffCtx(db.control, ["onboarding"]), input: { tenantId: t.tenant.id, reason: "because" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("updateTenant", () => {
  it("lets an admin rename their own tenant", async () => {
    const f = await createTenantFixture(db);
    const admin = await addMember(db, f.tenant, ["admin"]);
    const ctx = await asUser(db, f.tenant, admin.userId);
    const t = await updateTenant({ ctx, input: { name: "Renamed" } });
    expect(t?.name).toBe("Renamed");
    await expectAuditEvent(db, f.tenant.id, { action: "tenant.update", actorId: admin.userId });
  });

  it("rejects a member without tenant.update", async () => {
    const f = await createTenantFixture(db);
    const m = await addMember(db, f.tenant, ["member"]);
    await expect(
      updateTenant({ ctx: await asUser(db, f.tenant, m.userId), input: { name: "X" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("cannot touch another tenant: the tenant comes from the context, the input cannot name one", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const ctx = await asUser(db, a.tenant, a.owner.userId);
    const err = await updateTenant({ ctx, input: { name: "Hijack", tenantId: b.tenant.id } as never }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    // And a context pointed at B with A's user finds no membership there.
    await expect(asUser(db, b.tenant, a.owner.userId)).rejects.toThrow(/not a member/);
    const [bRow] = await db.owner.db.select().from(tenants).where(eq(tenants.id, b.tenant.id));
    expect(bRow?.name).not.toBe("Hijack");
  });

  it("is refused while the tenant is suspended", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asUser(db, f.tenant, f.owner.userId);
    await expect(
      updateTenant({ ctx: { ...ctx, tenant: { ...ctx.tenant, status: "suspended" } }, input: { name: "Nope" } }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});
