import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * The HTTP edge as an attacker meets it (ADR on HTTP edge hardening): open redirects through
 * `next`, refusals, forwarded headers, default secrets and security headers.
 */

/** Overwrite the hidden `next` the page rendered, as a crafted POST would, then sign in. */
async function submitWithNext(page: Page, formName: string, next: string, fill: Record<string, string>) {
  const form = page.getByRole("form", { name: formName });
  await form.locator('input[name="next"]').evaluate((el, v) => {
    (el as HTMLInputElement).value = v;
  }, next);
  for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
  await form.getByRole("button", { name: "Sign in" }).click();
}

// Each value reached the redirect before the fix: a tab (browsers strip it, leaving //evil.example),
// a backslash (a slash to browsers), a newline (an invalid Location header: HTTP 500).
const HOSTILE_NEXT = ["/\t/evil.example", "/\\evil.example", "/artists\nx", "//evil.example", "/%2F/evil.example"];

test.describe("[SECURITY][REDIRECT] `next` never leaves the site", () => {
  test("tenant sign-in: the query string's encoded tab is not followed", async ({ page }) => {
    await page.goto(tenantUrl("forest-fm", "/sign-in?next=/%09/evil.example"));
    await expect(page.locator('input[name="next"]')).toHaveValue("/artists");
    const form = page.getByRole("form", { name: "Sign in with password" });
    await form.getByLabel("E-mail").fill("owner@forest-fm.example");
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(tenantUrl("forest-fm", "/artists"));
  });

  for (const next of HOSTILE_NEXT) {
    test(`tenant sign-in action: ${JSON.stringify(next)} lands on /artists`, async ({ page }) => {
      const errors: number[] = [];
      page.on("response", (r) => {
        if (r.status() >= 500) errors.push(r.status());
      });
      await page.goto(tenantUrl("forest-fm", "/sign-in"));
      await submitWithNext(page, "Sign in with password", next, {
        "E-mail": "owner@forest-fm.example",
        Password: DEMO_PASSWORD,
      });
      await expect(page).toHaveURL(tenantUrl("forest-fm", "/artists"));
      expect(errors).toEqual([]);
    });
  }

  test("staff sign-in: hostile `next` in the query and in the form land on /staff", async ({ page }) => {
    await page.goto(controlUrl("/staff/sign-in?next=/%09/evil.example"));
    await expect(page.locator('input[name="next"]')).toHaveValue("/staff");
    await submitWithNext(page, "Staff sign in", "/artists\n/\\evil.example", {
      "E-mail": "admin@musicalwheel.example",
      Password: DEMO_PASSWORD,
    });
    await expect(page).toHaveURL(controlUrl("/staff"));
  });

  test("console sign-in: `next` stays inside the console, dot segments too", async ({ page }) => {
    await page.goto(controlUrl("/console/sign-in?next=/console/../staff"));
    await expect(page.locator('input[name="next"]')).toHaveValue("/console");
    await submitWithNext(page, "Sign in to the admin console", "/\t/evil.example", {
      "Organization slug": "forest-fm",
      "E-mail": "owner@forest-fm.example",
      Password: DEMO_PASSWORD,
    });
    await expect(page).toHaveURL(controlUrl("/console"));
  });
});
