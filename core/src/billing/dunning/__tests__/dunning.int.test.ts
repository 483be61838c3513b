import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../../db/client";
import { tenants } from "../../../db/schema/index";
import { ForbiddenError, PreconditionFailedError, ValidationError } from "../../../errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, auditEvents, createTenantFixture, staffCtx, type TenantFixture } from "../../../testing/fixtures";
import { extendGrace } from "../extend-grace";
import { onPaymentFailed, onPaymentSucceeded } from "../payments";
import { advanceDunning } from "../progress";
import { syncDunningFromSubscription } from "../sync";
import { onTrialWillEnd } from "../trial";

const POLICY = { graceDays: 7, suspendAfterDays: 14 };
const DAY = 24 * 3600 * 1000;
const T0 = new Date("2026-12-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** A Pro tenant with an owner, a billing manager and an editor (who must get no billing mail). */
async function billingTenant(): Promise<TenantFixture & { billingEmail: string; ownerEmail: string }> {
  const f = await createTenantFixture(db, { plan: "pro" });
  const billingEmail = `billing@${f.tenant.slug}.test`;
  await addMember(db, f.tenant, ["billing_manager"], billingEmail);
  await addMember(db, f.tenant, ["member"], `editor@${f.tenant.slug}.test`);
  return { ...f, billingEmail, ownerEmail: `owner@${f.tenant.slug}.test` };
}

async function dunningRow(tenantId: string) {
  const [row] = await db.owner.db
    .select({
      dunning_state: tenants.dunningState,
      dunning_since: tenants.dunningSince,
      grace_until: tenants.graceUntil,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row;
}

async function mails(tenantId: string, template?: string) {
  return db.owner.sql<{ template: string; to_address: string; payload: Record<string, unknown> }[]>`
    select template, to_address, payload from email_outbox
     where tenant_id = ${tenantId} ${template ? db.owner.sql`and template = ${template}` : db.owner.sql``}
     order by created_at, to_address`;
}

async function dunningAudit(tenantId: string) {
  return (await auditEvents(db, tenantId)).filter((e) => e.action.startsWith("billing.dunning."));
}

const invoice = (id: string, attempt = 1) => ({
  id,
  amount_due: 999,
  currency: "usd",
  attempt_count: attempt,
  hosted_invoice_url: `https://invoice.stripe.test/i/${id}`,
});

describe("payment failed → past due → restricted → suspended → paid → restored", () => {
  it("walks the whole way, auditing each transition and mailing the billing contacts once each", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;

    const failed = await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_walk"), T0));
    expect(failed.transition?.action).toBe("billing.dunning.past_due");
    expect(await dunningRow(id)).toEqual({ dunning_state: "past_due", dunning_since: T0, grace_until: at(7) });
    const failMails = await mails(id, "billing_payment_failed");
    expect(failMails.map((m) => m.to_address).sort()).toEqual([f.billingEmail, f.ownerEmail].sort());
    expect(failMails[0]?.payload).toMatchObject({
      amountDueCents: 999,
      currency: "USD",
      state: "past_due",
      graceUntil: at(7).toISOString(),
      payLink: "https://invoice.stripe.test/i/in_walk",
    });

    // Before the deadline nothing moves; at it, restricted; 14 days later, suspended.
    expect(await advanceDunning({ database: db.control, now: at(6), policy: POLICY })).toMatchObject({
      restricted: 0,
      suspended: 0,
    });
    expect((await advanceDunning({ database: db.control, now: at(7), policy: POLICY })).restricted).toBeGreaterThan(0);
    expect(await dunningRow(id)).toEqual({ dunning_state: "restricted", dunning_since: at(7), grace_until: at(21) });
    const restricted = await mails(id, "billing_restricted");
    expect(restricted).toHaveLength(2);
    expect(restricted[0]?.payload).toMatchObject({ stage: "restricted", suspendOn: at(21).toISOString() });

    await advanceDunning({ database: db.control, now: at(21), policy: POLICY });
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "suspended", grace_until: null });
    expect((await mails(id, "billing_restricted")).filter((m) => m.payload.stage === "suspended")).toHaveLength(2);

    const paid = await withTenant(db.control, id, (tx) => onPaymentSucceeded(tx, id, { id: "in_walk" }, at(22)));
    expect(paid.transition?.action).toBe("billing.dunning.restored");
    expect(await dunningRow(id)).toEqual({ dunning_state: "ok", dunning_since: null, grace_until: null });
    expect(await mails(id, "billing_restored")).toHaveLength(2);

    const audit = await dunningAudit(id);
    expect(audit.map((e) => e.action)).toEqual([
      "billing.dunning.past_due",
      "billing.dunning.restricted",
      "billing.dunning.suspended",
      "billing.dunning.restored",
    ]);
    expect(audit[0]).toMatchObject({
      actor_type: "system",
      target_id: id,
      before: { dunningState: "ok" },
      after: { dunningState: "past_due" },
    });
    // Nobody outside billing was mailed.
    expect((await mails(id)).every((m) => !m.to_address.startsWith("editor@"))).toBe(true);
  });

  it("absorbs redeliveries: the same failure or payment twice changes and sends nothing more", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    for (let i = 0; i < 3; i++) {
      await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_dup"), at(i)));
    }
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "past_due", grace_until: at(7) });
    expect(await mails(id, "billing_payment_failed")).toHaveLength(2);
    // Stripe's next retry failing is news: one more mail each, the grace period unchanged.
    await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_dup", 2), at(3)));
    expect(await mails(id, "billing_payment_failed")).toHaveLength(4);
    expect(await dunningRow(id)).toMatchObject({ grace_until: at(7) });

    for (let i = 0; i < 2; i++) {
      await withTenant(db.control, id, (tx) => onPaymentSucceeded(tx, id, { id: "in_dup" }, at(4)));
    }
    expect(await mails(id, "billing_restored")).toHaveLength(2);
    expect((await dunningAudit(id)).map((e) => e.action)).toEqual([
      "billing.dunning.past_due",
      "billing.dunning.restored",
    ]);
  });

  it("runs safely twice at once: one transition, one audit event, one mail per contact", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_race"), T0));
    await Promise.all([
      advanceDunning({ database: db.control, now: at(8), policy: POLICY }),
      advanceDunning({ database: db.control, now: at(8), policy: POLICY }),
    ]);
    expect((await dunningAudit(id)).map((e) => e.action)).toEqual([
      "billing.dunning.past_due",
      "billing.dunning.restricted",
    ]);
    expect(await mails(id, "billing_restricted")).toHaveLength(2);
  });

  it("reminds once per deadline shortly before the grace period ends", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_remind"), T0));
    await advanceDunning({ database: db.control, now: at(2), policy: POLICY, reminderDays: 3 });
    expect(await mails(id, "billing_payment_failed")).toHaveLength(2);
    await advanceDunning({ database: db.control, now: at(5), policy: POLICY, reminderDays: 3 });
    await advanceDunning({ database: db.control, now: at(5.5), policy: POLICY, reminderDays: 3 });
    const reminders = (await mails(id, "billing_payment_failed")).filter((m) => m.payload.reminder === true);
    expect(reminders).toHaveLength(2);
    expect(reminders[0]?.payload).toMatchObject({ state: "past_due", graceUntil: at(7).toISOString() });
  });
});

