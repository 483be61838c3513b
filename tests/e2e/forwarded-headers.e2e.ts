import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { ownerDb, resendUrl, tenantBySlug } from "./support/db";
import { rawRequest } from "./support/http";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

/**
 * Forwarded headers as an attacker sends them straight to the apps (issue 7.10, ADR 0011). The e2e
 * platform runs as `npm start` does: TRUSTED_PROXIES unset, so no peer is a proxy and every
 * X-Forwarded-* header is client input.
 */

/** A GET with exactly these headers (the browser and Playwright's client both set Host themselves). */
const rawGet = (path: string, headers: Record<string, string>) =>
  rawRequest({ port: E2E.tenantAppPort, path, headers });

const hostOf = (slug: string) => `${slug}.localhost:${E2E.tenantAppPort}`;
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

test.describe("[SECURITY][FORWARDED] forwarded headers from a client are not believed", () => {
  test("a forged X-Forwarded-Host cannot select another tenant, and the page varies on it", async () => {
    const forged = await rawGet("/", { host: hostOf("aurora-records"), "x-forwarded-host": hostOf("forest-fm") });
    expect(forged.status).toBe(200);
    expect(titleOf(forged.body)).toContain("Aurora Records");
    expect(forged.body).not.toContain("Forest FM");
    // A shared cache in front keys this response on the header too, should a proxy ever pass it on.
    expect(String(forged.headers.vary).toLowerCase()).toContain("x-forwarded-host");

    // Nor does it turn a host that is no tenant's into one.
    const unknown = await rawGet("/", { host: hostOf("no-such-tenant"), "x-forwarded-host": hostOf("forest-fm") });
    expect(unknown.status).toBe(404);

    // The cached page of each host is still its own (nothing was stored under the wrong one).
    for (const [slug, name] of [
      ["forest-fm", "Forest FM"],
      ["aurora-records", "Aurora Records"],
    ] as const) {
      const clean = await rawGet("/", { host: hostOf(slug) });
      expect(titleOf(clean.body)).toContain(name);
    }
  });

  test("a forged X-Forwarded-Port never reaches the e-mailed sign-in link", async ({ page, request }) => {
    const email = "editor@sunset-sounds.example";
    type Mail = { id: string; html: string; subject: string };
    const mailbox = async () => {
      const res = await request.get(`${resendUrl()}/_emulator/emails?to=${encodeURIComponent(email)}`);
      return ((await res.json()) as { data: Mail[] }).data;
    };
    const before = new Set((await mailbox()).map((m) => m.id));
    await page.goto(tenantUrl("sunset-sounds", "/sign-in"));
    // Port alone: the old link builder took the host from the resolved tenant but the port from here.
    await page.setExtraHTTPHeaders({ "x-forwarded-port": "6666" });
    const form = page.getByRole("form", { name: "Sign in with an e-mailed link" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(form.getByRole("status")).toContainText("sign-in link is on its way");

    let html = "";
    await expect
      .poll(
        async () => {
          const mail = (await mailbox()).find((m) => !before.has(m.id) && /sign-in link/.test(m.subject));
          html = mail?.html ?? "";
          return html.length > 0;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(
      links.some((l) => l.startsWith(`http://sunset-sounds.localhost:${E2E.tenantAppPort}/auth/magic?token=`)),
    ).toBe(true);
    expect(html).not.toContain(":6666");
  });

  test("a forged X-Forwarded-For is not the audit or session address (tenant site and console)", async ({ page }) => {
    const tenant = await tenantBySlug("sunset-sounds");
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" });

    await page.goto(tenantUrl("sunset-sounds", "/sign-in"));
    const form = page.getByRole("form", { name: "Sign in with password" });
    await form.getByLabel("E-mail").fill("owner@sunset-sounds.example");
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();

    await page.goto(controlUrl("/console/sign-in"));
    const consoleForm = page.getByRole("form", { name: "Sign in to the admin console" });
    await consoleForm.getByLabel("Organization slug").fill("sunset-sounds");
    await consoleForm.getByLabel("E-mail").fill("owner@sunset-sounds.example");
    await consoleForm.getByLabel("Password").fill(DEMO_PASSWORD);
    await consoleForm.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/console$/);

    const events = await ownerDb().sql<{ ip: string | null }[]>`
      select ip from audit_events
       where tenant_id = ${tenant.id} and action = 'session.create'
       order by seq desc limit 2`;
    expect(events).toHaveLength(2);
    const sessions = await ownerDb().sql<{ ip: string | null }[]>`
      select ip from sessions where tenant_id = ${tenant.id} order by created_at desc limit 2`;
    // The connection's own address: the browser on this machine.
    for (const { ip } of [...events, ...sessions]) expect(["127.0.0.1", "::1"]).toContain(ip);
  });
});
