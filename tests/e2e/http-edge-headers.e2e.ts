import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { launchBuiltApp } from "./support/built-app";
import { state } from "./support/db";
import { rawRequest } from "./support/http";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

/**
 * The HTTP edge as an attacker meets it, continued (ADR on HTTP edge hardening): every route
 * answers with the security headers and works under its CSP (nonces, no eval, no inline script),
 * HSTS only behind a trusted TLS proxy, no framing. Redirects, secrets and bodies: http-edge.e2e.ts.
 */

/** CSP violations and uncaught errors of a page, from the browser's own reports. */
async function watchPage(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  // Runs before the page's own scripts (injected by the browser's debugger, outside the policy).
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
  };
}

/** The headers every page answers with (issue 7.3); `nonce`: the policy is nonce-based. */
function expectSecurityHeaders(h: Record<string, string>, o: { nonce: boolean; where: string }): string | null {
  const csp = h["content-security-policy"] ?? "";
  expect(csp, o.where).toContain("frame-ancestors 'none'");
  expect(csp, o.where).toContain("object-src 'none'");
  expect(csp, o.where).toContain("base-uri 'none'");
  expect(csp, o.where).toContain("default-src 'self'");
  expect(h["x-frame-options"], o.where).toBe("DENY");
  expect(h["x-content-type-options"], o.where).toBe("nosniff");
  expect(h["referrer-policy"], o.where).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], o.where).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  // Plain HTTP: no HSTS, no upgrade (it would send http://localhost's requests to https).
  expect(h["strict-transport-security"], o.where).toBeUndefined();
  expect(csp, o.where).not.toContain("upgrade-insecure-requests");
  const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  if (!o.nonce) return null;
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1] ?? null;
  expect(nonce, `${o.where}: ${script}`).not.toBeNull();
  expect(script, o.where).toContain("'strict-dynamic'");
  expect(script, o.where).not.toContain("'unsafe-inline'");
  expect(script, o.where).not.toContain("'unsafe-eval'");
  return nonce;
}

/**
 * Open a page and check it: headers, every script carrying this response's nonce, Next's scripts
 * run (hydrated), no CSP violation and no uncaught error.
 */
async function checkPage(page: Page, url: string, o: { nonce?: boolean; status?: number } = {}) {
  const watch = await watchPage(page);
  const res = await page.goto(url);
  if (!res) throw new Error(`no response for ${url}`);
  expect(res.status(), url).toBe(o.status ?? 200);
  const nonce = expectSecurityHeaders(await res.allHeaders(), { nonce: o.nonce ?? true, where: url });
  // Next's bootstrap ran: hydration needs both its inline and its external scripts.
  await expect
    .poll(() => page.evaluate(() => Boolean((window as { next?: { version?: string } }).next?.version)), {
      message: `${url} hydrated`,
    })
    .toBe(true);
  if (nonce) {
    // Every script in the HTML carries this response's nonce (those Next adds later are trusted
    // through 'strict-dynamic').
    const tags = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, url).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, url).toContain(`nonce="${nonce}"`);
  }
  expect(await watch.violations(), url).toEqual([]);
  expect(watch.errors, url).toEqual([]);
}

