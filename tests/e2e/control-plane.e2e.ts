import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { ownerDb, resendUrl, vercelUrl } from "./support/db";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

const stamp = Date.now().toString(36);
const slug = `harbor-${stamp}`;
const customDomain = `music.harbor-${stamp}.e2e.example`;
const ownerEmail = `owner@harbor-${stamp}.test`;
const ownerPassword = "harbor owner password";

async function latestMailTo(
  page: Page,
  to: string,
  subject = /./,
): Promise<{ subject: string; html: string; from: string }> {
  let mail: { subject: string; html: string; from: string } | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${resendUrl()}/_emulator/emails?to=${encodeURIComponent(to)}`);
        const all = ((await res.json()) as { data: { subject: string; html: string; from: string }[] }).data;
        mail = all.find((m) => subject.test(m.subject));
        return Boolean(mail);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return mail as { subject: string; html: string; from: string };
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Console" });

async function consoleSignIn(page: Page) {
  await page.goto(controlUrl("/console/sign-in"));
  const form = page.getByRole("form", { name: "Sign in to the admin console" });
  await form.getByLabel("Organization slug").fill(slug);
  await form.getByLabel("E-mail").fill(ownerEmail);
  await form.getByLabel("Password").fill(ownerPassword);
  await form.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/console$/);
}

test.describe
  .serial("[CONTROL] a customer from onboarding to a working branded instance", () => {
    test("[STAFF][ONBOARDING] staff onboards a customer with a custom domain and watches it provision", async ({
      page,
    }) => {
      await page.goto(controlUrl("/staff"));
      await expect(page).toHaveURL(/\/staff\/sign-in/);
      const signIn = page.getByRole("form", { name: "Staff sign in" });
      await signIn.getByLabel("E-mail").fill("admin@musicalwheel.example");
      await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
      await signIn.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("tenant-table")).toContainText("Aurora Records");

      await page.getByRole("link", { name: "Onboard a customer" }).first().click();
      const form = page.getByRole("form", { name: "Onboard a customer" });
      await form.getByLabel("Customer name").fill("Harbor Beats");
      await form.getByLabel(/^Slug/).fill("admin");
      await form.getByLabel("Plan").selectOption("pro");
      await form.getByLabel(/^Owner e-mail/).fill(ownerEmail);
      await form.getByLabel(/^Custom domains/).fill(customDomain);
      await form.getByLabel("Theme preset").selectOption("sunset");
      await form.getByRole("button", { name: "Start provisioning" }).click();
      await expect(form.getByLabel(/^Slug/)).toHaveAccessibleDescription(/reserved/);
      await form.getByLabel(/^Slug/).fill(slug);
      await form.getByRole("button", { name: "Start provisioning" }).click();

      await expect(page).toHaveURL(/\/staff\/runs\/prv_/);
      await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 30_000 });
      for (const step of ["reserve-tenant", "initial-theme", "custom-domains", "owner-invitation", "activate"]) {
        await expect(page.locator(`[data-step="${step}"]`)).toContainText("Succeeded");
      }
      await expect(page.getByRole("link", { name: "Open tenant" })).toBeVisible();
      await page.screenshot({ path: "test-results/screens/staff-run-succeeded.png", fullPage: true });

      const [tenant] = await ownerDb().sql`select id, status, plan from tenants where slug = ${slug}`;
      expect(tenant).toMatchObject({ status: "active", plan: "pro" });
      const domains = await ownerDb()
        .sql`select hostname, kind, status from domains where tenant_id = ${tenant?.id} order by kind`;
      expect(domains.map((d) => `${d.kind}:${d.status}`)).toEqual(["platform:verified", "custom:pending"]);
    });

    test("[TENANT][INVITATION] the owner accepts the invitation on the tenant's host", async ({ page }) => {
      const mail = await latestMailTo(page, ownerEmail);
      expect(mail.from).toContain("Harbor Beats");
      const link = mail.html.match(/href="(http:\/\/[^"]+\/invite\/[^"]+)"/)?.[1]?.replaceAll("&amp;", "&");
      expect(link).toContain(`${slug}.localhost:${E2E.tenantAppPort}/invite/`);
      await page.goto(link as string);
      const form = page.getByRole("form", { name: "Accept invitation" });
      await form.getByLabel("Your name").fill("Hana Harbor");
      await form.getByLabel(/^Choose a password/).fill(ownerPassword);
      await form.getByRole("button", { name: "Accept invitation" }).click();
      await expect(page.getByTestId("signed-in-as")).toContainText("Hana Harbor");
      await expect(page.getByTestId("signed-in-as")).toContainText("owner");
    });

    test("[TENANT][ADMIN][PATHS] the invitation, the welcome e-mail and the site lead the owner to the console, no slug asked", async ({
      page,
    }) => {
      const consoleLink = controlUrl(`/console/sign-in?org=${slug}`);
      const invitation = await latestMailTo(page, ownerEmail, /invited/);
      expect(invitation.html).toContain(`href="${consoleLink}"`);
      const welcome = await latestMailTo(page, ownerEmail, /^Welcome/);
      expect(welcome.html).toContain(`href="${consoleLink}"`);

      await page.goto(tenantUrl(slug, "/artists"));
      await expect(page).toHaveURL(/\/sign-in/);
      const site = page.getByRole("form", { name: "Sign in with password" });
      await site.getByLabel("E-mail").fill(ownerEmail);
      await site.getByLabel("Password").fill(ownerPassword);
      await site.getByRole("button", { name: /sign in/i }).click();
      await expect(page.getByTestId("signed-in-as")).toContainText("Hana Harbor");
      await page.screenshot({ path: "test-results/screens/site-admin-console-link.png", fullPage: true });
      await page.getByRole("link", { name: "Admin console" }).click();
      await expect(page).toHaveURL(consoleLink);
      await expect(page.getByTestId("sign-in-organization")).toHaveText("Organization: Harbor Beats");
      const form = page.getByRole("form", { name: "Sign in to the admin console" });
      await expect(form.getByLabel("Organization slug")).toHaveCount(0);
      await page.screenshot({ path: "test-results/screens/console-sign-in-known-org.png", fullPage: true });
      await form.getByLabel("E-mail").fill(ownerEmail);
      await form.getByLabel("Password").fill(ownerPassword);
      await form.getByRole("button", { name: /sign in/i }).click();
      await expect(page).toHaveURL(/\/console$/);
      // Signed out, the way back in still knows the organization.
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByTestId("sign-in-organization")).toHaveText("Organization: Harbor Beats");
      // A hint naming no organization falls back to the form that asks for the slug.
      await page.goto(controlUrl("/console/sign-in?org=no-such-org-here"));
      await expect(form.getByLabel("Organization slug")).toBeVisible();
    });

    test("[ADMIN][DOMAINS] the owner verifies the custom domain and the site answers on it", async ({ page }) => {
      await consoleSignIn(page);
      await nav(page).getByRole("link", { name: "Domains" }).click();
      await expect(page.getByText(customDomain).first()).toBeVisible();
      // The customer creates the DNS records the page lists (in the emulator's DNS), then asks us to
      // check: our ownership TXT record, as shown, and Vercel's records.
      const ownership = page.locator('[data-testid="dns-record"]', { hasText: `_musicalwheel.${customDomain}` });
      const [name, value] = await ownership.locator("code").allTextContents();
      expect(name).toBe(`_musicalwheel.${customDomain}`);
      expect(value).toMatch(/^musicalwheel-verify=[0-9a-f]{32}$/);
      const txt = await page.request.post(`${vercelUrl()}/_emulator/txt`, { data: { name, values: [value] } });
      expect(txt.ok()).toBe(true);
      const dns = await page.request.post(`${vercelUrl()}/_emulator/dns`, {
        data: { domain: customDomain, txt: true, misconfigured: false },
      });
      expect(dns.ok()).toBe(true);
      await page.getByRole("button", { name: "Check now" }).first().click();
      await expect
        .poll(
          async () => (await ownerDb().sql`select status from domains where hostname = ${customDomain}`)[0]?.status,
          { timeout: 15_000 },
        )
        .toBe("verified");
      await page.screenshot({ path: "test-results/screens/console-domains.png", fullPage: true });
      await expect
        .poll(async () => (await page.goto(`http://${customDomain}:${E2E.tenantAppPort}/`))?.status(), {
          timeout: 15_000,
        })
        .toBe(200);
      await expect(page).toHaveTitle("Harbor Beats");
    });

    test("[ADMIN][THEME] the owner changes the theme and sees it live", async ({ page }) => {
      await consoleSignIn(page);
      await nav(page).getByRole("link", { name: "Theme" }).click();
      await page.getByLabel("Primary (light)", { exact: true }).fill("#1d4ed8");
      await page.screenshot({ path: "test-results/screens/console-theme-editor.png", fullPage: true });
      await page.getByRole("button", { name: "Publish" }).click();
      await expect(page.getByText(/published/i).first()).toBeVisible();
      await expect
        .poll(
          async () => {
            await page.goto(tenantUrl(slug));
            return page.evaluate(() =>
              getComputedStyle(document.documentElement).getPropertyValue("--mw-color-primary").trim(),
            );
          },
          { timeout: 15_000, intervals: [300] },
        )
        .toBe("#1d4ed8");
    });

    test("[ADMIN][MEMBERS][AUDIT] the owner invites a member with a custom role and finds it all in the audit log", async ({
      page,
    }) => {
      await consoleSignIn(page);
      await page.goto(controlUrl("/console/roles/new"));
      const roleForm = page.getByRole("form", { name: "Create role" });
      await roleForm.getByLabel("Name").fill("Curator");
      await roleForm.locator('input[name="grants"][value="artist.read"]').check();
      await roleForm.locator('input[name="grants"][value="artist.update"]').check();
      await roleForm.getByRole("button", { name: /create/i }).click();
      await expect(page.getByRole("region", { name: "Custom roles" })).toContainText("Curator");

      await nav(page).getByRole("link", { name: "Members" }).click();
      // The owner signed in moments ago (last seen then); the relative time is formatted in the browser.
      const owner = page.locator(`[data-testid="member-row"][data-email="${ownerEmail}"]`);
      await expect(owner.getByTestId("last-seen")).toHaveText(/^(now|\d+ (seconds?|minutes?) ago)$/);
      await expect(owner.getByTestId("last-seen").locator("time")).toHaveAttribute("dateTime", /^\d{4}-\d{2}-\d{2}T/);
      const invite = page.getByRole("form", { name: "Invite a member" });
      await invite.getByLabel("E-mail").fill(`curator@harbor-${stamp}.test`);
      await invite.locator('input[name="roleKeys"][value="member"]').uncheck();
      await invite.locator('input[name="roleKeys"][value="curator"]').check();
      await invite.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(
        `curator@harbor-${stamp}.test`,
      );
      const mail = await latestMailTo(page, `curator@harbor-${stamp}.test`);
      expect(mail.html).toContain("Curator");

      await nav(page).getByRole("link", { name: "Audit log" }).click();
      const table = page.getByRole("region", { name: "Audit events" });
      for (const action of [
        "role.create",
        "invitation.create",
        "theme.publish",
        "domain.verify",
        "invitation.accept",
        "tenant.activate",
      ]) {
        await expect(table, action).toContainText(action);
      }
      // Targets by name, not id: the published theme reads as its name and version.
      const published = table.locator('[data-testid="audit-row"][data-action="theme.publish"]').first();
      await expect(published).toContainText(/\(v\d+\)/);
      await expect(published).not.toContainText("thm_");
      await expect(page.getByText(/Integrity verified/)).toBeVisible({ timeout: 15_000 });
      await page.screenshot({ path: "test-results/screens/console-audit.png", fullPage: true });
    });

    test("[STAFF][OFFBOARDING] staff offboards the customer: archive to download, hosts stop answering", async ({
      page,
    }) => {
      await page.goto(controlUrl("/staff/sign-in"));
      const signIn = page.getByRole("form", { name: "Staff sign in" });
      await signIn.getByLabel("E-mail").fill("admin@musicalwheel.example");
      await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
      await signIn.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("textbox", { name: "Search" }).fill(slug);
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("link", { name: "Harbor Beats" }).click();
      await page.getByRole("button", { name: "Offboard" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Offboard Harbor Beats?" });
      await dialog.getByLabel("Reason (shown in the audit log)").fill("e2e: contract ended");
      const confirm = dialog.getByRole("button", { name: "Offboard" });
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
      await confirm.click();
      await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 30_000 });
      const download = await page.request.get(
        controlUrl(
          new URL(await page.getByTestId("archive-link").evaluate((a) => (a as HTMLAnchorElement).href)).pathname,
        ),
      );
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("application/gzip");
      const { gunzipSync } = await import("node:zlib");
      const archive = JSON.parse(gunzipSync(await download.body()).toString("utf8")) as Record<string, unknown>;
      expect(JSON.stringify(archive)).toContain("Harbor Beats");
      expect(JSON.stringify(archive)).not.toContain("$argon2");
      await expect.poll(async () => (await page.goto(tenantUrl(slug)))?.status(), { timeout: 15_000 }).toBe(404);
      await expect
        .poll(async () => (await page.goto(`http://${customDomain}:${E2E.tenantAppPort}/`))?.status(), {
          timeout: 15_000,
        })
        .toBe(404);
    });
  });
