import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../../errors";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, createTenantFixture, type TenantFixture } from "../../testing/fixtures";
import type { AuthCtx } from "../context";
import { getSession } from "../get-session";
import { consumeMagicLink, requestMagicLink } from "../magic-link";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const ctxOf = (f: TenantFixture): AuthCtx => ({
  tenant: f.tenant,
  database: db.runtime,
  entitlements: computeEntitlements("pro"),
  requestId: newId("request"),
});

describe("magic links through the outbox", () => {
  it("queues the e-mail with the link for the worker (nothing sent in the request), and the link signs in once", async () => {
    const f = await createTenantFixture(db);
    const m = await addMember(db, f.tenant, ["viewer"], "listener@example.com");
    let token = "";
    const r = await requestMagicLink({
      ctx: ctxOf(f),
      input: { email: "Listener@Example.com" },
      linkFor: (t) => {
        token = t;
        return `http://${f.tenant.slug}.localhost:3001/auth/magic?token=${t}`;
      },
    });
    expect(r).toEqual({ status: "requested" });
    const rows = await db.owner
      .sql`select status, template, to_address, payload from email_outbox where tenant_id = ${f.tenant.id}`;
    expect(rows).toEqual([
      {
        status: "pending",
        template: "magic_link",
        to_address: "listener@example.com",
        payload: { link: `http://${f.tenant.slug}.localhost:3001/auth/magic?token=${token}`, expiresInMinutes: 15 },
      },
    ]);

    const s = await consumeMagicLink({ ctx: ctxOf(f), input: { token } });
    expect((await getSession(db.runtime, f.tenant.id, s.token, "site"))?.user.id).toBe(m.userId);
    await expect(consumeMagicLink({ ctx: ctxOf(f), input: { token } })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("answers an unknown address the same and writes nothing for it", async () => {
    const f = await createTenantFixture(db);
    const unknown = await requestMagicLink({
      ctx: ctxOf(f),
      input: { email: "nobody@example.com" },
      linkFor: (t) => `http://x.localhost/?t=${t}`,
    });
    expect(unknown).toEqual({ status: "requested" });
    const [mails] = await db.owner.sql`select count(*)::int as n from email_outbox where tenant_id = ${f.tenant.id}`;
    const [links] = await db.owner.sql`select count(*)::int as n from magic_links where tenant_id = ${f.tenant.id}`;
    expect([mails?.n, links?.n]).toEqual([0, 0]);
  });
});
