import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY } from "@mw/core/adapters/stripe";
import { syncDunningFromSubscription } from "@mw/core/billing/dunning";
import { withTenant } from "@mw/core/db";
import { billingAccounts, billingInvoices } from "@mw/core/schema";
import { activateTenant, createTenant } from "@mw/core/verbs";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { controlDb, ownerDb, staffCtx, stripeUrl } from "./support/db";
import { controlUrl } from "./support/ports";

/**
 * Staff at a tenant's billing panel (issue 10.8), in Chromium: a past-due Pro tenant subscribed at
 * the e2e platform's Stripe emulator gets more grace, a comp and a credit note through the
 * confirmation dialogs; what Stripe and the database hold afterwards is checked. Support staff see
 * the panel without actions and are refused the revenue page.
 */
const stripe = () => createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl() });

async function pastDueTenant() {
  const slug = `staffbill-${Date.now().toString(36)}`;
  const t = await createTenant({ ctx: staffCtx(), input: { name: "Harbor Lights", slug, plan: "pro" } });
  await activateTenant({ ctx: staffCtx(), input: { tenantId: t.id } });
  const client = stripe();
  const [price] = (await client.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
  const customer = await client.customers.create({ name: "Harbor Lights", email: `billing@${slug}.example` });
  const pm = await client.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  await client.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await client.subscriptions.create({ customer: customer.id, items: [{ price: price?.id ?? "" }] });
  const invoice = await client.invoices.retrieve(sub.latest_invoice as string);
  // The ledger as the webhook sync writes it, and a failed renewal's dunning.
  await withTenant(controlDb(), t.id, async (tx) => {
    await tx
      .insert(billingAccounts)
      .values({
        tenantId: t.id,
        stripeCustomerId: customer.id,
        stripeSubscriptionId: sub.id,
        subscriptionStatus: "past_due",
        billingInterval: "month",
        seats: 1,
        mrrCents: 999,
        paymentMethod: { brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 },
      })
      .onConflictDoUpdate({ target: billingAccounts.tenantId, set: { stripeCustomerId: customer.id } });
    await tx.insert(billingInvoices).values({
      id: invoice.id,
      tenantId: t.id,
      number: invoice.number,
      status: "paid",
      currency: "usd",
      totalCents: invoice.total,
      amountDueCents: invoice.amount_due,
      amountPaidCents: invoice.amount_paid,
      hostedInvoiceUrl: invoice.hosted_invoice_url,
      invoicePdf: invoice.invoice_pdf,
      stripeCreatedAt: new Date(invoice.created * 1000),
    });
    await syncDunningFromSubscription(tx, t.id, "past_due", new Date());
  });
  return { tenantId: t.id, sub, invoice };
}

async function staffSignIn(page: Page, email: string) {
  await page.goto(controlUrl("/staff/sign-in"));
  const form = page.getByRole("form", { name: "Staff sign in" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("staff-signed-in")).toBeVisible();
}

const graceUntil = async (tenantId: string) =>
  (await ownerDb().sql<{ grace_until: string }[]>`select grace_until from tenants where id = ${tenantId}`)[0]
    ?.grace_until;

/** Webhook deliveries held while a test runs: the ledger is what it seeds and what the verbs apply. */
const deliveries = (paused: boolean) =>
  fetch(`${stripeUrl()}/_emulator/webhooks/settings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ paused }),
  });

test.describe("[STAFF][BILLING] tenant billing panel", () => {
  test.beforeAll(async () => {
    expect((await deliveries(true)).ok).toBe(true);
  });
  test.afterAll(async () => {
    await deliveries(false);
  });

  test("extend grace, comp and a credit note through their dialogs; Stripe and the ledger follow", async ({ page }) => {
    const { tenantId, sub, invoice } = await pastDueTenant();
    await staffSignIn(page, "admin@musicalwheel.example");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(controlUrl(`/staff/tenants/${tenantId}`));
    await page.getByRole("link", { name: "Billing" }).click();
    await expect(page.getByRole("heading", { name: "Billing · Harbor Lights" })).toBeVisible();
    await expect(page.getByTestId("dunning-state")).toHaveText("Past due (grace)");
    await expect(page.getByTestId("payment-method")).toContainText("ending in 4242");
    await expect(page.getByRole("link", { name: "Webhook events" })).toHaveAttribute(
      "href",
      `/staff/tenants/${tenantId}/billing/events`,
    );

    const before = new Date((await graceUntil(tenantId)) as string).getTime();
    await page.getByRole("button", { name: "Extend grace" }).click();
    const grace = page.getByRole("alertdialog");
    await grace.getByLabel("Add").selectOption("14");
    await page.screenshot({ path: "test-results/screens/staff-billing-grace-1440.png" });
    await grace.getByRole("button", { name: "Extend grace" }).click();
    await expect(page.getByText("Grace extended by 14 days.", { exact: true })).toBeVisible();
    expect(new Date((await graceUntil(tenantId)) as string).getTime()).toBe(before + 14 * 86_400_000);

    await page.getByRole("button", { name: "Comp subscription" }).click();
    const comp = page.getByRole("alertdialog");
    await comp.getByLabel("Reason (shown in the audit log)").fill("Festival partner 2027");
    await comp.getByRole("button", { name: "Comp", exact: true }).click();
    await expect(
      page.getByText("Comped: the subscription is 100 % off from its next invoice.", { exact: true }),
    ).toBeVisible();
    // Applied from Stripe's answer at once (no webhook is delivered during this test).
    await expect(page.getByRole("button", { name: "Remove comp" })).toBeVisible();
    await expect(page.getByTestId("billing-mrr")).toHaveText("$0.00");
    await expect(page.getByTestId("billing-coupon")).toContainText("mw_comp_100");
    await expect(page.getByTestId("payment-method")).toContainText("ending in 4242");
    const comped = await stripe().subscriptions.retrieve(sub.id, { expand: ["discounts"] });
    expect(comped.discounts.map((d) => (typeof d === "string" ? d : d.source.coupon))).toEqual(["mw_comp_100"]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: `Credit note on invoice ${invoice.number}` }).click();
    const credit = page.getByRole("alertdialog");
    await credit.getByLabel("Amount").fill("2.50");
    await credit.getByLabel("Reason").selectOption("order_change");
    await credit.getByLabel(/Memo/).fill("Seat removed mid-month");
    await page.screenshot({ path: "test-results/screens/staff-billing-credit-390.png" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await credit.getByRole("button", { name: "Record credit note" }).click();
    await expect(page.getByText(/^Credit note .+ recorded at Stripe\.$/)).toBeVisible();
    const notes = await stripe().creditNotes.list({ invoice: invoice.id });
    expect(notes.data.map((n) => [n.amount, n.reason, n.memo])).toEqual([
      [250, "order_change", "Seat removed mid-month"],
    ]);

    const audit = await ownerDb().sql<{ action: string }[]>`
      select action from audit_events where tenant_id = ${tenantId} and action like 'billing.%' order by seq`;
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "billing.dunning.grace_extended",
        "billing.subscription.comp",
        "billing.credit_note.create",
      ]),
    );
    await page.screenshot({ path: "test-results/screens/staff-billing-after-390.png", fullPage: true });
  });

  test("support staff read the panel without its actions and are refused the revenue page", async ({ page }) => {
    const { tenantId } = await pastDueTenant();
    await staffSignIn(page, "support@musicalwheel.example");
    await page.goto(controlUrl(`/staff/tenants/${tenantId}/billing`));
    await expect(page.getByTestId("dunning-state")).toHaveText("Past due (grace)");
    await expect(page.getByText("Your staff role can look but not change billing.")).toBeVisible();
    for (const name of ["Extend grace", "Comp subscription", /Credit note/]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
    await expect(page.getByRole("link", { name: "Revenue" })).toHaveCount(0);
    const res = await page.goto(controlUrl("/staff/revenue"));
    expect(res?.status()).toBe(403);
  });
});
