import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, sessions, users } from "../../db/schema/index";
import { LimitExceededError, UnauthenticatedError, ValidationError } from "../../errors";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { auditEvents, createTenantFixture, expectAuditEvent, type TenantFixture } from "../../testing/fixtures";
import type { AuthCtx } from "../context";
import { getSession } from "../get-session";
import { signOut } from "../revoke";
import { signInWithPassword } from "../sign-in";
import { confirmSignUp, signUpWithPassword } from "../sign-up";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

let clientCounter = 0;
const nextClient = () => `198.51.100.${(clientCounter++ % 250) + 1}`;
const authCtx = (f: TenantFixture, plan = "free" as const): AuthCtx => ({
  tenant: f.tenant,
  database: db.runtime,
  entitlements: computeEntitlements(plan),
  requestId: newId("request"),
  // One address per request: these tests sign up more accounts than one address may in an hour.
  ip: nextClient(),
  userAgent: "vitest",
});

const requestSignUp = (f: TenantFixture, email: string, password = "correct horse battery") =>
  signUpWithPassword({
    ctx: authCtx(f),
    input: { name: "Fan", email, password },
    confirmLinkFor: (t) => `http://${f.tenant.slug}.localhost/auth/confirm?token=${t}`,
    signInLink: `http://${f.tenant.slug}.localhost/sign-in`,
  });

/** The whole sign-up: the form, then the e-mailed confirmation link (read from the outbox). */
async function signUp(
  f: TenantFixture,
  email = `${newId("user").slice(-8)}@fans.test`,
  password = "correct horse battery",
) {
  await requestSignUp(f, email, password);
  const [mail] = await db.owner.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, f.tenant.id), eq(emailOutbox.to, email.toLowerCase())))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const link = (mail?.payload as { link?: string } | undefined)?.link ?? "";
  return confirmSignUp({ ctx: authCtx(f), input: { token: new URL(link).searchParams.get("token") ?? "" } });
}

describe("sign-up and sign-in (local provider)", () => {
  it("signs up as a Member with an argon2 hash and a working session, audited", async () => {
    const f = await createTenantFixture(db);
    const r = await signUp(f, "Fan@Example.com");
    const s = await getSession(db.runtime, f.tenant.id, r.token, "site");
    expect(s).toMatchObject({ user: { email: "fan@example.com", name: "Fan" }, roleKeys: ["member"] });
    expect(s?.ability.can("create", "Artist")).toBe(true);
    const [u] = await db.owner.db.select().from(users).where(eq(users.id, r.userId));
    expect(u?.passwordHash).toMatch(/^\$argon2id\$/);
    const [row] = await db.owner.db.select().from(sessions).where(eq(sessions.id, r.sessionId));
    expect(row?.tokenHash).not.toBe(r.token); // only the hash is stored
    await expectAuditEvent(db, f.tenant.id, { action: "user.signup", actorId: r.userId });
    expect(JSON.stringify(await auditEvents(db, f.tenant.id))).not.toContain("correct horse");
  });

  it("gives field-level errors and writes nothing for bad input", async () => {
    const f = await createTenantFixture(db);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const err = await signUpWithPassword({
      ctx: authCtx(f),
      input: { name: "", email: "nope", password: "short" },
      confirmLinkFor: () => "http://x.localhost/",
      signInLink: "http://x.localhost/sign-in",
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toMatchObject({
      name: ["name is required"],
      email: ["enter a valid e-mail address"],
      password: ["use at least 10 characters"],
    });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("makes no second account for the same e-mail and respects the plan's member limit", async () => {
    const f = await createTenantFixture(db);
    await signUp(f, "dup@fans.test");
    await requestSignUp(f, "DUP@fans.test");
    expect(await db.owner.db.select().from(users).where(eq(users.email, "dup@fans.test"))).toHaveLength(1);
    // Free allows 5 members: the owner and the one above exist; three more fit, the next does not.
    await Promise.all([signUp(f), signUp(f), signUp(f)]);
    await expect(requestSignUp(f, "one-too-many@fans.test")).rejects.toBeInstanceOf(LimitExceededError);
  });

  it("signs in with the right password and refuses wrong ones with one message", async () => {
    const f = await createTenantFixture(db);
    await signUp(f, "login@fans.test", "a long enough password");
    const ok = await signInWithPassword({
      ctx: authCtx(f),
      input: { email: "Login@Fans.test", password: "a long enough password" },
    });
    expect(await getSession(db.runtime, f.tenant.id, ok.token, "site")).not.toBeNull();
    await expectAuditEvent(db, f.tenant.id, { action: "session.create", actorId: ok.userId });
    const wrong = await signInWithPassword({
      ctx: authCtx(f),
      input: { email: "login@fans.test", password: "nope nope nope" },
    }).catch((e) => e);
    const unknown = await signInWithPassword({
      ctx: authCtx(f),
      input: { email: "ghost@fans.test", password: "nope nope nope" },
    }).catch((e) => e);
    expect(wrong).toBeInstanceOf(UnauthenticatedError);
    expect(unknown.message).toBe(wrong.message);
  });
});

describe("sessions are bound to their tenant and revocable", () => {
  it("a session from tenant A is worthless on tenant B's host", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const r = await signUp(a);
    expect(await getSession(db.runtime, a.tenant.id, r.token, "site")).not.toBeNull();
    expect(await getSession(db.runtime, b.tenant.id, r.token, "site")).toBeNull();
  });

  it("an account on tenant A cannot sign in on tenant B", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    await signUp(a, "only-a@fans.test", "password of a!!");
    await expect(
      signInWithPassword({ ctx: authCtx(b), input: { email: "only-a@fans.test", password: "password of a!!" } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("sign-out, expiry and removal end the session on the next lookup", async () => {
    const f = await createTenantFixture(db);
    const r1 = await signUp(f);
    await signOut({ ctx: authCtx(f), token: r1.token });
    expect(await getSession(db.runtime, f.tenant.id, r1.token, "site")).toBeNull();
    await expectAuditEvent(db, f.tenant.id, { action: "session.revoke" });

    const r2 = await signUp(f);
    await db.owner.sql`update sessions set expires_at = now() - interval '1 second' where id = ${r2.sessionId}`;
    expect(await getSession(db.runtime, f.tenant.id, r2.token, "site")).toBeNull();

    const r3 = await signUp(f);
    await db.owner.sql`update memberships set status = 'suspended' where id = ${r3.membershipId}`;
    expect(await getSession(db.runtime, f.tenant.id, r3.token, "site")).toBeNull();
  });

  it("ignores garbage tokens", async () => {
    const f = await createTenantFixture(db);
    expect(await getSession(db.runtime, f.tenant.id, "", "site")).toBeNull();
    expect(await getSession(db.runtime, f.tenant.id, "x".repeat(43), "site")).toBeNull();
  });
});
