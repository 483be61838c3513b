import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { newId } from "@mw/core/ids";
import { signRevalidation } from "@mw/core/transport";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { ownerDb, state } from "./support/db";
import { rawRequest } from "./support/http";
import { controlUrl, E2E, freePort, tenantUrl } from "./support/ports";

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

interface BuiltApp {
  port: number;
  outcome: "exited" | "listening";
  code: number | null;
  output: string;
  stop(): Promise<void>;
}

/** `next start` of a built app with this environment, until it answers or exits. */
async function launchBuiltApp(dir: "control-plane" | "tenant-app", env: Record<string, string>): Promise<BuiltApp> {
  const port = await freePort();
  const base = { ...process.env };
  for (const k of ["REVALIDATE_SECRET", "DB_ROLE_PASSWORD", "CONTROL_DATABASE_URL", "RUNTIME_DATABASE_URL"])
    delete base[k];
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
    cwd: dir,
    env: { ...base, DATABASE_URL: state().ownerUrl, ...env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) child.kill("SIGTERM");
    await exited;
  };
  const outcome = await Promise.race([
    exited.then(() => "exited" as const),
    (async () => {
      // Next prints "Ready" before it loads the configuration: only an answer counts.
      for (;;) {
        try {
          await fetch(`http://localhost:${port}/`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
          return "listening" as const;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })(),
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000)),
  ]);
  if (outcome === "timeout") {
    await stop();
    throw new Error(`${dir} neither started nor exited:\n${output}`);
  }
  return { port, outcome, code: child.exitCode, output, stop };
}

/** `launchBuiltApp`, stopped again: its exit code and output, or "listening". */
async function startBuiltApp(dir: "control-plane" | "tenant-app", env: Record<string, string>) {
  const app = await launchBuiltApp(dir, env);
  await app.stop();
  return app;
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const STRONG = "e2e-strong-secret-0123456789abcdef";

test.describe("[SECURITY][SECRETS] production refuses the development defaults", () => {
  test("tenant app: the built server refuses to start on the development revalidation secret", async () => {
    const r = await startBuiltApp("tenant-app", { DB_ROLE_PASSWORD: state().rolePassword });
    expect(r.outcome).toBe("exited");
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/REVALIDATE_SECRET: set it to/);
    expect(r.output).not.toMatch(/DB_ROLE_PASSWORD/);
  });

  test("control plane: the built server refuses to start on the development role password, also when set explicitly", async () => {
    const r = await startBuiltApp("control-plane", {
      REVALIDATE_SECRET: STRONG,
      DB_ROLE_PASSWORD: "mw-local-dev-password",
    });
    expect(r.outcome).toBe("exited");
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/DB_ROLE_PASSWORD: set it to/);
    expect(r.output).not.toContain("mw-local-dev-password");
  });

  test("both apps start with configured secrets", async () => {
    for (const dir of ["control-plane", "tenant-app"] as const) {
      const r = await startBuiltApp(dir, { REVALIDATE_SECRET: STRONG, DB_ROLE_PASSWORD: state().rolePassword });
      expect(r.outcome, r.output).toBe("listening");
    }
  });
});

test.describe("[SECURITY][SECRETS] the revalidation route", () => {
  const body = JSON.stringify({ tenantId: newId("tenant") });
  const post = (host: string, secret: string) =>
    rawRequest({
      port: E2E.tenantAppPort,
      method: "POST",
      path: "/api/internal/revalidate",
      headers: {
        host,
        "content-type": "application/json",
        "x-mw-signature": signRevalidation(secret, body),
      },
      body,
    });

  test("refuses a signature made with the built-in development secret", async () => {
    const r = await post(`localhost:${E2E.tenantAppPort}`, "mw-local-dev-revalidate-secret");
    expect(r.status).toBe(401);
  });

  test("answers only on internal host names, not through a tenant's host", async () => {
    const secret = state().revalidateSecret;
    for (const host of [`forest-fm.localhost:${E2E.tenantAppPort}`, "evil.example"]) {
      const r = await post(host, secret);
      expect(r.status, host).toBe(404);
      expect(r.body).not.toContain("revalidated");
    }
    // A forwarded host does not make a public request internal.
    const forwarded = await rawRequest({
      port: E2E.tenantAppPort,
      method: "POST",
      path: "/api/internal/revalidate",
      headers: {
        host: `forest-fm.localhost:${E2E.tenantAppPort}`,
        "x-forwarded-host": "localhost",
        "content-type": "application/json",
        "x-mw-signature": signRevalidation(secret, body),
      },
      body,
    });
    expect(forwarded.status).toBe(404);
    const ok = await post(`localhost:${E2E.tenantAppPort}`, secret);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ revalidated: true });
  });
});

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

