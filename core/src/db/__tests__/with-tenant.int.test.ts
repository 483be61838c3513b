import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../ids";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { withTenant } from "../client";
import { tenants, users } from "../schema/index";

let t: TestDatabase;
const a = newId("tenant");
const b = newId("tenant");

beforeAll(async () => {
  t = await createTestDatabase();
  await t.control.db.insert(tenants).values([
    { id: a, slug: "alpha", name: "Alpha" },
    { id: b, slug: "beta", name: "Beta" },
  ]);
});
afterAll(() => t.drop());

describe("withTenant", () => {
  it("shows only the tenant's rows and commits writes", async () => {
    await withTenant(t.control, a, (tx) =>
      tx.insert(users).values({ id: newId("user"), tenantId: a, email: "a@x.test" }),
    );
    await withTenant(t.control, b, (tx) =>
      tx.insert(users).values({ id: newId("user"), tenantId: b, email: "b@x.test" }),
    );
    const seenByA = await withTenant(t.control, a, (tx) => tx.select().from(users));
    expect(seenByA.map((u) => u.email)).toEqual(["a@x.test"]);
  });

  it("rolls back everything when fn throws", async () => {
    await expect(
      withTenant(t.control, a, async (tx) => {
        await tx.insert(users).values({ id: newId("user"), tenantId: a, email: "rollback@x.test" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await withTenant(t.control, a, (tx) => tx.select().from(users).where(sql`email = 'rollback@x.test'`));
    expect(rows).toHaveLength(0);
  });

  it("does not leak the tenant setting to the next user of a pooled connection", async () => {
    await withTenant(t.control, a, (tx) => tx.select().from(users));
    const rows = await t.control.sql`select current_setting('app.tenant_id', true) as v`;
    expect(rows[0]?.v ?? "").toBe("");
    expect(await t.control.db.select().from(users)).toHaveLength(0);
  });

  it("rejects something that is not a tenant id", async () => {
    await expect(withTenant(t.control, "ten_'; drop table users; --", async () => 1)).rejects.toThrow(
      /not a tenant id/,
    );
  });
});