describe("syncDunningFromSubscription", () => {
  it("follows Stripe's status: past_due → grace, unpaid → restricted, active → restored", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    const sync = (status: string, now: Date) =>
      withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, status, now));
    expect((await sync("active", T0)).transition).toBeNull();
    await sync("past_due", T0);
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "past_due", grace_until: at(7) });
    // A later past_due does not restart the grace period.
    await sync("past_due", at(3));
    expect(await dunningRow(id)).toMatchObject({ grace_until: at(7) });
    await sync("unpaid", at(4));
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "restricted", grace_until: at(18) });
    await sync("past_due", at(5));
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "restricted" });
    await sync("active", at(6));
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "ok", grace_until: null });
    expect((await dunningAudit(id)).map((e) => e.action)).toEqual([
      "billing.dunning.past_due",
      "billing.dunning.restricted",
      "billing.dunning.restored",
    ]);
  });

  it("clears dunning when the subscription is canceled (the plan change is the consequence), without a restored mail", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "unpaid", T0));
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "canceled", at(1)));
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "ok" });
    expect((await dunningAudit(id)).at(-1)?.action).toBe("billing.dunning.cleared");
    expect(await mails(id, "billing_restored")).toHaveLength(0);
  });

  it("refuses a transaction of another tenant (the audit would land in the wrong chain)", async () => {
    const a = await billingTenant();
    const b = await billingTenant();
    await expect(
      withTenant(db.control, a.tenant.id, (tx) => syncDunningFromSubscription(tx, b.tenant.id, "unpaid", T0)),
    ).rejects.toThrow(/another tenant/);
    expect(await dunningRow(b.tenant.id)).toMatchObject({ dunning_state: "ok" });
  });
});

