import { newId } from "@mw/core/ids";
import { signRevalidation } from "@mw/core/transport";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { startBuiltApp } from "./support/built-app";
import { ownerDb, state } from "./support/db";
import { rawRequest } from "./support/http";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

/**
 * The HTTP edge as an attacker meets it (ADR on HTTP edge hardening): open redirects through
 * `next`, default secrets, the revalidation route, oversized and malformed bodies. The security
 * headers and the CSP are in http-edge-headers.e2e.ts.
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
