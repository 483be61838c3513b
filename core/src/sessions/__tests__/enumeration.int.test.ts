import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, signupRequests, users } from "../../db/schema/index";
import { PreconditionFailedError, TooManyAttemptsError, UnauthenticatedError } from "../../errors";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, auditEvents, createTenantFixture, type TenantFixture } from "../../testing/fixtures";
import type { AuthCtx } from "../context";
import { getSession } from "../get-session";
import { requestMagicLink } from "../magic-link";
import { signInWithPassword } from "../sign-in";
import { confirmSignUp, signUpWithPassword } from "../sign-up";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

let client = 0;
// One address per request: the limits per address are not what these tests are about.
const ctxOf = (f: TenantFixture): AuthCtx => ({
  tenant: f.tenant,
  database: db.runtime,
  entitlements: computeEntitlements("enterprise"),
  requestId: newId("request"),
  ip: `203.0.${Math.floor(++client / 250) % 250}.${(client % 250) + 1}`,
  userAgent: "vitest",
});

const host = (f: TenantFixture) => `http://${f.tenant.slug}.localhost:3001`;
const signUp = (f: TenantFixture, email: string, password = "a long enough password") =>
  signUpWithPassword({
    ctx: ctxOf(f),
    input: { name: "Fan", email, password },
    confirmLinkFor: (t) => `${host(f)}/auth/confirm?token=${t}`,
    signInLink: `${host(f)}/sign-in`,
  });

async function outboxTo(f: TenantFixture, to: string) {
  return db.owner.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, f.tenant.id), eq(emailOutbox.to, to)));
}

const tokenOf = (payload: unknown) => new URL((payload as { link: string }).link).searchParams.get("token") ?? "";

