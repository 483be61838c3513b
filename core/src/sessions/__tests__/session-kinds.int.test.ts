import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantRef } from "../../context";
import type { SessionKind } from "../../db/schema/index";
import { newId } from "../../ids";
import { acceptInvitation } from "../../invitations/accept";
import { inviteMember } from "../../invitations/create";
import { computeEntitlements } from "../../plans/catalog";
import { getStaffSession, signInStaff, upsertStaffUser } from "../../staff/auth";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { createTenantFixture, systemTenantCtx } from "../../testing/fixtures";
import { getSession } from "../get-session";
import { hashPassword } from "../password";
import { signInWithPassword } from "../sign-in";

/**
 * Issue 7.8: a tenant site's session token placed in the admin console's cookie
 * (`mw_console=<tenant>.<token>`) was a console session. Sessions now have a kind; each side
 * accepts its own only, and staff sessions (their own table) are neither.
 */
let db: TestDatabase;
const PASSWORD = "a long enough password";
let passwordHash: string;
beforeAll(async () => {
  db = await createTestDatabase();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => db.drop());

let client = 0;
async function adminOf(tenant: TenantRef, email: string) {
  const { token } = await inviteMember({
    ctx: systemTenantCtx(db.control, tenant),
    input: { email, roleKeys: ["owner"] },
  });
  await acceptInvitation({
    ctx: { tenant, database: db.runtime, requestId: newId("request") },
    input: { token, name: "Owner" },
    passwordHash,
  });
}

const signIn = (tenant: TenantRef, email: string, kind?: SessionKind) =>
  signInWithPassword({
    ctx: {
      tenant,
      database: kind === "console" ? db.control : db.runtime,
      entitlements: computeEntitlements("business"),
      requestId: newId("request"),
      ip: `198.51.100.${++client}`,
    },
    input: { email, password: PASSWORD },
    ...(kind ? { kind } : {}),
  });

describe("session kinds", () => {
  it("a tenant site's session is refused by the console, and a console session by the site", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    await adminOf(f.tenant, "boss@kinds.test");
    const site = await signIn(f.tenant, "boss@kinds.test");
    const inConsole = await signIn(f.tenant, "boss@kinds.test", "console");

    // Each works where it was opened, under either app role…
    expect((await getSession(db.runtime, f.tenant.id, site.token, "site"))?.roleKeys).toEqual(["owner"]);
    expect((await getSession(db.control, f.tenant.id, inConsole.token, "console"))?.roleKeys).toEqual(["owner"]);
    // …and nowhere else: an owner's site cookie copied into mw_console opens nothing.
    expect(await getSession(db.control, f.tenant.id, site.token, "console")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, site.token, "console")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, inConsole.token, "site")).toBeNull();

    const rows = await db.owner.sql<{ id: string; kind: string }[]>`
      select id, kind from sessions where id in (${site.sessionId}, ${inConsole.sessionId})`;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.kind]))).toEqual({
      [site.sessionId]: "site",
      [inConsole.sessionId]: "console",
    });
  });

  it("sign-in opens a site session unless the transport asks for the console", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    await adminOf(f.tenant, "plain@kinds.test");
    const s = await signIn(f.tenant, "plain@kinds.test");
    expect(await getSession(db.runtime, f.tenant.id, s.token, "site")).not.toBeNull();
    expect(await getSession(db.control, f.tenant.id, s.token, "console")).toBeNull();
  });

  it("the database refuses a session without a known kind", async () => {
    const f = await createTenantFixture(db);
    await expect(
      db.owner.sql.begin(async (sql) => {
        await sql`select set_config('app.tenant_id', ${f.tenant.id}, true)`;
        await sql`insert into sessions (id, tenant_id, user_id, membership_id, kind, token_hash, method, expires_at)
                  values (${newId("session")}, ${f.tenant.id}, ${f.owner.userId}, ${f.owner.membershipId}, 'staff',
                          ${`h-${newId("session")}`}, 'password', now() + interval '1 day')`;
      }),
    ).rejects.toThrow(/sessions_kind_ck/);
  });

  it("staff and tenant sessions never stand in for each other", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    await adminOf(f.tenant, "owner2@kinds.test");
    await upsertStaffUser(db.control, {
      email: "admin@kinds.test",
      name: "Admin",
      password: "staff password 9",
      roles: ["platform_admin"],
    });
    const staff = await signInStaff({
      database: db.control,
      input: { email: "admin@kinds.test", password: "staff password 9" },
    });
    const consoleSession = await signIn(f.tenant, "owner2@kinds.test", "console");
    const siteSession = await signIn(f.tenant, "owner2@kinds.test");

    expect(await getStaffSession(db.control, staff.token)).not.toBeNull();
    // A staff token in mw_console (with any tenant id) or mw_session finds nothing…
    expect(await getSession(db.control, f.tenant.id, staff.token, "console")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, staff.token, "site")).toBeNull();
    // …and a tenant owner's tokens in mw_staff find nothing either.
    expect(await getStaffSession(db.control, consoleSession.token)).toBeNull();
    expect(await getStaffSession(db.control, siteSession.token)).toBeNull();
  });
});
