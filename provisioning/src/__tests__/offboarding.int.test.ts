import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { TenantRef } from "@mw/core/context";
import { newId } from "@mw/core/ids";
import { staffCtx } from "@mw/core/testing";
import { acceptInvitation } from "@mw/core/verbs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformHostname } from "../core-internals";
import { startOffboarding } from "../workflows/offboard";
import { startOnboarding } from "../workflows/onboard";
import { purgeDeletedTenants } from "../workflows/purge";
import { cancelProvisioningRun } from "../workflows/staff";
import { createHarness, type Harness, uniqueSlug, until } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h?.close();
});

const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$bm90LWEtcmVhbC1oYXNoLWJ1dC1zZWNyZXQ";

/** An onboarded tenant whose owner accepted the invitation and chose a password. */
async function liveTenant(slug: string) {
  const owner = `owner@${slug}.example`;
  const run = await startOnboarding({
    ctx: h.staff,
    input: {
      name: `Off ${slug}`,
      slug,
      plan: "business",
      ownerEmail: owner,
      customDomains: [`www.${slug}.example.org`],
    },
    worker: h.worker.queue,
  });
  await h.waitForRun(run.run.id, ["succeeded"]);
  await until(() => h.resend.store.find({ to: owner }).length === 1);
  const html = h.resend.store.find({ to: owner })[0]?.body.html ?? "";
  const token = decodeURIComponent(/\/invite\/([^"<\s]+)/.exec(html)?.[1] ?? "");
  const tenantId = run.run.forTenantId as string;
  const tenant: TenantRef = { id: tenantId, slug, status: "active", plan: "business" };
  await acceptInvitation({
    ctx: { tenant, database: h.db.runtime, requestId: newId("request") },
    input: { token, name: "Olive Owner" },
    passwordHash: PASSWORD_HASH,
  });
  return { tenantId, owner };
}

describe("offboarding", () => {
  it("releases domains, exports the tenant's data without secrets, and deletes the tenant", async () => {
    const slug = uniqueSlug("leaving");
    const { tenantId, owner } = await liveTenant(slug);
    const hostname = `www.${slug}.example.org`;
    expect(h.vercel.domains.get(hostname)).toBeDefined();
    expect(await h.db.control.sql`select tenant_id from resolve_host(${platformHostname(slug)})`).toHaveLength(1);

    const run = await startOffboarding({
      ctx: h.staff,
      input: { tenantId, reason: "contract ended" },
      worker: h.worker.queue,
    });
    const done = await h.waitForRun(run.run.id, ["succeeded", "parked"]);
    expect(done.run.lastError).toBeNull();
    expect(done.steps.map((s) => [s.stepId, s.status])).toEqual([
      ["remove-domains", "succeeded"],
      ["cancel-subscription", "succeeded"],
      ["export-data", "succeeded"],
      ["soft-delete", "succeeded"],
    ]);

    const exported = done.steps.find((s) => s.stepId === "export-data")?.output as {
      path: string;
      sha256: string;
      size: number;
      counts: Record<string, number>;
    };
    expect(exported.path).toBe(`${h.exportDir}/${tenantId}-${run.run.id}.json.gz`);
    const file = await readFile(exported.path);
    expect(file.length).toBe(exported.size);
    expect(createHash("sha256").update(file).digest("hex")).toBe(exported.sha256);
    const text = gunzipSync(file).toString("utf8");
    const archive = JSON.parse(text);
    expect(archive.format).toBe("musicalwheel.tenant-export/1");
    expect(archive.tenant).toMatchObject({ id: tenantId, slug });
    expect(archive.tables.users).toEqual([expect.objectContaining({ email: owner, name: "Olive Owner" })]);
    expect(archive.tables.users[0]).not.toHaveProperty("password_hash");
    expect(text).not.toContain(PASSWORD_HASH);
    expect(archive.tables.memberships).toHaveLength(1);
    expect(archive.tables.roles.map((r: { key: string }) => r.key)).toContain("owner");
    expect(archive.tables.themes).toHaveLength(1);
    expect(archive.tables.domains.map((d: { hostname: string }) => d.hostname)).toContain(hostname);
    expect(archive.tables.audit_events.map((a: { action: string }) => a.action)).toContain("invitation.accept");
    expect(exported.counts.users).toBe(1);
    for (const table of ["artists", "events", "event_rsvps", "membership_roles"])
      expect(archive.tables).toHaveProperty(table);

    const [tenant] = await h.db.owner.sql`select status, deleted_at from tenants where id = ${tenantId}`;
    expect(tenant?.status).toBe("deleted");
    expect(tenant?.deleted_at).toBeTruthy();
    expect(await h.db.control.sql`select * from resolve_host(${platformHostname(slug)})`).toHaveLength(0);
    expect(await h.db.control.sql`select * from resolve_host(${hostname})`).toHaveLength(0);
    expect(h.vercel.domains.get(hostname)).toBeUndefined();
    // The Business trial ended at Stripe when the tenant left, and the ledger (exported too) says so.
    const [account] = await h.db.owner
      .sql`select stripe_subscription_id, subscription_status from billing_accounts where tenant_id = ${tenantId}`;
    expect(account?.subscription_status).toBe("canceled");
    expect((await h.stripe.subscriptions.retrieve(account?.stripe_subscription_id)).status).toBe("canceled");
    expect(archive.tables).toHaveProperty("billing_accounts");
    const audit = await h.db.owner
      .sql`select action, after from audit_events where tenant_id = ${tenantId} order by seq`;
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["tenant.offboard", "domain.remove", "tenant.delete"]));
    expect(audit.find((a) => a.action === "tenant.offboard")?.after).toMatchObject({ reason: "contract ended" });

    // A second offboarding of the same tenant is refused.
    await expect(
      startOffboarding({ ctx: h.staff, input: { tenantId, reason: "again" }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "precondition_failed" });
    await expect(
      cancelProvisioningRun({ ctx: h.staff, input: { runId: run.run.id }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "precondition_failed" });

    // Retention over: the rows go, the audit chain stays, the slug is free again.
    expect(await purgeDeletedTenants({ database: h.db.control, retentionDays: 30 })).toEqual({ purged: [] });
    const purge = await purgeDeletedTenants({
      database: h.db.control,
      retentionDays: 0,
      now: new Date(Date.now() + 1000),
    });
    expect(purge.purged).toContain(tenantId);
    expect(await h.db.owner.sql`select id from users where tenant_id = ${tenantId}`).toHaveLength(0);
    expect(await h.db.owner.sql`select id from roles where tenant_id = ${tenantId}`).toHaveLength(0);
    const outbox = await h.db.owner.sql`select to_address, payload from email_outbox where tenant_id = ${tenantId}`;
    expect(outbox).toEqual([{ to_address: "purged", payload: {} }]);
    const [purgedRun] = await h.db.owner
      .sql`select input from provisioning_runs where for_tenant_id = ${tenantId} and kind = 'onboard'`;
    expect(purgedRun?.input).not.toHaveProperty("ownerEmail");
    const trail = await h.db.owner.sql`select action from audit_events where tenant_id = ${tenantId} order by seq`;
    expect(trail.at(-1)?.action).toBe("tenant.purge");
    expect((await purgeDeletedTenants({ database: h.db.control, retentionDays: 0 })).purged).not.toContain(tenantId);
    const again = await startOnboarding({
      ctx: h.staff,
      input: { name: "Back again", slug, plan: "free", ownerEmail: owner },
      worker: h.worker.queue,
    });
    await h.waitForRun(again.run.id, ["succeeded"]);
  });

  it("refuses staff without the offboard permission", async () => {
    const onboarding = staffCtx(h.db.control, ["onboarding"]);
    await expect(
      startOffboarding({
        ctx: onboarding,
        input: { tenantId: newId("tenant"), reason: "nope" },
        worker: h.worker.queue,
      }),
    ).rejects.toMatchObject({ code: "forbidden", permission: "platform.tenant.offboard" });
  });

  it("validates its input", async () => {
    await expect(
      startOffboarding({ ctx: h.staff, input: { tenantId: "ten_nope", reason: "" }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ fields: { tenantId: ["not a tenant id"], reason: [expect.any(String)] } });
    await expect(
      startOffboarding({ ctx: h.staff, input: { tenantId: newId("tenant"), reason: "gone" }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
