import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { onPaymentFailed, onPaymentSucceeded, syncDunningFromSubscription } from "@mw/core/billing/dunning";
import { withTenant } from "@mw/core/db";
import { inviteMember } from "@mw/core/verbs";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { controlDb, ownerCtx, tenantBySlug } from "./support/db";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

/**
 * Every route of both apps, as each kind of user meets it, on a desktop and on a phone (issue 9):
 * axe-core must find nothing critical or serious, the page must not scroll sideways at 390 px, and
 * a full-page screenshot of each is written to test-results/screens/ui/ to be looked at. The axe
 * totals by impact (moderate and minor included) go to test-results/ui-quality.json.
 */

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

interface Finding {
  route: string;
  size: string;
  rule: string;
  impact: string;
  nodes: number;
}
const findings: Finding[] = [];
let scans = 0;

async function inspect(page: Page, who: string, url: string, opts: { status?: number } = {}) {
  const label = `${who} ${url}`;
  const failures: string[] = [];
  // A render error in the browser shows the error page with a 200: count the browser's own errors.
  const crashes: string[] = [];
  const onError = (e: Error) => crashes.push(e.message);
  page.on("pageerror", onError);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const res = await page.goto(url);
    expect(res?.status() ?? 0, label).toBe(opts.status ?? 200);
    // Not "networkidle": pages that poll (a run in progress) never go quiet.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    scans++;
    for (const v of axe.violations) {
      findings.push({ route: url, size: size.name, rule: v.id, impact: v.impact ?? "minor", nodes: v.nodes.length });
      if (v.impact === "critical" || v.impact === "serious") {
        const where = v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ");
        failures.push(`[${size.name}] ${v.impact} ${v.id}: ${v.help} — ${where}`);
      }
    }
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: window.innerWidth,
      lang: document.documentElement.lang,
      mains: document.querySelectorAll("main").length,
    }));
    if (width.scroll > width.view)
      failures.push(`[${size.name}] scrolls sideways: ${width.scroll}px > ${width.view}px`);
    if (!width.lang) failures.push(`[${size.name}] <html> has no lang`);
    if (width.mains !== 1) failures.push(`[${size.name}] ${width.mains} <main> elements`);
    if (await page.getByText("This page could not be shown just now.").count()) {
      failures.push(`[${size.name}] the error page is showing`);
    }
    const file = `${who}-${new URL(url).host.split(".")[0]}${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "_")}-${size.name}`;
    await page.screenshot({ path: `test-results/screens/ui/${file}.png`, fullPage: true });
  }
  page.off("pageerror", onError);
  for (const c of crashes) failures.push(`uncaught in the browser: ${c}`);
  expect(failures, label).toEqual([]);
}

async function hrefs(page: Page, pattern: RegExp): Promise<string[]> {
  const all = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(all.filter((h) => pattern.test(h)))];
}

