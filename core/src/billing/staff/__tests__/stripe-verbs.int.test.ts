import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient, type Stripe } from "../../../adapters/stripe";
import type { PlatformCtx } from "../../../context";
import { withTenant } from "../../../db/index";
import { billingAccounts } from "../../../db/schema/index";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "../../../errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import {
  addMember,
  asUser,
  auditEvents,
  createTenantFixture,
  staffCtx,
  type TenantFixture,
} from "../../../testing/fixtures";
import { syncCatalog } from "../../catalog-sync";
import { syncCustomer } from "../../webhooks/sync-customer";
import { COMP_COUPON_ID, compSubscription, removeComp } from "../comp";
import { recordCreditNote } from "../credit-note";
import { seedAccount, seedInvoices } from "./ledger";

let db: TestDatabase;
let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  [db, emulator] = await Promise.all([createTestDatabase(), startStripeEmulator()]);
  stripe = createStripeClient({ secretKey: "sk_test_staffbill", apiUrl: emulator.url, maxNetworkRetries: 0 });
  await syncCatalog(stripe);
});
afterAll(async () => {
  await Promise.all([db.drop(), emulator.stop()]);
});

/** A Pro tenant subscribed at Stripe (card on file, first invoice paid), its ledger as the sync writes it. */
async function subscribedTenant(
  name: string,
): Promise<TenantFixture & { customer: Stripe.Customer; sub: Stripe.Subscription; invoiceId: string }> {
  const f = await createTenantFixture(db, { plan: "pro", name });
  const [price] = (await stripe.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
  const customer = await stripe.customers.create({ name, metadata: { tenantId: f.tenant.id } });
  const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price?.id ?? "" }] });
  const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
  await seedAccount(db, f.tenant.id, {
    stripeCustomerId: customer.id,
    stripeSubscriptionId: sub.id,
    subscriptionStatus: sub.status,
    mrrCents: 999,
  });
  await seedInvoices(db, f.tenant.id, [
    {
      id: invoice.id,
      number: invoice.number,
      status: invoice.status ?? "paid",
      currency: invoice.currency,
      totalCents: invoice.total,
      amountDueCents: invoice.amount_due,
      amountPaidCents: invoice.amount_paid,
      stripeCreatedAt: new Date(invoice.created * 1000),
    },
  ]);
  return { ...f, customer, sub, invoiceId: invoice.id };
}

const couponsAtStripe = async (subId: string) =>
  ((await stripe.subscriptions.retrieve(subId, { expand: ["discounts"] })).discounts as Stripe.Discount[]).map(
    (d) => d.source.coupon,
  );

/** What the panel reads: applied from the subscription Stripe answered, before any webhook. */
async function ledger(tenantId: string) {
  const [row] = await db.owner.db
    .select({
      couponId: billingAccounts.couponId,
      mrrCents: billingAccounts.mrrCents,
      subscriptionStatus: billingAccounts.subscriptionStatus,
    })
    .from(billingAccounts)
    .where(eq(billingAccounts.tenantId, tenantId));
  return row;
}

const posts = (path: RegExp) => emulator.requests.filter((r) => r.method === "POST" && path.test(r.path));

async function tenantCtxs(f: TenantFixture): Promise<PlatformCtx[]> {
  const manager = await addMember(db, f.tenant, ["billing_manager"]);
  // A tenant session's context handed to a staff verb: its ability holds no platform subject.
  return Promise.all(
    [f.owner.userId, manager.userId].map(async (u) => (await asUser(db, f.tenant, u)) as unknown as PlatformCtx),
  );
}

