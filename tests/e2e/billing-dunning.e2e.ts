import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY } from "@mw/core/adapters/stripe";
import {
  advanceDunning,
  onPaymentFailed,
  onPaymentSucceeded,
  syncDunningFromSubscription,
} from "@mw/core/billing/dunning";
import { recordUsage } from "@mw/core/billing/usage";
import { withTenant } from "@mw/core/db";
import { activateTenant, createTenant, inviteMember } from "@mw/core/verbs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { controlDb, ownerCtx, ownerDb, staffCtx, stripeUrl, tenantBySlug } from "./support/db";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * Dunning as people meet it (issue 10.6): the past-due and restricted banners for admins and
 * billing managers (console and site, never members or visitors), paid features read-only while
 * restricted, the suspended page, and everything back the moment the invoice is paid. The states
 * are driven through the dunning functions the webhook handlers call; the runtime learns of each
 * through NOTIFY, as it would after a real webhook.
 */

const SLUG = "aurora-records";

async function dunningState(tenantId: string): Promise<string | undefined> {
  const [row] = await ownerDb().sql<
    { dunning_state: string }[]
  >`select dunning_state from tenants where id = ${tenantId}`;
  return row?.dunning_state;
}

async function shoot(page: Page, name: string) {
  for (const [size, width, height] of [
    ["1440", 1440, 900],
    ["390", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      `${name} at ${size} px`,
    ).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/screens/dunning-${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function consoleSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(controlUrl(`/console/sign-in?org=${SLUG}`));
  const form = page.getByRole("form", { name: "Sign in to the admin console" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/console$/);
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe("[BILLING][DUNNING] banners, restrictions and the suspended page", () => {
  test.describe.configure({ timeout: 180_000 });

  test("past due → restricted → suspended → paid, as owner, member and visitor see it", async ({ page, browser }) => {
    const tenant = await tenantBySlug(SLUG);
    const invoice = { id: `in_e2e_${Date.now()}`, amount_due: 999, currency: "usd", attempt_count: 1 };
    try {
      // Past due: the owner is warned with the days left, on the site and in the console.
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentFailed(tx, tenant.id, invoice, new Date()));
      await signIn(page, SLUG, `owner@${SLUG}.example`, DEMO_PASSWORD, "/events");
      const banner = page.getByTestId("dunning-banner");
      await expect
        .poll(
          async () => {
            await page.reload();
            return banner.getAttribute("data-state").catch(() => null);
          },
          { timeout: 10_000 },
        )
        .toBe("past_due");
      await expect(banner).toContainText(/Payment failed — \d+ days? left to pay/);
      await expect(page.getByTestId("dunning-pay-link")).toHaveAttribute("href", /next=%2Fconsole%2Fbilling/);
      await expect(page.getByRole("link", { name: "New event" })).toBeVisible();
      await shoot(page, "site-past-due");

      const member = await freshPage(browser);
      await signIn(member, SLUG, `editor@${SLUG}.example`, DEMO_PASSWORD, "/events");
      await expect(member.getByTestId("dunning-banner")).toHaveCount(0);

      const admin = await freshPage(browser);
      await consoleSignIn(admin, `owner@${SLUG}.example`);
      await expect(admin.getByTestId("dunning-banner")).toHaveAttribute("data-state", "past_due");
      await expect(admin.getByTestId("dunning-pay-link")).toHaveAttribute("href", "/console/billing");
      await shoot(admin, "console-past-due");

      // Restricted (Stripe gave up): events stay readable, nothing new can be made, a stronger banner.
      await withTenant(controlDb(), tenant.id, (tx) =>
        syncDunningFromSubscription(tx, tenant.id, "unpaid", new Date()),
      );
      await expect
        .poll(
          async () => {
            await page.reload();
            return banner.getAttribute("data-state").catch(() => null);
          },
          { timeout: 10_000 },
        )
        .toBe("restricted");
      await expect(banner).toContainText("Paid features are switched off");
      await expect(page.getByRole("heading", { name: "Upcoming events" })).toBeVisible();
      await expect(page.getByRole("link", { name: "New event" })).toHaveCount(0);
      await shoot(page, "site-restricted");
      await page.goto(tenantUrl(SLUG, "/events/new"));
      await expect(page.getByTestId("upgrade-prompt")).toContainText("invoice is unpaid");
      await expect(page.getByTestId("pay-link")).toBeVisible();
      await admin.reload();
      await expect(admin.getByTestId("dunning-banner")).toHaveAttribute("data-state", "restricted");
      await shoot(admin, "console-restricted");

      // Suspended: the site closes (503); the owner is told why, a visitor only that it is paused.
      await advanceDunning({ database: controlDb(), now: new Date(Date.now() + 60 * 86_400_000) });
      expect(await dunningState(tenant.id)).toBe("suspended");
      await expect
        .poll(async () => (await page.goto(tenantUrl(SLUG, "/events")))?.status(), { timeout: 10_000 })
        .toBe(503);
      await expect(page.getByTestId("suspended-billing")).toBeVisible();
      await expect(page.getByTestId("suspended-pay-link")).toHaveAttribute("href", /next=%2Fconsole%2Fbilling/);
      await shoot(page, "site-suspended-owner");
      const visitor = await freshPage(browser);
      expect((await visitor.goto(tenantUrl(SLUG, "/")))?.status()).toBe(503);
      await expect(visitor.getByTestId("suspended")).toContainText("is temporarily unavailable");
      await expect(visitor.getByTestId("suspended-billing")).toHaveCount(0);
      await admin.reload();
      await expect(admin.getByTestId("dunning-banner")).toHaveAttribute("data-state", "suspended");

      // Paid: everything back at once.
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentSucceeded(tx, tenant.id, invoice, new Date()));
      await expect
        .poll(async () => (await visitor.goto(tenantUrl(SLUG, "/")))?.status(), { timeout: 10_000 })
        .toBe(200);
      await page.goto(tenantUrl(SLUG, "/events"));
      await expect(page.getByRole("link", { name: "New event" })).toBeVisible();
      await expect(page.getByTestId("dunning-banner")).toHaveCount(0);
      await admin.reload();
      await expect(admin.getByTestId("dunning-banner")).toHaveCount(0);

      // Billing's usage page: what events and RSVPs counted this period, charted.
      const stamp = Date.now();
      await withTenant(controlDb(), tenant.id, async (tx) => {
        for (let i = 0; i < 3; i++) {
          await recordUsage(tx, {
            tenantId: tenant.id,
            meter: "events_published",
            quantity: 1,
            idempotencyKey: `e2e:${stamp}:${i}`,
          });
        }
        await recordUsage(tx, { tenantId: tenant.id, meter: "rsvps", quantity: 5, idempotencyKey: `e2e:${stamp}:r` });
      });
      await admin.goto(controlUrl("/console/billing/usage"));
      await expect(admin.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
      expect(
        Number((await admin.getByTestId("usage-rsvps-total").textContent())?.replace(/\D/g, "")),
      ).toBeGreaterThanOrEqual(5);
      await expect(admin.getByTestId("usage-events_published-chart")).toBeVisible();
      await shoot(admin, "console-usage");
    } finally {
      // Whatever happened, the demo tenant is left in good standing for the other journeys.
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentSucceeded(tx, tenant.id, invoice, new Date()));
    }
  });
});

test.describe("[BILLING][DUNNING][STRIPE] a failed renewal, end to end", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a renewal declined on the test clock shows the banner; paying the invoice on Stripe's page restores", async ({
    page,
  }) => {
    const stripe = createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl() });
    // A new Pro customer, its owner signed in on its site.
    const slug = `renewal-${Date.now().toString(36)}`;
    const row = await createTenant({ ctx: staffCtx(), input: { name: "Renewal Records", slug, plan: "pro" } });
    await activateTenant({ ctx: staffCtx(), input: { tenantId: row.id } });
    const tenant = await tenantBySlug(slug);
    const email = `owner@${slug}.e2e.example`;
    const password = "renewal-owner-passphrase";
    const { token } = await inviteMember({ ctx: ownerCtx(tenant), input: { email, roleKeys: ["owner"] } });
    await page.goto(tenantUrl(slug, `/invite/${token}`));
    const accept = page.getByRole("form", { name: "Accept invitation" });
    await accept.getByLabel("Your name").fill("Rita Renewal");
    await accept.getByLabel(/^Choose a password/).fill(password);
    await accept.getByRole("button", { name: "Accept invitation" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("Rita Renewal");

    // Its Stripe customer lives on a test clock, subscribed to Pro with a working card.
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    const customer = await stripe.customers.create({
      name: slug,
      email,
      metadata: { tenantId: tenant.id },
      test_clock: clock.id,
    });
    const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
    await ownerDb()
      .sql`insert into billing_accounts (tenant_id, stripe_customer_id) values (${tenant.id}, ${customer.id})`;
    const [pro] = (await stripe.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro?.id as string }] });
    await expect
      .poll(
        async () =>
          (await ownerDb().sql`select subscription_status from billing_accounts where tenant_id = ${tenant.id}`)[0]
            ?.subscription_status,
        { timeout: 20_000 },
      )
      .toBe("active");

    // The card starts failing (the emulator's dev switch); a month later the renewal is declined.
    const failing = await page.request.post(`${stripeUrl()}/_emulator/customers/${customer.id}/card`, {
      data: { card: "4000000000000341" },
    });
    expect(failing.ok()).toBe(true);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 32 * 86_400 });
    await expect.poll(async () => (await stripe.testHelpers.testClocks.retrieve(clock.id)).status).toBe("ready");

    // Stripe's webhook reaches the control plane, the worker marks the tenant past due, and the
    // owner's next page shows the banner.
    const banner = page.getByTestId("dunning-banner");
    await expect
      .poll(
        async () => {
          await page.goto(tenantUrl(slug, "/events"));
          return banner.getAttribute("data-state", { timeout: 1000 }).catch(() => null);
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toBe("past_due");
    await expect(banner).toContainText(/Payment failed — \d+ days? left to pay/);
    await shoot(page, "stripe-renewal-failed");

    // "Pay now" leads through the console's sign-in to Billing, whose invoice opens Stripe's page.
    await banner.getByTestId("dunning-pay-link").click();
    const signInForm = page.getByRole("form", { name: "Sign in to the admin console" });
    await signInForm.getByLabel("E-mail").fill(email);
    await signInForm.getByLabel("Password").fill(password);
    await signInForm.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console\/billing$/);
    await expect(page.getByTestId("dunning-banner")).toHaveAttribute("data-state", "past_due");
    const [open] = await ownerDb().sql<{ id: string; number: string | null; hosted_invoice_url: string }[]>`
      select id, number, hosted_invoice_url from billing_invoices where tenant_id = ${tenant.id} and status = 'open'`;
    expect(open).toBeDefined();
    const invoicePage = page.waitForEvent("popup");
    await page.getByRole("link", { name: new RegExp(`View invoice ${open?.number ?? open?.id}`) }).click();
    const stripePage = await invoicePage;
    await stripePage.getByLabel("Card number").fill("4242 4242 4242 4242");
    await stripePage.getByLabel("Expiration (MM / YY)").fill("12 / 34");
    await stripePage.getByLabel("CVC").fill("123");
    await stripePage.getByLabel("Name on card").fill("Rita Renewal");
    await stripePage.getByRole("button", { name: /^Pay / }).click();

    // invoice.paid → restored at once: the banner is gone from the site and the console.
    await expect
      .poll(
        async () => (await ownerDb().sql`select dunning_state from tenants where id = ${tenant.id}`)[0]?.dunning_state,
        {
          timeout: 30_000,
        },
      )
      .toBe("ok");
    await page.goto(tenantUrl(slug, "/events"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    await expect(page.getByTestId("dunning-banner")).toHaveCount(0);
    await page.goto(controlUrl("/console/billing"));
    await expect(page.getByTestId("dunning-banner")).toHaveCount(0);
  });
});
