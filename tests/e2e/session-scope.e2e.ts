import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { tenantBySlug } from "./support/db";
import { controlUrl, E2E } from "./support/ports";

/**
 * Issue 7.8: the Mailbox holds every member's sign-in links, so only platform admins read it; and a
 * session opens only the place it was opened for (tenant site, admin console, staff console).
 */
async function staffSignIn(page: Page, email: string) {
  await page.goto(controlUrl("/staff/sign-in"));
  const form = page.getByRole("form", { name: "Staff sign in" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("staff-signed-in")).toBeVisible();
}

async function cookieValue(page: Page, name: string): Promise<string> {
  const c = (await page.context().cookies()).find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} cookie`);
  return c.value;
}

const consoleGet = (request: APIRequestContext, path: string, cookie: string) =>
  request.get(controlUrl(path), { maxRedirects: 0, headers: { cookie } });

const siteGet = (request: APIRequestContext, slug: string, path: string, cookie: string) =>
  request.get(`http://localhost:${E2E.tenantAppPort}${path}`, {
    maxRedirects: 0,
    headers: { host: `${slug}.localhost:${E2E.tenantAppPort}`, cookie },
  });

test.describe("[STAFF][SECURITY] the Mailbox is for platform admins only", () => {
  test("support staff see no Mailbox and get a 404 for it", async ({ page }) => {
    await staffSignIn(page, "support@musicalwheel.example");
    const nav = page.getByRole("navigation", { name: "Staff" });
    await expect(nav.getByRole("link", { name: "Tenants" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Mailbox" })).toHaveCount(0);
    const res = await page.goto(controlUrl("/staff/mailbox"));
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("mailbox")).toHaveCount(0);
    // Not through the page's data either: the same request without the browser.
    const direct = await consoleGet(page.request, "/staff/mailbox", `mw_staff=${await cookieValue(page, "mw_staff")}`);
    expect(direct.status()).toBe(404);
    expect(await direct.text()).not.toContain("/auth/magic");
  });

  test("a platform admin reads it", async ({ page }) => {
    await staffSignIn(page, "admin@musicalwheel.example");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Mailbox" }).click();
    await expect(page.getByRole("heading", { name: "Mailbox" })).toBeVisible();
    await expect(page.getByTestId("mailbox")).toBeVisible();
  });
});

test.describe("[ADMIN][SECURITY] sessions open only where they were opened", () => {
  const slug = "sunset-sounds";
  const owner = `owner@${slug}.example`;

  test("a tenant site's session cookie placed in mw_console is refused, and the reverse", async ({ page, request }) => {
    const tenant = await tenantBySlug(slug);
    await signIn(page, slug, owner, DEMO_PASSWORD, "/account");
    const siteToken = await cookieValue(page, "mw_session");
    expect((await siteGet(request, slug, "/account", `mw_session=${siteToken}`)).status()).toBe(200);

    // The owner's site session, copied into the console's cookie: sent to sign-in, nothing shown.
    const crossed = await consoleGet(request, "/console", `mw_console=${tenant.id}.${siteToken}`);
    expect(crossed.status()).toBe(307);
    expect(crossed.headers().location).toContain("/console/sign-in");
    expect((await consoleGet(request, "/console/members", `mw_console=${tenant.id}.${siteToken}`)).status()).toBe(307);

    // A real console sign-in works there, and its token is no site session.
    await page.goto(controlUrl("/console/sign-in"));
    const form = page.getByRole("form", { name: "Sign in to the admin console" });
    await form.getByLabel("Organization slug").fill(slug);
    await form.getByLabel("E-mail").fill(owner);
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console$/);
    const consoleCookie = await cookieValue(page, "mw_console");
    expect((await consoleGet(request, "/console", `mw_console=${consoleCookie}`)).status()).toBe(200);
    const consoleToken = consoleCookie.slice(consoleCookie.indexOf(".") + 1);
    const reverse = await siteGet(request, slug, "/account", `mw_session=${consoleToken}`);
    expect(reverse.status()).toBe(307);
    expect(reverse.headers().location).toContain("/sign-in");
  });

  test("staff and tenant tokens do not stand in for each other", async ({ page, request }) => {
    const tenant = await tenantBySlug(slug);
    await staffSignIn(page, "admin@musicalwheel.example");
    const staffToken = await cookieValue(page, "mw_staff");
    expect((await consoleGet(request, "/staff", `mw_staff=${staffToken}`)).status()).toBe(200);
    expect((await consoleGet(request, "/console", `mw_console=${tenant.id}.${staffToken}`)).status()).toBe(307);
    expect((await siteGet(request, slug, "/account", `mw_session=${staffToken}`)).status()).toBe(307);

    await signIn(page, slug, owner, DEMO_PASSWORD, "/account");
    const siteToken = await cookieValue(page, "mw_session");
    const asStaff = await consoleGet(request, "/staff", `mw_staff=${siteToken}`);
    expect(asStaff.status()).toBe(307);
    expect(asStaff.headers().location).toContain("/staff/sign-in");
  });
});