describe("sign-up does not tell whether an address has an account", () => {
  it("answers the same for a new and an existing address; the owner of the existing one is told by e-mail", async () => {
    const f = await createTenantFixture(db);
    await addMember(db, f.tenant, ["member"], "taken@example.com");
    const fresh = await signUp(f, "fresh@example.com");
    const taken = await signUp(f, "TAKEN@example.com");
    expect(fresh).toEqual({ status: "confirmation_sent", email: "fresh@example.com", expiresInMinutes: 60 });
    expect(taken).toEqual({ ...fresh, email: "taken@example.com" });

    const [notice] = await outboxTo(f, "taken@example.com");
    expect(notice).toMatchObject({ template: "signup_existing", payload: { link: `${host(f)}/sign-in` } });
    const [confirm] = await outboxTo(f, "fresh@example.com");
    expect(confirm?.template).toBe("signup_confirm");
    // Nothing exists for the new address until the link is used; the existing account is untouched.
    const fresh0 = await db.owner.db.select().from(users).where(eq(users.email, "fresh@example.com"));
    expect(fresh0).toHaveLength(0);
    const pending = await db.owner.db.select().from(signupRequests).where(eq(signupRequests.tenantId, f.tenant.id));
    expect(pending.map((p) => p.email)).toEqual(["fresh@example.com"]);
  });

  it("creates the member, signs them in and welcomes them once the e-mailed link is used, once", async () => {
    const f = await createTenantFixture(db);
    await signUp(f, "joiner@example.com", "joiner's long password");
    const [mail] = await outboxTo(f, "joiner@example.com");
    const token = tokenOf(mail?.payload);
    const joined = await confirmSignUp({
      ctx: ctxOf(f),
      input: { token },
      welcomeLink: `${host(f)}/artists`,
    });
    const s = await getSession(db.runtime, f.tenant.id, joined.token, "site");
    expect(s).toMatchObject({ user: { email: "joiner@example.com", name: "Fan" }, roleKeys: ["member"] });
    expect((await auditEvents(db, f.tenant.id)).at(-1)).toMatchObject({ action: "user.signup" });
    expect((await outboxTo(f, "joiner@example.com")).map((m) => m.template).sort()).toEqual([
      "signup_confirm",
      "welcome",
    ]);
    const [u] = await db.owner.db.select().from(users).where(eq(users.id, joined.userId));
    expect(u?.emailVerifiedAt).not.toBeNull();
    // The password chosen at sign-up works.
    await expect(
      signInWithPassword({ ctx: ctxOf(f), input: { email: "joiner@example.com", password: "joiner's long password" } }),
    ).resolves.toMatchObject({ userId: joined.userId });
    await expect(confirmSignUp({ ctx: ctxOf(f), input: { token } })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("refuses a second confirmation for an address that got an account meanwhile", async () => {
    const f = await createTenantFixture(db);
    await signUp(f, "twice@example.com");
    await signUp(f, "twice@example.com");
    const mails = await outboxTo(f, "twice@example.com");
    expect(mails.map((m) => m.template)).toEqual(["signup_confirm", "signup_confirm"]);
    await confirmSignUp({ ctx: ctxOf(f), input: { token: tokenOf(mails[0]?.payload) } });
    await expect(confirmSignUp({ ctx: ctxOf(f), input: { token: tokenOf(mails[1]?.payload) } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    // A third attempt now tells the owner instead.
    await signUp(f, "twice@example.com");
    expect((await outboxTo(f, "twice@example.com")).map((m) => m.template)).toContain("signup_existing");
  });

  it("limits sign-ups per address: the fourth in an hour is refused, whether or not it has an account", async () => {
    const f = await createTenantFixture(db);
    await addMember(db, f.tenant, ["member"], "flood@example.com");
    for (const email of ["flood@example.com", "new-flood@example.com"]) {
      for (let i = 0; i < 3; i++) await signUp(f, email);
      const fourth = await signUp(f, email).catch((e: unknown) => e);
      expect(fourth).toBeInstanceOf(TooManyAttemptsError);
      expect((fourth as Error).message).toBe("Too many attempts. Try again in 5 minutes.");
    }
  });
});

async function median(samples: number[]): Promise<number> {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Medians within 15 ms or 2× of each other: generous for a loaded 2-core machine. */
function expectIndistinguishable(a: number, b: number) {
  const close = Math.abs(a - b) <= 15 || Math.max(a, b) / Math.max(Math.min(a, b), 0.001) <= 2;
  expect(close, `medians ${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`).toBe(true);
}

describe("timing does not tell members apart", () => {
  it("sign-in links take as long for a member as for an unknown address", async () => {
    const f = await createTenantFixture(db);
    const n = 25;
    const members = [];
    for (let i = 0; i < n; i++)
      members.push((await addMember(db, f.tenant, ["viewer"], `m${i}@example.com`)) && `m${i}@example.com`);
    const link = (t: string) => `${host(f)}/auth/magic?token=${t}`;
    const ask = (email: string) => requestMagicLink({ ctx: ctxOf(f), input: { email }, linkFor: link });
    // Warm-up: first queries plan and connect.
    await ask("warm@example.com");
    const member: number[] = [];
    const stranger: number[] = [];
    const answers = new Set<string>();
    for (let i = 0; i < n; i++) {
      member.push(await timed(async () => answers.add(JSON.stringify(await ask(`m${i}@example.com`)))));
      stranger.push(await timed(async () => answers.add(JSON.stringify(await ask(`x${i}@example.com`)))));
    }
    expect([...answers]).toEqual([JSON.stringify({ status: "requested" })]);
    expectIndistinguishable(await median(member), await median(stranger));
    console.log(
      `[timing] magic link median member ${(await median(member)).toFixed(1)} ms, unknown ${(await median(stranger)).toFixed(1)} ms`,
    );
    expect(await outboxTo(f, "m3@example.com")).toHaveLength(1);
    expect(await outboxTo(f, "x3@example.com")).toHaveLength(0);
  }, 60_000);

  it("sign-up takes as long for an existing address as for a new one", async () => {
    const f = await createTenantFixture(db);
    const n = 15;
    for (let i = 0; i < n; i++) await addMember(db, f.tenant, ["viewer"], `e${i}@example.com`);
    await signUp(f, "warm@example.com");
    const existing: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < n; i++) {
      existing.push(await timed(() => signUp(f, `e${i}@example.com`)));
      fresh.push(await timed(() => signUp(f, `f${i}@example.com`)));
    }
    console.log(
      `[timing] sign-up median existing ${(await median(existing)).toFixed(1)} ms, new ${(await median(fresh)).toFixed(1)} ms`,
    );
    expectIndistinguishable(await median(existing), await median(fresh));
  }, 60_000);
});