interface CapturedAction {
  headers: Record<string, string>;
  body: Buffer;
  boundary: string;
}

/**
 * Submit a form in the browser, but stop its action request before it leaves (nothing runs) and
 * keep it: the real action id, headers and multipart body, to replay altered over raw HTTP.
 */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | null = null;
  await page.route("**/*", async (route) => {
    const r = route.request();
    if (r.method() !== "POST" || !r.headers()["next-action"]) return route.continue();
    const headers = await r.allHeaders();
    const boundary = /boundary=([^;]+)/.exec(headers["content-type"] ?? "")?.[1] ?? "";
    captured = { headers, body: r.postDataBuffer() ?? Buffer.alloc(0), boundary };
    await route.abort();
  });
  await submit();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured as unknown as CapturedAction;
}

/** The captured multipart body with one more field of `bytes` bytes. */
function padded(c: CapturedAction, bytes: number): Buffer {
  const end = Buffer.from(`--${c.boundary}--`);
  const at = c.body.lastIndexOf(end);
  const part = Buffer.from(
    `--${c.boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n${"x".repeat(bytes)}\r\n`,
  );
  return Buffer.concat([c.body.subarray(0, at), part, c.body.subarray(at)]);
}

async function replay(
  port: number,
  host: string,
  path: string,
  c: CapturedAction,
  body: Buffer | string,
  over: Record<string, string> = {},
) {
  const headers: Record<string, string> = {
    host,
    origin: `http://${host}`,
    "next-action": c.headers["next-action"] as string,
    "content-type": c.headers["content-type"] as string,
    accept: "text/x-component",
    ...(c.headers.cookie ? { cookie: c.headers.cookie } : {}),
    ...over,
  };
  return rawRequest({ port, method: "POST", path, headers, body });
}

const FIVE_MB = 5 * 1024 * 1024;

