import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { THEME_PRESETS } from "@mw/themes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResendMailer } from "../../adapters/resend";
import { renderMagicLinkEmail } from "../../email/magic-link";
import { UnauthenticatedError } from "../../errors";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, createTenantFixture, type TenantFixture } from "../../testing/fixtures";
import type { AuthCtx, MailCtx } from "../context";
import { getSession } from "../get-session";
import { consumeMagicLink, requestMagicLink } from "../magic-link";
import { signUpWithPassword } from "../sign-up";

let db: TestDatabase;
let resend: ResendEmulator;
beforeAll(async () => {
  db = await createTestDatabase();
  resend = await startResendEmulator();
});
afterAll(async () => {
  await resend.stop();
  await db.drop();
});

const ctxOf = (f: TenantFixture): AuthCtx => ({
  tenant: f.tenant,
  database: db.runtime,
  entitlements: computeEntitlements("pro"),
  requestId: newId("request"),
});

function mail(f: TenantFixture): MailCtx {
  return {
    mailer: createResendMailer({ apiKey: "re_test_key", baseUrl: resend.url }),
    renderMagicLink: async ({ link, expiresInMinutes }) => ({
      ...(await renderMagicLinkEmail({
        tenantName: f.tenant.slug,
        tokens: THEME_PRESETS.forest,
        link,
        expiresInMinutes,
      })),
      from: `Forest <no-reply@mail.example.com>`,
    }),
  };
}

describe("magic links through the outbox", () => {
  it("queues the e-mail with the link, delivers it at once, and the link signs in once", async () => {
    const f = await createTenantFixture(db);
    const m = await addMember(db, f.tenant, ["viewer"], "listener@example.com");
    let token = "";
    const r = await requestMagicLink({
      ctx: ctxOf(f),
      mail: mail(f),
      input: { email: "Listener@Example.com" },
      linkFor: (t) => {
        token = t;
        return `http://${f.tenant.slug}.localhost:3001/auth/magic?token=${t}`;
      },
    });
    expect(r.sent).toBe(true);
    const [row] = await db.owner
      .sql`select status, template, idempotency_key, provider_id from email_outbox where tenant_id = ${f.tenant.id}`;
    expect(row).toMatchObject({ status: "sent", template: "magic_link" });
    const sent = resend.store.find({ to: "listener@example.com" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.idempotencyKey).toBe(row?.idempotency_key);
    expect(sent[0]?.body.html).toContain(token);

    const s = await consumeMagicLink({ ctx: ctxOf(f), input: { token } });
    expect((await getSession(db.runtime, f.tenant.id, s.token))?.user.id).toBe(m.userId);
    await expect(consumeMagicLink({ ctx: ctxOf(f), input: { token } })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("leaves the e-mail pending for the worker when the vendor is down, and says nothing about unknown addresses", async () => {
    const f = await createTenantFixture(db);
    await addMember(db, f.tenant, ["viewer"], "later@example.com");
    resend.failNext({ path: "/emails", status: 500, times: 5 });
    const r = await requestMagicLink({
      ctx: ctxOf(f),
      mail: mail(f),
      input: { email: "later@example.com" },
      linkFor: (t) => `http://x.localhost/auth/magic?token=${t}`,
    });
    expect(r.sent).toBe(true);
    const [row] = await db.owner.sql`select status from email_outbox where tenant_id = ${f.tenant.id}`;
    expect(row?.status).toBe("pending");
    const unknown = await requestMagicLink({
      ctx: ctxOf(f),
      mail: mail(f),
      input: { email: "nobody@example.com" },
      linkFor: (t) => `http://x.localhost/?t=${t}`,
    });
    expect(unknown.sent).toBe(false);
    const count = await db.owner.sql`select count(*)::int as n from email_outbox where tenant_id = ${f.tenant.id}`;
    expect(count[0]?.n).toBe(1);
  });

  it("queues a welcome e-mail with a sign-up when asked to", async () => {
    const f = await createTenantFixture(db);
    await signUpWithPassword({
      ctx: ctxOf(f),
      input: { name: "New Fan", email: "newfan@example.com", password: "a long enough password" },
      welcomeLink: `http://${f.tenant.slug}.localhost:3001/artists`,
    });
    const rows = await db.owner
      .sql`select template, to_address, payload from email_outbox where tenant_id = ${f.tenant.id}`;
    expect(rows).toEqual([
      {
        template: "welcome",
        to_address: "newfan@example.com",
        payload: { link: `http://${f.tenant.slug}.localhost:3001/artists` },
      },
    ]);
  });
});
