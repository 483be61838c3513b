import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { newId } from "@mw/core/ids";
import { signRevalidation } from "@mw/core/transport";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { state } from "./support/db";
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

/** `next start` of a built app with this environment: its exit code and output, or "listening". */
async function startBuiltApp(
  dir: "control-plane" | "tenant-app",
  env: Record<string, string>,
): Promise<{ outcome: "exited" | "listening"; code: number | null; output: string }> {
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
  try {
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
    if (outcome === "timeout") throw new Error(`${dir} neither started nor exited:\n${output}`);
    return { outcome, code: child.exitCode, output };
  } finally {
    if (child.exitCode === null && child.pid) child.kill("SIGTERM");
    await exited;
  }
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