async function hrefMatching(page: Page, pattern: RegExp): Promise<string | null> {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

test.describe("[SECURITY][HEADERS] every route answers with the security headers, pages work under the CSP", () => {
  test("tenant site: public pages, the cached home page, sign-in and errors", async ({ page }) => {
    // Served from Next's cache: a policy without a nonce, everything else the same.
    await checkPage(page, tenantUrl("forest-fm", "/"), { nonce: false });
    // The theme's CSS variables apply.
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--mw-radius").trim()),
    ).not.toBe("");
    for (const path of ["/sign-in", "/sign-up", "/auth/magic?token=x", "/auth/confirm?token=x", "/invite/x"]) {
      await checkPage(page, tenantUrl("forest-fm", path));
    }
    await checkPage(page, tenantUrl("forest-fm", "/no-such-page"), { status: 404 });
    // The proxy's own 404 for a host that is no tenant's.
    const unknown = await rawRequest({
      port: E2E.tenantAppPort,
      path: "/",
      headers: { host: `nobody-here.localhost:${E2E.tenantAppPort}` },
    });
    expect(unknown.status).toBe(404);
    expectSecurityHeaders(unknown.headers as Record<string, string>, { nonce: false, where: "unknown host" });
  });

  test("tenant site: every member page, signed in as the owner", async ({ page }) => {
    await signIn(page, "forest-fm", "owner@forest-fm.example");
    for (const path of ["/artists", "/artists/new", "/events", "/events/new", "/analytics", "/account"]) {
      await checkPage(page, tenantUrl("forest-fm", path));
    }
    // A server action under the policy: add an artist, land on its page.
    await page.goto(tenantUrl("forest-fm", "/artists/new"));
    const form = page.getByRole("form", { name: "New artist" });
    await form.getByLabel("Name").fill(`CSP Check ${Date.now()}`);
    await form.getByRole("button").click();
    await expect(page).toHaveURL(/\/artists\/art_[^/]+$/);
    const artist = new URL(page.url()).pathname;
    await checkPage(page, tenantUrl("forest-fm", artist));
    await checkPage(page, tenantUrl("forest-fm", `${artist}/edit`));
    // A server action under the policy: sign-out posts and lands on a page.
    await page
      .getByRole("button", { name: /sign out/i })
      .first()
      .click();
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  });

  test("control plane: landing, sign-in pages, the staff console", async ({ page }) => {
    for (const path of ["/", "/staff/sign-in", "/console/sign-in", "/no-such-page"]) {
      await checkPage(page, controlUrl(path), { status: path === "/no-such-page" ? 404 : 200 });
    }
    await page.goto(controlUrl("/staff/sign-in"));
    const form = page.getByRole("form", { name: "Staff sign in" });
    await form.getByLabel("E-mail").fill("admin@musicalwheel.example");
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("staff-signed-in")).toBeVisible();
    for (const path of ["/staff", "/staff/onboard", "/staff/runs", "/staff/security", "/staff/mailbox"]) {
      await checkPage(page, controlUrl(path));
    }
    await page.goto(controlUrl("/staff"));
    const tenant = await hrefMatching(page, /^\/staff\/tenants\/ten_/);
    expect(tenant).not.toBeNull();
    await checkPage(page, controlUrl(tenant as string));
    await page.goto(controlUrl("/staff/runs"));
    const run = await hrefMatching(page, /^\/staff\/runs\/[^/]+$/);
    if (run) await checkPage(page, controlUrl(run));
  });

  test("control plane: every admin console page, the theme editor's live preview styled", async ({ page }) => {
    await page.goto(controlUrl("/console/sign-in"));
    const form = page.getByRole("form", { name: "Sign in to the admin console" });
    await form.getByLabel("Organization slug").fill("forest-fm");
    await form.getByLabel("E-mail").fill("owner@forest-fm.example");
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console$/);
    for (const path of ["/console", "/console/domains", "/console/members", "/console/roles", "/console/roles/new"]) {
      await checkPage(page, controlUrl(path));
    }
    await checkPage(page, controlUrl("/console/audit"));
    await checkPage(page, controlUrl("/console/theme"));
    // The preview's <style> (nonce'd) applies the edited tokens; the e-mail preview frame renders.
    const preview = page.getByTestId("theme-preview");
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((el) => getComputedStyle(el).getPropertyValue("--mw-radius").trim())).not.toBe("");
    await expect(page.getByTestId("email-preview")).toBeVisible({ timeout: 15_000 });
    // The e-mail's HTML renders in its srcdoc frame (which inherits the page's policy).
    await expect(page.frameLocator('[data-testid="email-preview"]').locator("body")).toContainText(/Forest FM/, {
      timeout: 15_000,
    });
    await page.screenshot({ path: "test-results/screens/csp-console-theme.png", fullPage: true });
    await page.goto(controlUrl("/console/roles"));
    const role = await hrefMatching(page, /^\/console\/roles\/(?!new)[^/]+$/);
    if (role) await checkPage(page, controlUrl(role));
    // A route handler (the audit export) carries them too.
    const exported = await page.request.get(controlUrl("/console/audit/export?format=json"));
    expect(exported.status()).toBe(200);
    expectSecurityHeaders(exported.headers(), { nonce: true, where: "audit export" });
  });

  test("static assets carry the constant headers; a forged X-Forwarded-Proto earns no HSTS", async ({ page }) => {
    await page.goto(controlUrl("/staff/sign-in"));
    const src = await page.locator("script[src]").first().getAttribute("src");
    const asset = await page.request.get(controlUrl(src as string));
    expect(asset.status()).toBe(200);
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
    expect(asset.headers()["x-frame-options"]).toBe("DENY");

    // The running platform trusts no proxy: a client's own X-Forwarded-Proto earns no HSTS.
    const tenantHost = `forest-fm.localhost:${E2E.tenantAppPort}`;
    for (const [port, host, path] of [
      [E2E.controlPlanePort, `localhost:${E2E.controlPlanePort}`, "/console/sign-in"],
      [E2E.tenantAppPort, tenantHost, "/sign-in"],
      [E2E.tenantAppPort, tenantHost, "/"],
    ] as const) {
      const forged = await rawRequest({ port, path, headers: { host, "x-forwarded-proto": "https" } });
      expect(forged.status, `${host}${path}`).toBe(200);
      expect(forged.headers["strict-transport-security"], `${host}${path}`).toBeUndefined();
      expect(forged.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    }
  });

  test("behind a trusted TLS proxy: HSTS and upgrade-insecure-requests", async () => {
    const secrets = { REVALIDATE_SECRET: state().revalidateSecret, DB_ROLE_PASSWORD: state().rolePassword };
    for (const [dir, host, path] of [
      ["control-plane", "localhost", "/console/sign-in"],
      ["tenant-app", "forest-fm.localhost", "/sign-in"],
      ["tenant-app", "forest-fm.localhost", "/"],
    ] as const) {
      const app = await launchBuiltApp(dir, { ...secrets, TRUSTED_PROXIES: "loopback" });
      try {
        expect(app.outcome, app.output).toBe("listening");
        const tls = await rawRequest({
          port: app.port,
          path,
          headers: { host, "x-forwarded-proto": "https", "x-forwarded-host": host },
        });
        expect(tls.status, `${dir}${path}`).toBe(200);
        expect(tls.headers["strict-transport-security"], `${dir}${path}`).toBe("max-age=31536000");
        expect(tls.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
        const plain = await rawRequest({ port: app.port, path, headers: { host, "x-forwarded-proto": "http" } });
        expect(plain.headers["strict-transport-security"], `${dir}${path}`).toBeUndefined();
      } finally {
        await app.stop();
      }
    }
  });

  test("the consoles and sign-in pages cannot be framed by another site", async ({ page }) => {
    const targets = [controlUrl("/console/sign-in"), controlUrl("/staff/sign-in"), tenantUrl("forest-fm", "/sign-in")];
    await page.setContent(targets.map((t) => `<iframe src="${t}" width="300" height="200"></iframe>`).join(""));
    await page.waitForTimeout(1500);
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(targets.length);
    for (const f of frames) {
      // Chrome replaces a frame refused by frame-ancestors with its error page.
      expect(await f.locator("form").count(), f.url()).toBe(0);
    }
  });
});
