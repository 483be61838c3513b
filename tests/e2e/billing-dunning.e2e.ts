import {
  advanceDunning,
  onPaymentFailed,
  onPaymentSucceeded,
  syncDunningFromSubscription,
} from "@mw/core/billing/dunning";
import { withTenant } from "@mw/core/db";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { controlDb, ownerDb, tenantBySlug } from "./support/db";
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

async function consoleSignIn(page: Page, email: string) {
  await page.goto(controlUrl(`/console/sign-in?org=${SLUG}`));
  const form = page.getByRole("form", { name: "Sign in to the admin console" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
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
    } finally {
      // Whatever happened, the demo tenant is left in good standing for the other journeys.
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentSucceeded(tx, tenant.id, invoice, new Date()));
    }
  });
});