test.describe("[SECURITY][BODIES] oversized and malformed requests: 413 / 400 before the action runs", () => {
  test("tenant sign-in: 5 MB, broken multipart and malformed JSON are refused, nothing written", async ({ page }) => {
    await page.goto(tenantUrl("forest-fm", "/sign-in"));
    const form = page.getByRole("form", { name: "Sign in with password" });
    const captured = await captureAction(page, async () => {
      await form.getByLabel("E-mail").fill("editor@forest-fm.example");
      await form.getByLabel("Password").fill("wrong-password-for-8-4");
      await form.getByRole("button", { name: "Sign in" }).click();
    });
    captured.headers.cookie = "";
    const host = `forest-fm.localhost:${E2E.tenantAppPort}`;
    const writes = async () =>
      (
        await ownerDb().sql<{ n: number }[]>`
          select (select count(*) from audit_events)::int + (select count(*) from auth_rate_limits)::int as n`
      )[0]?.n;
    const before = await writes();

    const big = await replay(E2E.tenantAppPort, host, "/sign-in", captured, padded(captured, FIVE_MB));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: "body_too_large" } });
    expect(big.body).toMatch(/too large: at most 1024 KiB/);

    const broken = await replay(E2E.tenantAppPort, host, "/sign-in", captured, `--${captured.boundary}\r\nContent-Dis`);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ error: { code: "malformed_body" } });

    const json = await replay(E2E.tenantAppPort, host, "/sign-in", captured, '["$K1", {broken', {
      "content-type": "text/plain;charset=UTF-8",
    });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).error.message).toMatch(/not valid JSON/);

    // Without JavaScript the same form posts to the page itself: refused alike.
    const mpa = await replay(E2E.tenantAppPort, host, "/sign-in", captured, padded(captured, FIVE_MB), {
      "next-action": "",
      accept: "text/html",
    });
    expect(mpa.status).toBe(413);
    expect(await writes()).toBe(before);

    // The captured request itself still goes through: the action runs and answers.
    const real = await replay(E2E.tenantAppPort, host, "/sign-in", captured, captured.body);
    expect(real.status).toBe(200);
  });

  test("console add-domain: a 5 MB body is refused, no domain written", async ({ page }) => {
    await page.goto(controlUrl("/console/sign-in"));
    const signInForm = page.getByRole("form", { name: "Sign in to the admin console" });
    await signInForm.getByLabel("Organization slug").fill("forest-fm");
    await signInForm.getByLabel("E-mail").fill("owner@forest-fm.example");
    await signInForm.getByLabel("Password").fill(DEMO_PASSWORD);
    await signInForm.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console$/);
    await page.goto(controlUrl("/console/domains"));
    const form = page.getByRole("form", { name: "Add a custom domain" });
    const captured = await captureAction(page, async () => {
      await form.getByLabel("Domain name").fill("big-body.e2e.example");
      await form.getByRole("button").click();
    });
    const domains = async () =>
      (await ownerDb().sql<{ n: number }[]>`select count(*)::int as n from domains where hostname like 'big-body%'`)[0]
        ?.n;
    const host = `localhost:${E2E.controlPlanePort}`;
    const big = await replay(E2E.controlPlanePort, host, "/console/domains", captured, padded(captured, FIVE_MB));
    expect(big.status).toBe(413);
    const broken = await replay(E2E.controlPlanePort, host, "/console/domains", captured, "--x\r\n");
    expect(broken.status).toBe(400);
    expect(await domains()).toBe(0);
  });

  test("staff onboarding: a 5 MB body is refused, no tenant or run created", async ({ page }) => {
    await page.goto(controlUrl("/staff/sign-in"));
    const signInForm = page.getByRole("form", { name: "Staff sign in" });
    await signInForm.getByLabel("E-mail").fill("admin@musicalwheel.example");
    await signInForm.getByLabel("Password").fill(DEMO_PASSWORD);
    await signInForm.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("staff-signed-in")).toBeVisible();
    await page.goto(controlUrl("/staff/onboard"));
    const form = page.getByRole("form", { name: "Onboard a customer" });
    const captured = await captureAction(page, async () => {
      await form.getByLabel("Customer name").fill("Big Body Records");
      await form.getByLabel(/^Slug/).fill("big-body-records");
      await form.getByLabel(/^Owner e-mail/).fill("owner@big-body.example");
      await form.getByRole("button", { name: "Start provisioning" }).click();
    });
    const host = `localhost:${E2E.controlPlanePort}`;
    const big = await replay(E2E.controlPlanePort, host, "/staff/onboard", captured, padded(captured, FIVE_MB));
    expect(big.status).toBe(413);
    const [t] = await ownerDb().sql<
      { n: number }[]
    >`select count(*)::int as n from tenants where slug = 'big-body-records'`;
    expect(t?.n).toBe(0);
  });

  test("route handler: malformed JSON to the revalidation route is a 400", async () => {
    const raw = "{not json";
    const r = await rawRequest({
      port: E2E.tenantAppPort,
      method: "POST",
      path: "/api/internal/revalidate",
      headers: {
        host: `localhost:${E2E.tenantAppPort}`,
        "content-type": "application/json",
        "x-mw-signature": signRevalidation(state().revalidateSecret, raw),
      },
      body: raw,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: "invalid_json" } });
  });
});
