import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDohTxtResolver } from "../../adapters/doh";
import { createVercelDomainHosting } from "../../adapters/vercel";
import type { TenantRef } from "../../context";
import {
  ConflictError,
  ForbiddenError,
  LimitExceededError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "../../errors";
import { computeEntitlements, type PlanId } from "../../plans/catalog";
import { FeatureUnavailableError } from "../../plans/errors";
import type { ProductCtx } from "../../plans/guards";
import type { TxtResolver } from "../../ports/dns";
import type { DomainHosting } from "../../ports/domains";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import {
  addCustomDomain,
  HostingUnavailableError,
  listDomains,
  ownershipRecord,
  reconcileDomains,
  removeCustomDomain,
  setPrimaryDomain,
  verifyCustomDomain,
} from "../index";

const TOKEN = "vercel_domains_int_token";
const PROJECT = "prj_domainsint00000000000001";
const DAY = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let emulator: VercelEmulator;
let hosting: DomainHosting;
let dns: TxtResolver;
let seq = 0;

beforeAll(async () => {
  [db, emulator] = await Promise.all([createTestDatabase(), startVercelEmulator({ token: TOKEN, projectId: PROJECT })]);
  hosting = createVercelDomainHosting({
    bearerToken: TOKEN,
    projectId: PROJECT,
    teamId: "team_int",
    serverURL: emulator.url,
  });
  dns = createDohTxtResolver({ url: `${emulator.url}/dns-query` });
});
afterAll(async () => {
  // Guarded: when beforeAll failed (no database), the real error is the one to see.
  await Promise.all([db?.drop(), emulator?.stop()]);
});
beforeEach(() => {
  emulator.clear();
});

/** A host name no other test uses (tests share the emulator and the database). */
const uniqueHost = (label = "music") => `${label}.records-${process.pid}-${++seq}.com`;

async function productCtx(tenant: TenantRef, userId: string, plan: PlanId = "pro"): Promise<ProductCtx> {
  return { ...(await asUser(db, tenant, userId)), entitlements: computeEntitlements(plan) };
}

async function proTenant() {
  const f = await createTenantFixture(db, { plan: "pro" });
  return { f, ctx: await productCtx(f.tenant, f.owner.userId) };
}

async function resolve(hostname: string) {
  return db.runtime.sql<{ tenant_id: string; primary_host: string | null }[]>`
    select tenant_id, primary_host from resolve_host(${hostname})`;
}

async function rowsOf(tenantId: string) {
  return db.owner.sql<{ id: string; hostname: string; kind: string; status: string; is_primary: boolean }[]>`
    select id, hostname, kind, status, is_primary from domains where tenant_id = ${tenantId} order by created_at`;
}

/** The tenant's own ownership record in the emulated DNS (what `_musicalwheel.<host>` must hold). */
function proveOwnership(domain: { hostname: string; ownershipToken: string | null }) {
  const record = ownershipRecord(domain.hostname, domain.ownershipToken ?? "");
  const others = (emulator.dns.txt(record.name) ?? []).filter((v) => v !== record.value);
  emulator.setTxtRecord(record.name, [...others, record.value]);
}

/** The customer's DNS work: both TXT records (ours, Vercel's), and the CNAME / A record pointing at the host. */
function configureDns(domain: { hostname: string; ownershipToken: string | null }) {
  proveOwnership(domain);
  emulator.setDomainVerified(domain.hostname, true);
  emulator.setMisconfigured(domain.hostname, false);
}

describe("custom domain verbs", () => {
  it("takes a domain from pending to verified to primary to removed, audited at each step", async () => {
    const { f, ctx } = await proTenant();
    const hostname = uniqueHost();

    const added = await addCustomDomain({ ctx, input: { hostname: ` ${hostname.toUpperCase()}. ` }, hosting });
    expect(added.domain).toMatchObject({ hostname, kind: "custom", status: "pending", isPrimary: false });
    const challenge = emulator.domains.get(hostname);
    expect(added.domain.verification).toEqual([
      {
        type: "TXT",
        name: `_vercel.${hostname.split(".").slice(1).join(".")}`,
        value: `vc-domain-verify=${hostname},${challenge?.challenge}`,
        purpose: "verification",
      },
    ]);
    expect(added.domain.dnsConfig).toMatchObject({
      misconfigured: true,
      recommended: [{ type: "CNAME", name: hostname, value: "cname.vercel-dns.com", purpose: "routing" }],
    });
    await expectAuditEvent(db, f.tenant.id, {
      action: "domain.add",
      targetId: added.domain.id,
      actorId: f.owner.userId,
    });
    expect(await resolve(hostname)).toEqual([]);

    // Checked before the customer touched DNS: still pending, the reason recorded, nothing audited.
    const eventsBefore = (await auditEvents(db, f.tenant.id)).length;
    const early = await verifyCustomDomain({ ctx, input: { domainId: added.domain.id }, hosting, dns });
    expect(early.domain).toMatchObject({ status: "pending", lastError: "missing_txt_record", verifiedAt: null });
    expect(early.domain.lastCheckedAt).toBeInstanceOf(Date);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(eventsBefore);

    configureDns(added.domain);
    const verified = await verifyCustomDomain({ ctx, input: { domainId: added.domain.id }, hosting, dns });
    expect(verified.state).toMatchObject({ verified: true, misconfigured: false });
    expect(verified.domain).toMatchObject({ status: "verified", verification: [], lastError: null });
    expect(verified.domain.verifiedAt).toBeInstanceOf(Date);
    await expectAuditEvent(db, f.tenant.id, { action: "domain.verify", targetId: added.domain.id });
    expect(await resolve(hostname)).toEqual([{ tenant_id: f.tenant.id, primary_host: `${f.tenant.slug}.localhost` }]);
    // The owners hear about it: one "domain verified" e-mail each, queued with the verification.
    const mails = await db.owner.sql`
      select template, to_address, payload from email_outbox where tenant_id = ${f.tenant.id} and template = 'domain_verified'`;
    expect(mails).toEqual([
      { template: "domain_verified", to_address: `owner@${f.tenant.slug}.test`, payload: { hostname } },
    ]);

    // Verifying again changes nothing and audits nothing.
    const count = (await auditEvents(db, f.tenant.id)).length;
    await verifyCustomDomain({ ctx, input: { domainId: added.domain.id }, hosting, dns });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(count);

    const primary = await setPrimaryDomain({ ctx, input: { domainId: added.domain.id } });
    expect(primary.isPrimary).toBe(true);
    const event = await expectAuditEvent(db, f.tenant.id, { action: "domain.set_primary", targetId: added.domain.id });
    expect(event?.before).toEqual({ primary: `${f.tenant.slug}.localhost` });
    expect((await rowsOf(f.tenant.id)).filter((r) => r.is_primary).map((r) => r.hostname)).toEqual([hostname]);
    expect(await resolve(hostname)).toEqual([{ tenant_id: f.tenant.id, primary_host: hostname }]);
    expect((await listDomains({ ctx })).map((d) => [d.hostname, d.isPrimary])).toEqual([
      [hostname, true],
      [`${f.tenant.slug}.localhost`, false],
    ]);

    const removed = await removeCustomDomain({ ctx, input: { domainId: added.domain.id }, hosting });
    expect(removed).toMatchObject({ status: "removed", isPrimary: false });
    await expectAuditEvent(db, f.tenant.id, { action: "domain.remove", targetId: added.domain.id });
    expect(emulator.domains.get(hostname)).toBeUndefined();
    expect(await resolve(hostname)).toEqual([]);
    // The platform host is primary again, and the removed domain is gone from the list.
    expect((await listDomains({ ctx })).map((d) => [d.hostname, d.isPrimary])).toEqual([
      [`${f.tenant.slug}.localhost`, true],
    ]);
    expect((await auditEvents(db, f.tenant.id)).map((e) => e.action).filter((a) => a.startsWith("domain."))).toEqual([
      "domain.add",
      "domain.verify",
      "domain.set_primary",
      "domain.remove",
    ]);

    // A removed host name is free again.
    const again = await addCustomDomain({ ctx, input: { hostname }, hosting });
    expect(again.domain.status).toBe("pending");
  });

  it("rejects an unauthorized actor (member) and writes nothing", async () => {
    const { f, ctx } = await proTenant();
    const added = await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting });
    const member = await addMember(db, f.tenant, ["member"]);
    const mctx = await productCtx(f.tenant, member.userId);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const requests = emulator.requests.length;

    await expect(addCustomDomain({ ctx: mctx, input: { hostname: uniqueHost() }, hosting })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const domainId = added.domain.id;
    await expect(verifyCustomDomain({ ctx: mctx, input: { domainId }, hosting, dns })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(removeCustomDomain({ ctx: mctx, input: { domainId }, hosting })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(setPrimaryDomain({ ctx: mctx, input: { domainId } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listDomains({ ctx: mctx })).rejects.toBeInstanceOf(ForbiddenError);

    expect(emulator.requests.length).toBe(requests);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
    expect((await rowsOf(f.tenant.id)).map((r) => r.status)).toEqual(["verified", "pending"]);
  });

  it("cannot touch another tenant's domain", async () => {
    const a = await proTenant();
    const b = await proTenant();
    const hostname = uniqueHost();
    const added = await addCustomDomain({ ctx: a.ctx, input: { hostname }, hosting });
    configureDns(added.domain);
    const domainId = added.domain.id;

    await expect(verifyCustomDomain({ ctx: b.ctx, input: { domainId }, hosting, dns })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(removeCustomDomain({ ctx: b.ctx, input: { domainId }, hosting })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setPrimaryDomain({ ctx: b.ctx, input: { domainId } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listDomains({ ctx: b.ctx })).map((d) => d.id)).not.toContain(domainId);

    // Nothing happened to it, here or at the vendor.
    expect(emulator.domains.get(hostname)?.verified).toBe(false);
    expect((await rowsOf(a.f.tenant.id)).find((r) => r.id === domainId)).toMatchObject({ status: "pending" });
    expect((await auditEvents(db, b.f.tenant.id)).some((e) => e.action.startsWith("domain."))).toBe(false);
  });

  it("names the problem with an invalid host name and writes nothing", async () => {
    const { f, ctx } = await proTenant();
    const before = (await auditEvents(db, f.tenant.id)).length;
    for (const [hostname, message] of [
      ["https://music.acme.com/", /without "http:\/\/"/],
      ["192.168.1.10", /IP address/],
      [`shop.${f.tenant.slug}.localhost`, /localhost/],
      ["*.acme.com", /Wildcard/],
      ["acme", /full domain name/],
    ] as const) {
      const err = await addCustomDomain({ ctx, input: { hostname }, hosting }).catch((e: unknown) => e);
      expect(err, hostname).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields.hostname?.[0], hostname).toMatch(message);
    }
    const missing = await addCustomDomain({ ctx, input: {} as { hostname: string }, hosting }).catch((e: unknown) => e);
    expect((missing as ValidationError).fields.hostname).toBeDefined();
    expect(emulator.requests).toHaveLength(0);
    expect((await rowsOf(f.tenant.id)).filter((r) => r.kind === "custom")).toEqual([]);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("refuses a domain held by another project at the vendor, naming it, and writes nothing", async () => {
    const { f, ctx } = await proTenant();
    const hostname = uniqueHost();
    emulator.claimElsewhere(hostname, "prj_somebodyelse");
    const before = (await auditEvents(db, f.tenant.id)).length;
    const err = await addCustomDomain({ ctx, input: { hostname }, hosting }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/already in use by another hosting project \(prj_somebodyelse\)/);
    expect((await rowsOf(f.tenant.id)).filter((r) => r.kind === "custom")).toEqual([]);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
    expect(emulator.domains.size).toBe(0);
  });

  it("refuses a domain another organization verified, and leaves that one's attachment alone", async () => {
    const a = await proTenant();
    const b = await proTenant();
    const hostname = uniqueHost();
    const { domain } = await addCustomDomain({ ctx: a.ctx, input: { hostname }, hosting });
    configureDns(domain);
    await verifyCustomDomain({ ctx: a.ctx, input: { domainId: domain.id }, hosting, dns });
    const before = (await auditEvents(db, b.f.tenant.id)).length;
    const err = await addCustomDomain({ ctx: b.ctx, input: { hostname }, hosting }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(`${hostname} is already connected to another organization.`);
    expect((await rowsOf(b.f.tenant.id)).filter((r) => r.kind === "custom")).toEqual([]);
    expect((await auditEvents(db, b.f.tenant.id)).length).toBe(before);
    expect(emulator.domains.get(hostname)).toBeDefined();

    // The same organization adding it twice is told so, without a vendor call.
    const requests = emulator.requests.length;
    await expect(addCustomDomain({ ctx: a.ctx, input: { hostname }, hosting })).rejects.toThrow(
      /already connected to this organization/,
    );
    expect(emulator.requests.length).toBe(requests);
  });

  it("finishes an add whose first attempt got to the vendor but not to the database", async () => {
    const { f, ctx } = await proTenant();
    const hostname = uniqueHost();
    // The earlier attempt: attached at the vendor, then the process died.
    await hosting.add(hostname, { idempotencyKey: `domain.add:${f.tenant.id}:${hostname}` });
    const { domain } = await addCustomDomain({ ctx, input: { hostname }, hosting });
    expect(domain.status).toBe("pending");
    expect(domain.verification).toHaveLength(1);
    expect(emulator.domains.size).toBe(1);
  });

  it("keeps the Free plan out and holds Pro to its limit", async () => {
    const free = await createTenantFixture(db, { plan: "free" });
    const fctx = await productCtx(free.tenant, free.owner.userId, "free");
    await expect(addCustomDomain({ ctx: fctx, input: { hostname: uniqueHost() }, hosting })).rejects.toBeInstanceOf(
      FeatureUnavailableError,
    );

    const { f, ctx } = await proTenant();
    await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting });
    const requests = emulator.requests.length;
    const err = await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({ limit: "customDomains", max: 1 });
    expect(emulator.requests.length).toBe(requests);
    expect((await rowsOf(f.tenant.id)).filter((r) => r.kind === "custom")).toHaveLength(1);
    expect(emulator.requests.some((r) => r.path.startsWith("/v10/") && r.query.teamId !== "team_int")).toBe(false);
  });

  it("reports a vendor outage as retryable and writes nothing", async () => {
    const { f, ctx } = await proTenant();
    emulator.failNext({ path: `/v10/projects/${PROJECT}/domains`, status: 503 });
    await expect(addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting })).rejects.toBeInstanceOf(
      HostingUnavailableError,
    );
    expect((await rowsOf(f.tenant.id)).filter((r) => r.kind === "custom")).toEqual([]);
  });

  it("only lets verified domains become primary, and keeps the platform host", async () => {
    const { f, ctx } = await proTenant();
    const { domain } = await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting });
    await expect(setPrimaryDomain({ ctx, input: { domainId: domain.id } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const platform = (await rowsOf(f.tenant.id)).find((r) => r.kind === "platform");
    await expect(removeCustomDomain({ ctx, input: { domainId: platform?.id ?? "" }, hosting })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(setPrimaryDomain({ ctx, input: { domainId: "dom_not-an-id" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe("reconcileDomains (the periodic job)", () => {
  async function verifiedDomain(primary = false) {
    const { f, ctx } = await proTenant();
    const hostname = uniqueHost();
    const { domain } = await addCustomDomain({ ctx, input: { hostname }, hosting });
    configureDns(domain);
    await verifyCustomDomain({ ctx, input: { domainId: domain.id }, hosting, dns });
    if (primary) await setPrimaryDomain({ ctx, input: { domainId: domain.id } });
    return { f, ctx, hostname, domainId: domain.id };
  }

  it("lapses a domain whose DNS verification disappeared, and resolve_host() stops serving it", async () => {
    const { f, hostname, domainId } = await verifiedDomain(true);
    expect(await resolve(hostname)).toHaveLength(1);

    emulator.setDomainVerified(hostname, false);
    const summary = await reconcileDomains({ database: db.control, hosting, dns });
    expect(summary.lapsed).toContainEqual({ domainId, tenantId: f.tenant.id, hostname, reason: "verification_lost" });
    expect(summary.failed).toEqual([]);

    const [row] = await db.owner.sql<{ status: string; lapsed: boolean; is_primary: boolean; last_error: string }[]>`
      select status, lapsed_at is not null as lapsed, is_primary, last_error from domains where id = ${domainId}`;
    expect(row).toEqual({ status: "lapsed", lapsed: true, is_primary: false, last_error: "missing_txt_record" });
    const event = await expectAuditEvent(db, f.tenant.id, {
      action: "domain.lapse",
      targetId: domainId,
      actorType: "system",
      actorId: "domains.reconcile",
    });
    expect(event?.after).toMatchObject({ status: "lapsed", reason: "verification_lost" });
    expect(await resolve(hostname)).toEqual([]);
    // The platform host took the primary role back.
    expect(await resolve(`${f.tenant.slug}.localhost`)).toEqual([
      { tenant_id: f.tenant.id, primary_host: `${f.tenant.slug}.localhost` },
    ]);

    // Once the customer restores DNS (its ownership record never left), the next run brings it back.
    emulator.setDomainVerified(hostname, true);
    const again = await reconcileDomains({ database: db.control, hosting, dns });
    expect(again.verified).toContainEqual({ domainId, tenantId: f.tenant.id, hostname });
    expect(await resolve(hostname)).toHaveLength(1);
  });

  it("verifies a pending domain once its DNS record appears", async () => {
    const { f, ctx } = await proTenant();
    const hostname = uniqueHost();
    const { domain } = await addCustomDomain({ ctx, input: { hostname }, hosting });
    const quiet = await reconcileDomains({ database: db.control, hosting, dns });
    expect(quiet.verified.map((v) => v.domainId)).not.toContain(domain.id);

    // Vercel's record alone is not enough: its challenge is the same for every tenant claiming the name.
    emulator.setDomainVerified(hostname, true);
    const vendorOnly = await reconcileDomains({ database: db.control, hosting, dns });
    expect(vendorOnly.verified.map((v) => v.domainId)).not.toContain(domain.id);
    expect((await rowsOf(f.tenant.id)).find((r) => r.id === domain.id)?.status).toBe("pending");
    const [{ last_error } = { last_error: null }] = await db.owner.sql<{ last_error: string | null }[]>`
      select last_error from domains where id = ${domain.id}`;
    expect(last_error).toBe("missing_ownership_txt");

    proveOwnership(domain);
    const summary = await reconcileDomains({ database: db.control, hosting, dns });
    expect(summary.verified).toContainEqual({ domainId: domain.id, tenantId: f.tenant.id, hostname });
    await expectAuditEvent(db, f.tenant.id, { action: "domain.verify", targetId: domain.id, actorType: "system" });
    expect(await resolve(hostname)).toHaveLength(1);
  });

  it("lapses a verified domain whose DNS points elsewhere only after the grace period", async () => {
    const { f, hostname, domainId } = await verifiedDomain();
    emulator.setMisconfigured(hostname, true);
    const t0 = new Date();
    const first = await reconcileDomains({ database: db.control, hosting, dns, now: t0, graceMs: 3 * DAY });
    expect(first.lapsed.map((l) => l.domainId)).not.toContain(domainId);
    const within = await reconcileDomains({
      database: db.control,
      hosting,
      dns,
      now: new Date(t0.getTime() + 2 * DAY),
      graceMs: 3 * DAY,
    });
    expect(within.lapsed.map((l) => l.domainId)).not.toContain(domainId);
    expect(await resolve(hostname)).toHaveLength(1);

    const past = await reconcileDomains({
      database: db.control,
      hosting,
      dns,
      now: new Date(t0.getTime() + 3 * DAY),
      graceMs: 3 * DAY,
    });
    expect(past.lapsed).toContainEqual({ domainId, tenantId: f.tenant.id, hostname, reason: "dns_misconfigured" });
    expect(await resolve(hostname)).toEqual([]);
  });

  it("puts back a domain the vendor lost, and reports one it cannot check without touching it", async () => {
    const { f, ctx } = await proTenant();
    const lost = uniqueHost();
    const { domain } = await addCustomDomain({ ctx, input: { hostname: lost }, hosting });
    emulator.domains.remove(lost);

    const other = await proTenant();
    const flaky = uniqueHost();
    const added = await addCustomDomain({ ctx: other.ctx, input: { hostname: flaky }, hosting });
    emulator.failNext({ path: `/v9/projects/${PROJECT}/domains/${flaky}/verify`, status: 500 });
    const before = await rowsOf(other.f.tenant.id);

    const summary = await reconcileDomains({ database: db.control, hosting, dns, concurrency: 2 });
    expect(emulator.domains.get(lost)).toBeDefined();
    expect((await rowsOf(f.tenant.id)).find((r) => r.id === domain.id)?.status).toBe("pending");
    expect(summary.failed).toEqual([
      {
        domainId: added.domain.id,
        tenantId: other.f.tenant.id,
        hostname: flaky,
        error: expect.stringContaining("500"),
      },
    ]);
    expect(await rowsOf(other.f.tenant.id)).toEqual(before);
    expect(summary.tenants).toBeGreaterThanOrEqual(2);
  });
});