describe("extendGrace (staff)", () => {
  it("gives a restricted tenant time again, audited with the staff member", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    const now = new Date();
    await withTenant(db.control, id, (tx) => syncDunningFromSubscription(tx, id, "unpaid", now));
    const ctx = staffCtx(db.control, ["billing_ops"]);
    const until = new Date(now.getTime() + 10 * DAY);
    const after = await extendGrace(ctx, id, until.toISOString());
    expect(after).toMatchObject({ state: "past_due", graceUntil: until });
    expect(await dunningRow(id)).toMatchObject({ dunning_state: "past_due", grace_until: until });
    expect((await dunningAudit(id)).at(-1)).toMatchObject({
      action: "billing.dunning.grace_extended",
      actor_type: "staff",
      actor_id: ctx.actor.type === "staff" ? ctx.actor.staffId : "",
      before: { dunningState: "restricted" },
      after: { dunningState: "past_due" },
    });
  });

  it("rejects an unauthorized actor, a tenant that owes nothing, a past or far-off date, and garbage", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    const soon = new Date(Date.now() + 5 * DAY);
    await expect(extendGrace(staffCtx(db.control, ["support"]), id, soon)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(extendGrace(staffCtx(db.control), id, soon)).rejects.toBeInstanceOf(PreconditionFailedError);
    await withTenant(db.control, id, (tx) => onPaymentFailed(tx, id, invoice("in_ext"), new Date()));
    await expect(extendGrace(staffCtx(db.control), id, new Date(Date.now() - DAY))).rejects.toThrow(/in the future/);
    await expect(extendGrace(staffCtx(db.control), id, new Date(Date.now() + 120 * DAY))).rejects.toThrow(/90 days/);
    await expect(extendGrace(staffCtx(db.control), id, "next tuesday")).rejects.toBeInstanceOf(ValidationError);
    await expect(extendGrace(staffCtx(db.control), "ten_nope", soon)).rejects.toBeInstanceOf(ValidationError);
    expect((await dunningAudit(id)).map((e) => e.action)).toEqual(["billing.dunning.past_due"]);
  });
});

describe("onTrialWillEnd", () => {
  it("mails the billing contacts once per subscription and trial end", async () => {
    const f = await billingTenant();
    const id = f.tenant.id;
    const trialEnd = Math.floor(at(3).getTime() / 1000);
    const sub = { id: "sub_trial", trial_end: trialEnd, default_payment_method: null };
    expect(await withTenant(db.control, id, (tx) => onTrialWillEnd(tx, id, sub))).toBe(2);
    expect(await withTenant(db.control, id, (tx) => onTrialWillEnd(tx, id, sub))).toBe(0);
    const sent = await mails(id, "billing_trial_ending");
    expect(sent).toHaveLength(2);
    expect(sent[0]?.payload).toMatchObject({
      planName: "Pro",
      trialEnd: at(3).toISOString(),
      hasPaymentMethod: false,
    });
    expect(String(sent[0]?.payload.billingLink)).toContain("next=%2Fconsole%2Fbilling");
    // A trial moved to a new date is announced again.
    await withTenant(db.control, id, (tx) => onTrialWillEnd(tx, id, { ...sub, trial_end: trialEnd + 86400 }));
    expect(await mails(id, "billing_trial_ending")).toHaveLength(4);
  });
});
