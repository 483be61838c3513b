import { expect, type Page } from "@playwright/test";
import { tenantUrl } from "./ports";

export const DEMO_PASSWORD = "musicalwheel-demo";

/** Sign in through the tenant's own sign-in form, as a person would. */
export async function signIn(page: Page, slug: string, email: string, password = DEMO_PASSWORD, next = "/artists") {
  await page.goto(tenantUrl(slug, `/sign-in?next=${encodeURIComponent(next)}`));
  const form = page.getByRole("form", { name: "Sign in with password" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}
