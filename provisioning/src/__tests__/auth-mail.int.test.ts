import { newId } from "@mw/core/ids";
import { computeEntitlements } from "@mw/core/plans";
import { type AuthCtx, requestMagicLink, signUpWithPassword } from "@mw/core/sessions";
import { addMember, createTenantFixture, type TenantFixture } from "@mw/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const ctxOf = (f: TenantFixture): AuthCtx => ({
  tenant: f.tenant,
  database: h.db.runtime,
  entitlements: computeEntitlements("enterprise"),
  requestId: newId("request"),
  ip: "192.0.2.10",
  userAgent: "vitest",
});

/** Waits for the Resend emulator to hold a message for `to`; returns how long it took. */
async function arrival(to: string, since: number, timeoutMs = 5000): Promise<number> {
  while (Date.now() - since < timeoutMs) {
    if (h.resend.store.find({ to }).length > 0) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no e-mail for ${to} within ${timeoutMs} ms`);
}

describe("sign-in and sign-up mail leave the request and arrive through the worker", () => {
  it("delivers a sign-in link within three seconds of the request (typically well under one), and nothing to an unknown address", async () => {
    const f = await createTenantFixture(h.db);
    await addMember(h.db, f.tenant, ["viewer"], "waiting@example.com");
    const linkFor = (t: string) => `http://${f.tenant.slug}.localhost:3001/auth/magic?token=${t}`;
    const start = Date.now();
    await requestMagicLink({ ctx: ctxOf(f), input: { email: "waiting@example.com" }, linkFor });
    await requestMagicLink({ ctx: ctxOf(f), input: { email: "stranger@example.com" }, linkFor });
    const ms = await arrival("waiting@example.com", start);
    console.log(`[delivery] sign-in link in the mailbox after ${ms} ms`);
    expect(ms).toBeLessThan(3000);
    const [sent] = h.resend.store.find({ to: "waiting@example.com" });
    expect(sent?.body.html).toContain("/auth/magic?token=");
    expect(sent?.idempotencyKey).toMatch(/^magic-link\//);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.resend.store.find({ to: "stranger@example.com" })).toHaveLength(0);
  });

  it("tells the owner of an existing account that someone tried to sign up with it", async () => {
    const f = await createTenantFixture(h.db);
    await addMember(h.db, f.tenant, ["viewer"], "owner-of@example.com");
    const start = Date.now();
    await signUpWithPassword({
      ctx: ctxOf(f),
      input: { name: "Someone", email: "owner-of@example.com", password: "a long enough password" },
      confirmLinkFor: (t) => `http://${f.tenant.slug}.localhost:3001/auth/confirm?token=${t}`,
      signInLink: `http://${f.tenant.slug}.localhost:3001/sign-in`,
    });
    await arrival("owner-of@example.com", start);
    const [notice] = h.resend.store.find({ to: "owner-of@example.com" });
    expect(notice?.body.subject).toMatch(/someone tried to sign up again/);
    expect(notice?.body.html).toContain(`http://${f.tenant.slug}.localhost:3001/sign-in`);
  });
});