describe("comp with a 100 % coupon", () => {
  it("creates the coupon once, puts it on the subscription with our idempotency key, audits the reason", async () => {
    const a = await subscribedTenant("Comp A");
    const ctx = staffCtx(db.control, ["billing_ops"]);
    await compSubscription({ ctx, stripe, input: { tenantId: a.tenant.id, reason: "Launch partner, free for life" } });
    expect(await couponsAtStripe(a.sub.id)).toEqual([COMP_COUPON_ID]);
    const coupon = await stripe.coupons.retrieve(COMP_COUPON_ID);
    expect(coupon).toMatchObject({ percent_off: 100, duration: "forever", valid: true });
    const preview = await stripe.invoices.createPreview({ subscription: a.sub.id });
    expect(preview.total).toBe(0);
    const [update] = posts(new RegExp(`^/v1/subscriptions/${a.sub.id}$`));
    expect(update?.idempotencyKey).toBe(`staff-billing:${a.tenant.id}:comp:${a.sub.id}:${ctx.requestId}`);
    expect(update?.params).toMatchObject({ discounts: [{ coupon: COMP_COUPON_ID }] });
    expect(posts(/^\/v1\/coupons$/).map((r) => r.idempotencyKey)).toEqual([`staff-billing:coupon:${COMP_COUPON_ID}`]);
    expect(await ledger(a.tenant.id)).toEqual({ couponId: COMP_COUPON_ID, mrrCents: 0, subscriptionStatus: "active" });
    // The customer's card (the subscription names none) is kept on the ledger, as the webhook sync keeps it.
    const [pm] = await db.owner.sql<{ payment_method: { last4: string } }[]>`
      select payment_method from billing_accounts where tenant_id = ${a.tenant.id}`;
    expect(pm?.payment_method).toMatchObject({ brand: "visa", last4: "4242" });
    // The webhooks' re-fetch sees the coupon too: the comp survives the sync that follows it.
    await withTenant(db.control, a.tenant.id, (tx) =>
      syncCustomer(
        {
          tx,
          tenantId: a.tenant.id,
          stripe,
          audit: { actor: { type: "system", process: "test" }, requestId: "r" },
          now: new Date(),
        },
        a.customer.id,
      ),
    );
    expect(await ledger(a.tenant.id)).toEqual({ couponId: COMP_COUPON_ID, mrrCents: 0, subscriptionStatus: "active" });
    expect((await auditEvents(db, a.tenant.id)).find((e) => e.action === "billing.subscription.comp")).toMatchObject({
      actor_type: "staff",
      target_id: a.sub.id,
      before: { coupons: [] },
      after: { coupons: [COMP_COUPON_ID], reason: "Launch partner, free for life" },
    });

    // Comped already: refused, nothing posted. Another tenant reuses the coupon.
    const before = emulator.requests.length;
    await expect(
      compSubscription({ ctx, stripe, input: { tenantId: a.tenant.id, reason: "again" } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(emulator.requests.slice(before).filter((r) => r.method === "POST")).toEqual([]);
    const b = await subscribedTenant("Comp B");
    await compSubscription({ ctx, stripe, input: { tenantId: b.tenant.id, reason: "Charity" } });
    expect(await couponsAtStripe(b.sub.id)).toEqual([COMP_COUPON_ID]);
    expect(posts(/^\/v1\/coupons$/)).toHaveLength(1);
  });

  it("removes the comp: billed again from the next invoice, audited; refused when not comped", async () => {
    const f = await subscribedTenant("Uncomp");
    const ctx = staffCtx(db.control);
    await compSubscription({ ctx, stripe, input: { tenantId: f.tenant.id, reason: "Trial extension deal" } });
    await removeComp({ ctx, stripe, input: { tenantId: f.tenant.id, reason: "Deal ended" } });
    expect(await couponsAtStripe(f.sub.id)).toEqual([]);
    expect((await stripe.invoices.createPreview({ subscription: f.sub.id })).total).toBe(999);
    expect(await ledger(f.tenant.id)).toEqual({ couponId: null, mrrCents: 999, subscriptionStatus: "active" });
    expect(
      (await auditEvents(db, f.tenant.id)).find((e) => e.action === "billing.subscription.comp_removed"),
    ).toMatchObject({
      before: { coupons: [COMP_COUPON_ID] },
      after: { coupons: [], reason: "Deal ended" },
    });
    await expect(removeComp({ ctx, stripe, input: { tenantId: f.tenant.id, reason: "twice" } })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("refuses tenant admins, billing managers and staff without billing.manage before calling Stripe; needs a reason and a customer", async () => {
    const f = await subscribedTenant("Comp refusals");
    const before = emulator.requests.length;
    const refused = [staffCtx(db.control, ["support"]), staffCtx(db.control, ["onboarding"]), ...(await tenantCtxs(f))];
    for (const ctx of refused) {
      await expect(
        compSubscription({ ctx, stripe, input: { tenantId: f.tenant.id, reason: "free please" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        removeComp({ ctx, stripe, input: { tenantId: f.tenant.id, reason: "free please" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const short = await compSubscription({
      ctx: staffCtx(db.control),
      stripe,
      input: { tenantId: f.tenant.id, reason: " x " },
    }).catch((e) => e);
    expect(short).toBeInstanceOf(ValidationError);
    expect(short.fields.reason).toEqual(["give a reason (at least 3 characters)"]);
    expect(emulator.requests.length).toBe(before);
    const bare = await createTenantFixture(db, { plan: "free" });
    await expect(
      compSubscription({
        ctx: staffCtx(db.control),
        stripe,
        input: { tenantId: bare.tenant.id, reason: "no customer" },
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});

describe("credit notes", () => {
  it("records one on a paid invoice within what is left, with our key, audited; refuses more than is left", async () => {
    const f = await subscribedTenant("Credit");
    const ctx = staffCtx(db.control, ["billing_ops"]);
    const note = await recordCreditNote({
      ctx,
      stripe,
      input: {
        tenantId: f.tenant.id,
        invoiceId: f.invoiceId,
        amount: "4.00",
        reason: "product_unsatisfactory",
        memo: "Outage on 1 Dec",
      },
    });
    expect(note).toMatchObject({
      amount: 400,
      invoice: f.invoiceId,
      reason: "product_unsatisfactory",
      memo: "Outage on 1 Dec",
      type: "post_payment",
    });
    expect((await stripe.invoices.retrieve(f.invoiceId)).post_payment_credit_notes_amount).toBe(400);
    const [post] = posts(/^\/v1\/credit_notes$/);
    expect(post?.idempotencyKey).toBe(`staff-billing:${f.tenant.id}:credit_note:${f.invoiceId}:${ctx.requestId}`);
    expect(post?.params).toMatchObject({ invoice: f.invoiceId, amount: "400", credit_amount: "400" });
    expect((await auditEvents(db, f.tenant.id)).at(-1)).toMatchObject({
      action: "billing.credit_note.create",
      target_id: f.invoiceId,
      actor_type: "staff",
      after: { creditNoteId: note.id, amountCents: 400, reason: "product_unsatisfactory", memo: "Outage on 1 Dec" },
    });

    const tooMuch = await recordCreditNote({
      ctx: staffCtx(db.control),
      stripe,
      input: { tenantId: f.tenant.id, invoiceId: f.invoiceId, amount: "6", reason: "duplicate" },
    }).catch((e) => e);
    expect(tooMuch).toBeInstanceOf(ValidationError);
    expect(tooMuch.fields.amount).toEqual(["at most $5.99 can still be credited on this invoice"]);
    expect((await stripe.creditNotes.list({ invoice: f.invoiceId })).data).toHaveLength(1);
  });

  it("refuses bad input, another tenant's invoice, and anyone without staff billing.manage", async () => {
    const f = await subscribedTenant("Credit refusals");
    const other = await subscribedTenant("Credit other");
    const staff = staffCtx(db.control);
    const base = { tenantId: f.tenant.id, invoiceId: f.invoiceId, amount: "1.00", reason: "duplicate" };
    const bad = await recordCreditNote({
      ctx: staff,
      stripe,
      input: { ...base, amount: "1.005", reason: "because" },
    }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys(bad.fields).sort()).toEqual(["amount", "reason"]);
    await expect(
      recordCreditNote({ ctx: staff, stripe, input: { ...base, invoiceId: other.invoiceId } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const ctx of [staffCtx(db.control, ["support"]), ...(await tenantCtxs(f))]) {
      await expect(recordCreditNote({ ctx, stripe, input: base })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await stripe.creditNotes.list({ invoice: f.invoiceId })).data).toEqual([]);
    expect((await stripe.creditNotes.list({ invoice: other.invoiceId })).data).toEqual([]);
  });
});
