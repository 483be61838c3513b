import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY, STRIPE_WEBHOOK_PATH } from "@mw/core/adapters/stripe";
import { expect, type Page, test } from "@playwright/test";
import { stripeUrl } from "./support/db";
import { controlUrl } from "./support/ports";

/**
 * The Stripe emulator's hosted checkout page in Chromium, as a billing manager meets it after
 * "Upgrade": a declined card, a 3-D Secure challenge failed then passed, and the redirect back to
 * the console with the session id. Runs against the e2e platform's own emulator (catalog synced
 * at start, webhook endpoint registered for the control plane).
 */
const stripe = () => createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl() });

async function newSession() {
  const client = stripe();
  const [pro] = (await client.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
  if (!pro) throw new Error("the catalog was not synced into the emulator at start");
  const customer = await client.customers.create({ email: `billing-${Date.now()}@checkout.e2e.example` });
  return client.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    line_items: [{ price: pro.id, quantity: 1 }],
    // The control plane's public landing page: the console's billing page would send this browser,
    // which has no console session, on to sign-in (the billing portal journey covers that page).
    success_url: controlUrl("/?checkout={CHECKOUT_SESSION_ID}"),
    cancel_url: controlUrl("/"),
    client_reference_id: "e2e",
  });
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Bea Billing");
  await page.getByRole("button", { name: "Subscribe" }).click();
}

test.describe("[BILLING][STRIPE] hosted checkout page", () => {
  test("a declined card, then 3-D Secure failed and passed, ends on success_url with the session id", async ({
    page,
  }) => {
    const session = await newSession();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(session.url as string);
    await expect(page.getByRole("heading", { name: "Subscribe" })).toBeVisible();
    await expect(page.getByText("1 × MusicalWheel Pro — $9.99 / month")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/stripe-checkout-1440.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/screens/stripe-checkout-390.png", fullPage: true });

    await fillCard(page, "4000 0000 0000 0002");
    await expect(page.getByRole("alert")).toHaveText("Your card was declined.");

    await fillCard(page, "4000 0025 0000 3155");
    await expect(page.getByRole("heading", { name: "3-D Secure authentication" })).toBeVisible();
    await page.getByRole("button", { name: "Fail authentication" }).click();
    await expect(page.getByRole("alert")).toContainText("We are unable to authenticate your payment method.");

    await fillCard(page, "4000 0025 0000 3155");
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("checkout") === session.id);

    const done = await stripe().checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
    expect(done.status).toBe("complete");
    expect((done.subscription as { status: string }).status).toBe("active");
    // The event went to the control plane's webhook route, signed (what it does with it is billing's).
    await expect
      .poll(async () => {
        const res = await page.request.get(`${stripeUrl()}/_emulator/deliveries?type=checkout.session.completed`);
        const { data } = (await res.json()) as { data: { url: string; attempts: unknown[] }[] };
        return data.filter((d) => d.url === controlUrl(STRIPE_WEBHOOK_PATH) && d.attempts.length > 0).length;
      })
      .toBeGreaterThan(0);
  });
});
