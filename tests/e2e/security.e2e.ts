import { newId } from "@mw/core/ids";
import { computeEntitlements } from "@mw/core/plans";
import { signInWithPassword, signOut } from "@mw/core/sessions";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { controlDb, ownerDb, tenantBySlug } from "./support/db";
import { E2E } from "./support/ports";

/**
 * One security suite over every member route of the tenant runtime: no session, another
 * tenant's session, a revoked session, a missing permission, and a client trying to pick the tenant.
 */
const MEMBER_ROUTES = ["/artists", "/artists/new", "/events", "/events/new", "/analytics", "/account"] as const;

async function sessionFor(slug: string, email: string): Promise<string> {
  const tenant = await tenantBySlug(slug);
  const r = await signInWithPassword({
    ctx: { tenant, database: controlDb(), entitlements: computeEntitlements("business"), requestId: newId("request") },
    input: { email, password: DEMO_PASSWORD },
  });
  return r.token;
}

/** Node cannot resolve `*.localhost`: connect to loopback and name the tenant's host, as a browser would. */
async function get(
  request: APIRequestContext,
  slug: string,
  path: string,
  token?: string,
  extra: Record<string, string> = {},
) {
  return request.get(`http://localhost:${E2E.tenantAppPort}${path}`, {
    maxRedirects: 0,
    headers: {
      host: `${slug}.localhost:${E2E.tenantAppPort}`,
      ...(token ? { cookie: `mw_session=${token}` } : {}),
      ...extra,
    },
  });
}

test.describe("[RUNTIME][SECURITY] every member route", () => {
  let artistPath = "";

  test.beforeAll(async () => {
    const tenant = await tenantBySlug("forest-fm");
    const [a] = await ownerDb().sql<{ id: string }[]>`select id from artists where tenant_id = ${tenant.id} limit 1`;
    if (a) artistPath = `/artists/${a.id}`;
  });

  for (const route of MEMBER_ROUTES) {
    test(`${route}: no session → sign-in`, async ({ request }) => {
      const res = await get(request, "forest-fm", route);
      expect(res.status()).toBe(307);
      expect(res.headers().location).toContain(`/sign-in?next=${encodeURIComponent(route)}`);
    });

    test(`${route}: another tenant's session → sign-in`, async ({ request }) => {
      const token = await sessionFor("aurora-records", "owner@aurora-records.example");
      expect((await get(request, "aurora-records", route, token)).status()).not.toBe(307);
      const res = await get(request, "forest-fm", route, token);
      expect(res.status()).toBe(307);
    });

    test(`${route}: revoked session → sign-in`, async ({ request }) => {
      const token = await sessionFor("forest-fm", "owner@forest-fm.example");
      expect((await get(request, "forest-fm", route, token)).status()).toBe(200);
      const tenant = await tenantBySlug("forest-fm");
      await signOut({
        ctx: {
          tenant,
          database: controlDb(),
          entitlements: computeEntitlements("business"),
          requestId: newId("request"),
        },
        token,
      });
      expect((await get(request, "forest-fm", route, token)).status()).toBe(307);
    });
  }

  test("missing permission: a viewer gets no create or edit pages, a member no analytics", async ({ request }) => {
    const viewer = await sessionFor("forest-fm", "guest@forest-fm.example");
    expect(await (await get(request, "forest-fm", "/artists/new", viewer)).text()).toContain(
      "Your role does not allow adding artists",
    );
    expect(await (await get(request, "forest-fm", "/events/new", viewer)).text()).toContain(
      "Your role does not allow creating events",
    );
    if (artistPath) {
      expect(await (await get(request, "forest-fm", `${artistPath}/edit`, viewer)).text()).toContain(
        "You can view this artist but not edit it",
      );
    }
    const member = await sessionFor("forest-fm", "editor@forest-fm.example");
    expect(await (await get(request, "forest-fm", "/analytics", member)).text()).toContain(
      "Your role does not include analytics",
    );
    const owner = await sessionFor("forest-fm", "owner@forest-fm.example");
    expect(await (await get(request, "forest-fm", "/analytics", owner)).text()).toContain(
      "New artists and events per month",
    );
  });

  test("the client cannot pick the tenant: path, header and host tricks", async ({ request }) => {
    const forest = await tenantBySlug("forest-fm");
    const token = await sessionFor("aurora-records", "owner@aurora-records.example");
    // A path naming another tenant is nested under this host's tenant and does not exist.
    expect((await get(request, "aurora-records", `/t/${forest.id}/artists`, token)).status()).toBe(404);
    // Our internal header is stripped by the proxy; the host decides.
    const spoofed = await get(request, "aurora-records", "/account", token, {
      "x-mw-host": "forest-fm.localhost",
      "x-mw-tenant-id": forest.id,
    });
    expect(spoofed.status()).toBe(200);
    expect(await spoofed.text()).toContain("owner@aurora-records.example");
    // Unknown hosts, IPs and malformed hosts never fall back to a tenant.
    for (const host of ["unknown.localhost:3201", "127.0.0.1:3201", "aurora-records.localhost.evil.example"]) {
      const res = await request.get(`http://localhost:${E2E.tenantAppPort}/`, { headers: { host }, maxRedirects: 0 });
      expect(res.status(), host).toBe(404);
    }
  });
});
