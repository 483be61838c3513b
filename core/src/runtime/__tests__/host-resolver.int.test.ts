import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPaymentFailed, onPaymentSucceeded } from "../../billing/dunning/payments";
import { withTenant } from "../../db/client";
import { domains } from "../../db/schema/index";
import { newId } from "../../ids";
import { suspendTenant } from "../../tenants/lifecycle";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { createTenantFixture, staffCtx } from "../../testing/fixtures";
import { HostResolver } from "../host-resolver";

let db: TestDatabase;
let resolver: HostResolver;
beforeAll(async () => {
  db = await createTestDatabase();
  resolver = new HostResolver(db.runtime);
  await resolver.listen();
});
afterAll(async () => {
  await resolver.close();
  await db.drop();
});

const waitFor = async (check: () => Promise<boolean>, ms = 3000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
};

describe("HostResolver", () => {
  it("carries the dunning state and its deadline, and sees a change within a second (NOTIFY)", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const host = `${f.tenant.slug}.localhost`;
    expect(await resolver.resolve(host)).toMatchObject({ dunningState: "ok", graceUntil: null });
    const now = new Date();
    const invoice = { id: "in_resolver", amount_due: 999, currency: "usd", attempt_count: 1 };
    const failed = await withTenant(db.control, f.tenant.id, (tx) => onPaymentFailed(tx, f.tenant.id, invoice, now));
    const graceUntil = failed.state.graceUntil?.getTime();
    expect(
      await waitFor(async () => {
        const t = await resolver.resolve(host);
        return t?.dunningState === "past_due" && t.graceUntil?.getTime() === graceUntil;
      }, 1000),
    ).toBe(true);
    await withTenant(db.control, f.tenant.id, (tx) => onPaymentSucceeded(tx, f.tenant.id, invoice, now));
    expect(await waitFor(async () => (await resolver.resolve(host))?.dunningState === "ok", 1000)).toBe(true);
  });

  it("resolves a tenant's platform host in any spelling, and nothing else", async () => {
    const f = await createTenantFixture(db, { slug: "resolve-me" });
    expect(await resolver.resolve("Resolve-Me.localhost:3001")).toMatchObject({
      tenantId: f.tenant.id,
      status: "active",
      hostname: "resolve-me.localhost",
    });
    expect(resolver.peek("resolve-me.localhost.")).toMatchObject({ tenantId: f.tenant.id });
    expect(await resolver.resolve("nobody.localhost")).toBeNull();
    expect(await resolver.resolve("127.0.0.1:3001")).toBeNull();
  });

  it("never resolves an unverified custom domain; resolves it once verified (NOTIFY)", async () => {
    const f = await createTenantFixture(db);
    const id = newId("domain");
    await withTenant(db.control, f.tenant.id, (tx) =>
      tx
        .insert(domains)
        .values({ id, tenantId: f.tenant.id, hostname: "music.acme-corp.example", kind: "custom", status: "pending" }),
    );
    expect(await resolver.resolve("music.acme-corp.example")).toBeNull();
    await withTenant(db.control, f.tenant.id, (tx) =>
      tx.update(domains).set({ status: "verified" }).where(eq(domains.id, id)),
    );
    expect(
      await waitFor(async () => (await resolver.resolve("music.acme-corp.example"))?.tenantId === f.tenant.id),
    ).toBe(true);
    await withTenant(db.control, f.tenant.id, (tx) =>
      tx.update(domains).set({ status: "removed" }).where(eq(domains.id, id)),
    );
    expect(await waitFor(async () => (await resolver.resolve("music.acme-corp.example")) === null)).toBe(true);
  });

  it("reports a suspended tenant's status within moments of the change", async () => {
    const f = await createTenantFixture(db, { slug: "soon-suspended" });
    expect((await resolver.resolve("soon-suspended.localhost"))?.status).toBe("active");
    await suspendTenant({ ctx: staffCtx(db.control), input: { tenantId: f.tenant.id, reason: "chargeback" } });
    expect(
      await waitFor(async () => (await resolver.resolve("soon-suspended.localhost"))?.status === "suspended"),
    ).toBe(true);
  });

  it("runs as a role that cannot read platform tables directly", async () => {
    await expect(db.runtime.sql`select * from tenants`).rejects.toMatchObject({ code: "42501" });
    await expect(db.runtime.sql`select * from domains`).rejects.toMatchObject({ code: "42501" });
  });
});
