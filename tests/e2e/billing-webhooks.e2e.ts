import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY } from "@mw/core/adapters/stripe";
import { activateTenant, createTenant } from "@mw/core/verbs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { ownerDb, staffCtx, stripeUrl } from "./support/db";
import { controlUrl } from "./support/ports";

/**
 * A subscription made at Stripe reaches the tenant through the real path — the emulator signs and
 * POSTs to the control plane's /api/webhooks/stripe, the worker processes — and staff read it in
 * the tenant's billing event log, and replay an event.
 */
test.describe("[STAFF][BILLING] Stripe webhook event log", () => {
  test("a subscription arrives by webhook; staff see the events with their results and replay one", async ({
    page,
  }) => {
    const slug = `e2e-hooks-${Date.now().toString(36)}`;
    const row = await createTenant({ ctx: staffCtx(), input: { name: "Harbor Hooks", slug, plan: "free" } });
    await activateTenant({ ctx: staffCtx(), input: { tenantId: row.id } });
    const stripe = createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl() });
    const customer = await stripe.customers.create({ name: "Harbor Hooks", metadata: { tenantId: row.id } });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const [pro] = (await stripe.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro?.id as string }] });

    await expect
      .poll(async () => (await ownerDb().sql`select plan from tenants where id = ${row.id}`)[0]?.plan, {
        timeout: 15_000,
      })
      .toBe("pro");

    await page.goto(controlUrl("/staff/sign-in"));
    const signIn = page.getByRole("form", { name: "Staff sign in" });
    await signIn.getByLabel("E-mail").fill("admin@musicalwheel.example");
    await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/staff$/);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(controlUrl(`/staff/tenants/${row.id}/billing/events`));
    await expect(page.getByRole("heading", { name: "Billing events" })).toBeVisible();
    const table = page.getByRole("region", { name: "Billing events" });
    const created = table.getByRole("row").filter({ hasText: "customer.subscription.created" });
    await expect(created).toContainText("Processed");
    // Whichever event was processed first made the change (each re-fetches); the other found none.
    await expect(table).toContainText("plan free → pro");
    await expect(table.getByRole("row").filter({ hasText: "invoice.paid" })).toContainText("Processed");
    await page.screenshot({ path: "test-results/screens/staff-billing-events-1440.png", fullPage: true });

    await created.getByRole("button", { name: "Replay" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("never back to the moment of this event");
    await dialog.getByRole("button", { name: "Replay" }).click();
    await expect(page.getByText("Queued: the event is processed again", { exact: false }).first()).toBeVisible();
    // Processed again against Stripe's current state: nothing to change, two attempts.
    await expect(created).toContainText("no change (pro, active)", { timeout: 15_000 });
    await expect(created.getByRole("cell").nth(4)).toHaveText("2");
    const replays = await ownerDb().sql`
      select actor_type from audit_events where tenant_id = ${row.id} and action = 'billing.webhook.replay'`;
    expect(replays).toEqual([{ actor_type: "staff" }]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Billing events" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/screens/staff-billing-events-390.png", fullPage: true });
  });
});