async function consoleSignIn(page: Page, slug: string, email: string) {
  await page.goto(controlUrl(`/console/sign-in?org=${slug}`));
  const form = page.getByRole("form", { name: "Sign in to the admin console" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/console$/);
}

test.describe("[UI] every route: axe clean, no sideways scroll on a phone, screenshots", () => {
  test.describe.configure({ timeout: 300_000 });
  test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

  test.afterAll(() => {
    mkdirSync("test-results", { recursive: true });
    // A failed test restarts the worker: merge with what earlier workers of this run wrote.
    const file = "test-results/ui-quality.json";
    const before = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as { findings: Finding[]; scans: number })
      : null;
    const all = [...(before?.findings ?? []), ...findings];
    const allScans = (before?.scans ?? 0) + scans;
    const totals: Record<string, number> = {};
    for (const f of all) totals[f.impact] = (totals[f.impact] ?? 0) + f.nodes;
    writeFileSync(file, JSON.stringify({ scans: allScans, totals, findings: all }, null, 2));
    scans = 0;
    findings.length = 0;
    console.log(`[ui] ${allScans} axe scans so far; violations by impact (nodes): ${JSON.stringify(totals)}`);
  });

  test("visitors: two branded sites, their 404s, an unknown host, the control plane's public pages", async ({
    page,
  }) => {
    for (const slug of ["forest-fm", "aurora-records"]) {
      for (const path of ["/", "/sign-in", "/sign-up"]) await inspect(page, "visitor", tenantUrl(slug, path));
      await inspect(page, "visitor", tenantUrl(slug, "/no-such-page"), { status: 404 });
    }
    await inspect(page, "visitor", `http://nobody-here.localhost:${E2E.tenantAppPort}/`, { status: 404 });
    for (const path of ["/", "/staff/sign-in", "/console/sign-in", "/console/sign-in?org=forest-fm"]) {
      await inspect(page, "visitor", controlUrl(path));
    }
    await inspect(page, "visitor", controlUrl("/no-such-page"), { status: 404 });
  });

  test("end users: a member and a viewer on the tenant site", async ({ browser }) => {
    for (const local of ["editor", "guest"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, "forest-fm", `${local}@forest-fm.example`);
      const routes = ["/", "/artists", "/events", "/account"];
      if (local === "editor") routes.push("/artists/new", "/events/new");
      for (const path of routes) await inspect(page, local, tenantUrl("forest-fm", path));
      await page.goto(tenantUrl("forest-fm", "/artists"));
      const [artist] = await hrefs(page, /^\/artists\/art_[^/]+$/);
      if (artist) await inspect(page, local, tenantUrl("forest-fm", artist));
      await context.close();
    }
  });

  test("tenant admin: the site's member pages and every admin console page", async ({ page }) => {
    await signIn(page, "forest-fm", "owner@forest-fm.example");
    for (const path of ["/", "/artists", "/artists/new", "/events", "/events/new", "/analytics", "/account"]) {
      await inspect(page, "owner", tenantUrl("forest-fm", path));
    }
    await page.goto(tenantUrl("forest-fm", "/artists"));
    const [artist] = await hrefs(page, /^\/artists\/art_[^/]+$/);
    if (artist) {
      await inspect(page, "owner", tenantUrl("forest-fm", artist));
      await inspect(page, "owner", tenantUrl("forest-fm", `${artist}/edit`));
    }
    await consoleSignIn(page, "forest-fm", "owner@forest-fm.example");
    const console = [
      "/console",
      "/console/theme",
      "/console/domains",
      "/console/members",
      "/console/roles",
      "/console/billing",
    ];
    for (const path of [...console, "/console/roles/new", "/console/audit"]) {
      await inspect(page, "owner", controlUrl(path));
    }
    await page.goto(controlUrl("/console/roles"));
    const [role] = await hrefs(page, /^\/console\/roles\/(?!new)[^/]+$/);
    if (role) await inspect(page, "owner", controlUrl(role));
  });

  test("[FEEDBACK][HOME] the owner's changes say what happened and reach the cached home page", async ({ page }) => {
    const name = `Showcase Band ${Date.now()}`;
    const home = async () => {
      await page.goto(tenantUrl("forest-fm", "/"));
      return (await page.getByTestId("featured-artists").textContent()) ?? "";
    };
    await signIn(page, "forest-fm", "owner@forest-fm.example");
    await page.goto(tenantUrl("forest-fm", "/artists/new"));
    const form = page.getByRole("form", { name: "New artist" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Genre").fill("Jazz");
    await form.getByRole("button", { name: "Create artist" }).click();
    await expect(page.getByText("Artist created.", { exact: true })).toBeVisible();
    // The outcome code leaves the address once shown: a reload says nothing twice.
    await expect(page).toHaveURL(/\/artists\/art_[^/?]+$/);
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByRole("form", { name: "Edit artist" }).getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.", { exact: true })).toBeVisible();

    await page.goto(tenantUrl("forest-fm", "/events/new"));
    const event = page.getByRole("form", { name: "New event" });
    await event.getByLabel("Title").fill(`${name} live`);
    await event.getByLabel("Starts at").fill(`${new Date().getUTCFullYear() + 1}-06-20T21:30`);
    await event.getByLabel("Time zone").selectOption("Europe/Oslo");
    await event.getByLabel("Artist (optional)").selectOption({ label: name });
    await event.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByText("Event created.", { exact: true })).toBeVisible();

    // The public page is cached; the verbs' NOTIFY revalidates it within moments (the event's
    // NOTIFY comes after the artist's: wait for the event itself).
    const shown = page.getByTestId("home-event").filter({ hasText: `${name} live` });
    await expect
      .poll(
        async () => {
          await home();
          return shown.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await home()).toContain(name);
    // In the event's own zone, whoever looks: 21:30 in Oslo.
    await expect(shown.getByTestId("home-event-time")).toContainText(/9:30\s?PM|21:30/);
    await inspect(page, "owner", tenantUrl("forest-fm", "/"));

    await page.goto(tenantUrl("forest-fm", "/artists"));
    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete artist" }).click();
    await expect(page.getByText("Artist deleted.", { exact: true })).toBeVisible();
    await expect.poll(home, { timeout: 15_000 }).not.toContain(name);
  });

  test("visitors: a free plan's home page has no events section, only its artists", async ({ page }) => {
    await page.goto(tenantUrl("sunset-sounds", "/"));
    await expect(page.getByTestId("featured-artists")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Upcoming events" })).toHaveCount(0);
    await page.goto(tenantUrl("forest-fm", "/"));
    await expect(page.getByRole("heading", { name: "Upcoming events" })).toBeVisible();
  });

  test("billing manager: joins and lands on the console's billing page, not the site's 403", async ({ page }) => {
    const tenant = await tenantBySlug("forest-fm");
    const email = `billing-${Date.now()}@forest-fm.example`;
    const { token } = await inviteMember({ ctx: ownerCtx(tenant), input: { email, roleKeys: ["billing_manager"] } });
    // Accepted in the browser, as the invited person would.
    await page.goto(tenantUrl("forest-fm", `/invite/${token}`));
    const accept = page.getByRole("form", { name: "Accept invitation" });
    await accept.getByLabel(/name/i).fill("Bea Billing");
    await accept.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await accept.getByRole("button").click();
    // The role reads no content on the site: it lands on the console's sign-in, headed for Billing.
    await page.waitForURL((u) => u.pathname === "/console/sign-in");
    const landing = new URL(page.url());
    expect(landing.searchParams.get("org")).toBe("forest-fm");
    expect(landing.searchParams.get("next")).toBe("/console/billing");
    const form = page.getByRole("form", { name: "Sign in to the admin console" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console\/billing$/);
    // The navigation offers only what the role can open: no theme, domains or roles.
    const nav = page.getByRole("navigation", { name: "Console" }).first();
    await expect(nav.getByRole("link")).toHaveText(["Overview", "Members", "Audit log", "Billing"]);
    // Opened by hand, the site's content still answers the branded 403, not a server error.
    const artists = await page.goto(tenantUrl("forest-fm", "/artists"));
    expect(artists?.status()).toBe(403);
    await inspect(page, "billing", controlUrl("/console"));
    await inspect(page, "billing", controlUrl("/console/billing"));
    // Signing in to the console without asking for a page leads there too.
    await page.context().clearCookies();
    await page.goto(controlUrl("/console/sign-in?org=forest-fm"));
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console\/billing$/);
  });

  test("dunning: a past-due, then restricted tenant's banners as its owner meets them (site and console)", async ({
    page,
  }) => {
    const slug = "aurora-records";
    const tenant = await tenantBySlug(slug);
    const invoice = { id: `in_ui_${Date.now()}`, amount_due: 999, currency: "usd", attempt_count: 1 };
    const bannerState = async (url: string) => {
      await page.goto(url);
      return page
        .getByTestId("dunning-banner")
        .getAttribute("data-state", { timeout: 1000 })
        .catch(() => null);
    };
    try {
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentFailed(tx, tenant.id, invoice, new Date()));
      await signIn(page, slug, `owner@${slug}.example`, DEMO_PASSWORD, "/events");
      await consoleSignIn(page, slug, `owner@${slug}.example`);
      await expect.poll(() => bannerState(tenantUrl(slug, "/events")), { timeout: 10_000 }).toBe("past_due");
      await inspect(page, "owner-past-due", tenantUrl(slug, "/events"));
      await inspect(page, "owner-past-due", controlUrl("/console"));
      await withTenant(controlDb(), tenant.id, (tx) =>
        syncDunningFromSubscription(tx, tenant.id, "unpaid", new Date()),
      );
      await expect.poll(() => bannerState(tenantUrl(slug, "/events")), { timeout: 10_000 }).toBe("restricted");
      await inspect(page, "owner-restricted", tenantUrl(slug, "/events"));
      await inspect(page, "owner-restricted", tenantUrl(slug, "/events/new"));
      await inspect(page, "owner-restricted", controlUrl("/console"));
      await inspect(page, "owner-restricted", controlUrl("/console/billing/usage"));
    } finally {
      await withTenant(controlDb(), tenant.id, (tx) => onPaymentSucceeded(tx, tenant.id, invoice, new Date()));
    }
  });

  test("staff: every staff console page", async ({ page }) => {
    await page.goto(controlUrl("/staff/sign-in"));
    const form = page.getByRole("form", { name: "Staff sign in" });
    await form.getByLabel("E-mail").fill("admin@musicalwheel.example");
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("staff-signed-in")).toBeVisible();
    for (const path of [
      "/staff",
      "/staff/onboard",
      "/staff/runs",
      "/staff/security",
      "/staff/mailbox",
      "/staff/revenue",
    ]) {
      await inspect(page, "staff", controlUrl(path));
    }
    await page.goto(controlUrl("/staff"));
    const [tenant] = await hrefs(page, /^\/staff\/tenants\/ten_/);
    expect(tenant).toBeDefined();
    await inspect(page, "staff", controlUrl(tenant as string));
    await inspect(page, "staff", controlUrl(`${tenant}/billing`));
    // A tenant's pages (its billing too) belong to the Tenants section of the navigation (the sidebar, on a desktop).
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(
      page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Tenants" }),
    ).toHaveAttribute("aria-current", "page");
    await page.goto(controlUrl("/staff/runs"));
    const [run] = await hrefs(page, /^\/staff\/runs\/[^/]+$/);
    if (run) await inspect(page, "staff", controlUrl(run));
  });
});
