import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformCtx } from "../../../context";
import { ForbiddenError, NotFoundError, ValidationError } from "../../../errors";
import { newId } from "../../../ids";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, createTenantFixture, staffCtx, type TenantFixture } from "../../../testing/fixtures";
import { getTenantBilling, paymentMethodSummary } from "../panel";
import { DAY, seedAccount, seedInvoices } from "./ledger";

let db: TestDatabase;
let pro: TenantFixture;
let other: TenantFixture;
const periodStart = new Date("2026-11-20T00:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  pro = await createTenantFixture(db, { plan: "pro", name: "Panel Pro" });
  other = await createTenantFixture(db, { plan: "business", name: "Panel Other" });
  await seedAccount(db, pro.tenant.id, {
    stripeCustomerId: "cus_panel_pro",
    stripeSubscriptionId: "sub_panel_pro",
    subscriptionStatus: "past_due",
    billingInterval: "month",
    seats: 1,
    currentPeriodStart: periodStart,
    currentPeriodEnd: new Date(periodStart.getTime() + 30 * DAY),
    mrrCents: 999,
    paymentMethod: { brand: "visa", last4: "4242", exp_month: 4, exp_year: 2029 },
  });
  await seedInvoices(db, pro.tenant.id, [
    {
      id: "in_pro_1",
      number: "MW-0001",
      status: "paid",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 999,
      amountPaidCents: 999,
      hostedInvoiceUrl: "http://127.0.0.1:4030/i/in_pro_1",
      invoicePdf: "http://127.0.0.1:4030/i/in_pro_1.pdf",
      stripeCreatedAt: new Date(periodStart.getTime() - 30 * DAY),
    },
    {
      id: "in_pro_2",
      number: "MW-0002",
      status: "open",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 999,
      amountPaidCents: 0,
      stripeCreatedAt: periodStart,
    },
    {
      id: "in_pro_void",
      status: "void",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 0,
      amountPaidCents: 0,
      stripeCreatedAt: new Date(periodStart.getTime() - 60 * DAY),
    },
  ]);
  await seedInvoices(db, other.tenant.id, [
    {
      id: "in_other",
      status: "paid",
      currency: "usd",
      totalCents: 2999,
      amountDueCents: 2999,
      amountPaidCents: 2999,
      stripeCreatedAt: periodStart,
    },
  ]);
  await db.owner.sql`update tenants set dunning_state = 'past_due', dunning_since = ${periodStart.toISOString()},
    grace_until = ${new Date(periodStart.getTime() + 7 * DAY).toISOString()} where id = ${pro.tenant.id}`;
});
afterAll(() => db.drop());

describe("getTenantBilling", () => {
  it("shows one tenant's subscription, card, invoices (newest first) and dunning, nothing of another", async () => {
    const b = await getTenantBilling({ ctx: staffCtx(db.control, ["support"]), input: { tenantId: pro.tenant.id } });
    expect(b.tenant).toMatchObject({ id: pro.tenant.id, name: "Panel Pro", plan: "pro", dunningState: "past_due" });
    expect(b.tenant.graceUntil).toEqual(new Date(periodStart.getTime() + 7 * DAY));
    expect(b.account).toMatchObject({
      subscriptionStatus: "past_due",
      billingInterval: "month",
      seats: 1,
      mrrCents: 999,
    });
    expect(b.paymentMethod).toEqual({ brand: "visa", last4: "4242", expMonth: 4, expYear: 2029 });
    expect(b.invoices.map((i) => i.id)).toEqual(["in_pro_2", "in_pro_1", "in_pro_void"]);
    expect(b.invoices[1]).toMatchObject({
      hostedInvoiceUrl: "http://127.0.0.1:4030/i/in_pro_1",
      invoicePdf: "http://127.0.0.1:4030/i/in_pro_1.pdf",
    });
    // Credit notes go on finalized invoices only: not on the void one.
    expect(b.creditable).toEqual({ in_pro_2: 999, in_pro_1: 999 });
  });

  it("shows a tenant without a Stripe customer as such", async () => {
    const b = await getTenantBilling({
      ctx: staffCtx(db.control, ["billing_ops"]),
      input: { tenantId: other.tenant.id },
    });
    expect(b.account).toBeNull();
    expect(b.paymentMethod).toBeNull();
    expect(b.invoices.map((i) => i.id)).toEqual(["in_other"]);
  });

  it("refuses staff without billing read, tenant admins and billing managers; bad and unknown ids", async () => {
    await expect(
      getTenantBilling({ ctx: staffCtx(db.control, ["onboarding"]), input: { tenantId: pro.tenant.id } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const manager = await addMember(db, pro.tenant, ["billing_manager"]);
    for (const userId of [pro.owner.userId, manager.userId]) {
      const ctx = (await asUser(db, pro.tenant, userId)) as unknown as PlatformCtx;
      await expect(getTenantBilling({ ctx, input: { tenantId: pro.tenant.id } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    const staff = staffCtx(db.control, ["support"]);
    await expect(getTenantBilling({ ctx: staff, input: { tenantId: "nope" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(getTenantBilling({ ctx: staff, input: { tenantId: newId("tenant") } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("paymentMethodSummary", () => {
  it("reads the stored card in its spellings and ignores what is not a card", () => {
    expect(paymentMethodSummary({ brand: "mastercard", last4: "4444", exp: "07/27" })).toEqual({
      brand: "mastercard",
      last4: "4444",
      expMonth: 7,
      expYear: 2027,
    });
    expect(paymentMethodSummary({ brand: "visa", last4: "1881", expMonth: 12, expYear: 2030 })).toMatchObject({
      expMonth: 12,
      expYear: 2030,
    });
    expect(paymentMethodSummary(null)).toBeNull();
    expect(paymentMethodSummary({ type: "sepa" })).toBeNull();
  });
});
