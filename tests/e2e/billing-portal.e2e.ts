import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY } from "@mw/core/adapters/stripe";
import { inviteMember } from "@mw/core/verbs";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { ownerCtx, ownerDb, stripeUrl, tenantBySlug } from "./support/db";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * The billing portal journey (issue 10.4/10.9): a billing manager of a Free tenant upgrades to Pro
 * through Stripe's hosted checkout page (the emulator's), a declined card first; back in the
 * console the plan shows as Pro in trial, and the tenant's events page — behind the Pro plan —
 * opens on the tenant's own host within seconds, carried there by Stripe's webhook alone.
 */

const SLUG = "sunset-sounds";

/** A billing manager, invited by the owner and joined through the invitation page. */
async function billingManager(page: Page): Promise<string> {
  const tenant = await tenantBySlug(SLUG);
  const email = `billing-${Date.now()}@${SLUG}.example`;
  const { token } = await inviteMember({ ctx: ownerCtx(tenant), input: { email, roleKeys: ["billing_manager"] } });
  await page.goto(tenantUrl(SLUG, `/invite/${token}`));
  const accept = page.getByRole("form", { name: "Accept invitation" });
  await accept.getByLabel(/name/i).fill("Bea Billing");
  await accept.getByLabel(/password/i).fill(DEMO_PASSWORD);
  await accept.getByRole("button").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/invite/"));
  return email;
}

async function consoleSignIn(page: Page, email: string) {
  await page.goto(controlUrl(`/console/sign-in?org=${SLUG}&next=${encodeURIComponent("/console/billing")}`));
  const form = page.getByRole("form", { name: "Sign in to the admin console" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/console\/billing$/);
}

async function payWith(page: Page, card: string) {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /start trial|subscribe/i }).click();
}

test.describe("[BILLING][PORTAL] upgrade from Free through Checkout", () => {
  test.describe.configure({ timeout: 120_000 });

  test.afterAll(async () => {
    // Back to Free for the journeys that expect sunset-sounds there: the subscription ends at
    // Stripe, and the webhook takes the tenant back, as it would for a real cancellation.
    const [row] = await ownerDb().sql<{ id: string; sub: string | null }[]>`
      select t.id, b.stripe_subscription_id as sub from tenants t
        left join billing_accounts b on b.tenant_id = t.id where t.slug = ${SLUG}`;
    if (!row?.sub) return;
    const stripe = createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl() });
    await stripe.subscriptions.cancel(row.sub);
    await expect
      .poll(async () => (await ownerDb().sql`select plan from tenants where id = ${row.id}`)[0]?.plan, {
        timeout: 20_000,
      })
      .toBe("free");
  });

  test("a billing manager upgrades sunset-sounds to Pro; a declined card is refused on the checkout page; the events page unlocks on the tenant's host", async ({
    browser,
  }) => {
    // An owner on the tenant's site sees the plan gate on events before the upgrade.
    const site = await (await browser.newContext()).newPage();
    await signIn(site, SLUG, `owner@${SLUG}.example`, DEMO_PASSWORD, "/events");
    await expect(site.getByTestId("upgrade-prompt")).toBeVisible();

    const page = await (await browser.newContext()).newPage();
    const email = await billingManager(page);
    await consoleSignIn(page, email);
    const pro = page.getByTestId("plan-pro");
    await expect(page.getByTestId("plan-free")).toContainText("Current plan");
    await expect(pro).toContainText("$9.99");
    await pro.getByRole("button", { name: "Upgrade to Pro" }).click();

    // Stripe's hosted checkout page (the emulator's), on its own origin.
    await expect(page).toHaveURL(new RegExp(`^${stripeUrl()}/c/pay/cs_test_`));
    await expect(page.getByRole("heading", { name: "Subscribe" })).toBeVisible();
    await expect(page.getByText(/14 days free/)).toBeVisible();
    await payWith(page, "4000 0000 0000 0002");
    await expect(page.getByRole("alert")).toContainText(/declined/i);
    await expect(page).toHaveURL(new RegExp(`^${stripeUrl()}/c/pay/cs_test_`));
    await page.screenshot({ path: "test-results/screens/billing-checkout-declined.png", fullPage: true });

    await payWith(page, "4242 4242 4242 4242");
    await expect(page).toHaveURL(/\/console\/billing/);
    // The webhook makes it Pro; the page refreshes itself until it has.
    await expect(page.getByTestId("billing-plan")).toHaveText("Pro", { timeout: 15_000 });
    await expect(page.getByTestId("billing-status")).toHaveText("Trial");
    await expect(page.getByTestId("trial-days-left")).toHaveText(/1[34] days left/);
    await expect(page.getByTestId("plan-pro")).toContainText("Current plan");
    await page.screenshot({ path: "test-results/screens/billing-upgraded-pro.png", fullPage: true });

    const tenant = await tenantBySlug(SLUG);
    const [account] = await ownerDb().sql<{ status: string; customer: string }[]>`
      select subscription_status as status, stripe_customer_id as customer from billing_accounts
       where tenant_id = ${tenant.id}`;
    expect(account?.status).toBe("trialing");
    const audit = await ownerDb().sql<{ action: string }[]>`
      select action from audit_events where tenant_id = ${tenant.id} and action like 'billing.%' order by seq`;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["billing.checkout_start"]));

    // The tenant's own host: events open within seconds (NOTIFY → the runtime's tenant cache).
    await expect(async () => {
      await site.reload();
      await expect(site.getByTestId("upgrade-prompt")).toHaveCount(0);
      await expect(site.getByRole("heading", { name: "Upcoming events" })).toBeVisible();
    }).toPass({ timeout: 10_000, intervals: [500, 1000] });
    await site.screenshot({ path: "test-results/screens/billing-events-unlocked.png", fullPage: true });
  });
});
