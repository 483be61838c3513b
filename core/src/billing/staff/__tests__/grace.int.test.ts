import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformCtx } from "../../../context";
import { withTenant } from "../../../db/client";
import { tenants } from "../../../db/schema/index";
import { ForbiddenError, PreconditionFailedError, ValidationError } from "../../../errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, staffCtx } from "../../../testing/fixtures";
import { syncDunningFromSubscription } from "../../dunning/sync";
import { extendTenantGrace } from "../extend-grace";
import { DAY } from "./ledger";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function dunning(tenantId: string) {
  const [row] = await db.owner.db
    .select({ state: tenants.dunningState, graceUntil: tenants.graceUntil })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row;
}

describe("extendTenantGrace", () => {
  it("adds the days to a running grace period, audited with the staff member", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "past_due", new Date()));
    const before = await dunning(id);
    expect(before?.state).toBe("past_due");
    const ctx = staffCtx(db.control, ["billing_ops"]);
    await extendTenantGrace({ ctx, input: { tenantId: id, days: "7" } });
    const after = await dunning(id);
    expect(after?.state).toBe("past_due");
    expect(after?.graceUntil?.getTime()).toBe((before?.graceUntil?.getTime() ?? 0) + 7 * DAY);
    const last = (await auditEvents(db, id)).at(-1);
    expect(last).toMatchObject({
      action: "billing.dunning.grace_extended",
      actor_type: "staff",
      actor_id: ctx.actor.type === "staff" ? ctx.actor.staffId : "",
    });
  });

  it("counts from now when the grace has run out: a restricted tenant is past due again", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "unpaid", new Date()));
    expect((await dunning(id))?.state).toBe("restricted");
    const now = new Date();
    await extendTenantGrace({ ctx: staffCtx(db.control), input: { tenantId: id, days: 3 }, now });
    expect(await dunning(id)).toEqual({ state: "past_due", graceUntil: new Date(now.getTime() + 3 * DAY) });
  });

  it("refuses staff without billing.manage, tenant admins and billing managers, odd day counts, a tenant in good standing", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "past_due", new Date()));
    const before = await dunning(id);
    for (const roles of [["support"], ["onboarding"]]) {
      await expect(
        extendTenantGrace({ ctx: staffCtx(db.control, roles), input: { tenantId: id, days: 7 } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const manager = await addMember(db, f.tenant, ["billing_manager"]);
    for (const userId of [f.owner.userId, manager.userId]) {
      const ctx = (await asUser(db, f.tenant, userId)) as unknown as PlatformCtx;
      await expect(extendTenantGrace({ ctx, input: { tenantId: id, days: 7 } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const err = await extendTenantGrace({ ctx: staffCtx(db.control), input: { tenantId: id, days: 365 } }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.days).toEqual(["add 3, 7, 14, 30 days"]);
    expect(await dunning(id)).toEqual(before);
    const ok = await createTenantFixture(db, { plan: "pro" });
    await expect(
      extendTenantGrace({ ctx: staffCtx(db.control), input: { tenantId: ok.tenant.id, days: 7 } }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});
