import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDohTxtResolver } from "../../adapters/doh";
import { createVercelDomainHosting } from "../../adapters/vercel";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import type { ProductCtx } from "../../plans/guards";
import type { TxtResolver } from "../../ports/dns";
import type { DomainHosting } from "../../ports/domains";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { asUser, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import {
  addCustomDomain,
  HostingUnavailableError,
  listReleasedClaims,
  ownershipRecord,
  reconcileDomains,
  removeCustomDomain,
  verifyCustomDomain,
} from "../index";

// Squatting: an unverified claim must not hold a name. Several tenants may claim one; the first
// to prove control of its DNS with its *own* TXT record gets it, and unproven claims expire.

const TOKEN = "vercel_claims_int_token";
const PROJECT = "prj_claimsint000000000000001";
const DAY = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let emulator: VercelEmulator;
let hosting: DomainHosting;
let dns: TxtResolver;
let seq = 0;

beforeAll(async () => {
  [db, emulator] = await Promise.all([createTestDatabase(), startVercelEmulator({ token: TOKEN, projectId: PROJECT })]);
  hosting = createVercelDomainHosting({ bearerToken: TOKEN, projectId: PROJECT, serverURL: emulator.url });
  dns = createDohTxtResolver({ url: `${emulator.url}/dns-query` });
});
afterAll(async () => {
  await Promise.all([db?.drop(), emulator?.stop()]);
});
beforeEach(() => {
  emulator.clear();
});

const uniqueHost = () => `music.claims-${process.pid}-${++seq}.com`;

async function proTenant() {
  const f = await createTenantFixture(db, { plan: "pro" });
  const ctx: ProductCtx = { ...(await asUser(db, f.tenant, f.owner.userId)), entitlements: computeEntitlements("pro") };
  return { f, ctx };
}

/** The DNS owner's work: its own ownership record, Vercel's record, and routing to Vercel. */
function ownerSetsUpDns(domain: { hostname: string; ownershipToken: string | null }) {
  const record = ownershipRecord(domain.hostname, domain.ownershipToken ?? "");
  emulator.setTxtRecord(record.name, [record.value]);
  emulator.setDomainVerified(domain.hostname, true);
  emulator.setMisconfigured(domain.hostname, false);
}

async function rowOf(domainId: string) {
  const [row] = await db.owner.sql<
    { status: string; release_reason: string | null; released: boolean; last_error: string | null }[]
  >`select status, release_reason, released_at is not null as released, last_error from domains where id = ${domainId}`;
  return row;
}

async function resolve(hostname: string) {
  return db.runtime.sql<{ tenant_id: string }[]>`select tenant_id from resolve_host(${hostname})`;
}

describe("domain claims (squatting)", () => {
  it("lets the real owner take a name a squatter claimed, by its own TXT record; the squatter is released", async () => {
    const squatter = await proTenant();
    const owner = await proTenant();
    const hostname = uniqueHost();

    const squat = await addCustomDomain({ ctx: squatter.ctx, input: { hostname }, hosting });
    expect(squat).toMatchObject({ contested: false, domain: { status: "pending" } });

    // The pending claim does not block the owner: the add succeeds, told that the name is contested.
    const claim = await addCustomDomain({ ctx: owner.ctx, input: { hostname }, hosting });
    expect(claim).toMatchObject({ contested: true, domain: { status: "pending", hostname } });
    expect(claim.domain.ownershipToken).toMatch(/^[0-9a-f]{32}$/);
    expect(claim.domain.ownershipToken).not.toBe(squat.domain.ownershipToken);
    // One project domain at the vendor serves both claims.
    expect(emulator.domains.size).toBe(1);

    ownerSetsUpDns(claim.domain);

    // The squatter sees the same Vercel challenge and DNS now satisfies it — but not its own record.
    const attempt = await verifyCustomDomain({
      ctx: squatter.ctx,
      input: { domainId: squat.domain.id },
      hosting,
      dns,
    });
    expect(attempt.state.verified).toBe(true);
    expect(attempt.domain).toMatchObject({ status: "pending", lastError: "missing_ownership_txt" });
    expect(await resolve(hostname)).toEqual([]);

    const won = await verifyCustomDomain({ ctx: owner.ctx, input: { domainId: claim.domain.id }, hosting, dns });
    expect(won).toMatchObject({ released: 1, domain: { status: "verified" } });
    expect(await resolve(hostname)).toEqual([{ tenant_id: owner.f.tenant.id }]);

    // Released, with when and why; audited in the squatter's chain as the system (not the owner's user)…
    expect(await rowOf(squat.domain.id)).toMatchObject({
      status: "removed",
      release_reason: "ownership_proven_elsewhere",
      released: true,
    });
    const release = await expectAuditEvent(db, squatter.f.tenant.id, {
      action: "domain.release",
      targetId: squat.domain.id,
      actorType: "system",
      actorId: "domains.claims",
    });
    expect(release?.after).toEqual({ hostname, status: "removed", reason: "ownership_proven_elsewhere" });
    // …and in the owner's chain as a take-over that names no other tenant.
    const takeOver = await expectAuditEvent(db, owner.f.tenant.id, {
      action: "domain.take_over",
      targetId: claim.domain.id,
      actorId: owner.f.owner.userId,
    });
    expect(takeOver?.after).toEqual({ hostname, releasedClaims: 1 });
    expect(JSON.stringify(takeOver)).not.toContain(squatter.f.tenant.id);

    // The vendor attachment stays: it serves the winner.
    expect(emulator.domains.get(hostname)?.verified).toBe(true);
    // The squatter's domains page explains what happened; a new claim is refused now.
    expect((await listReleasedClaims({ ctx: squatter.ctx })).map((d) => [d.hostname, d.releaseReason])).toEqual([
      [hostname, "ownership_proven_elsewhere"],
    ]);
    await expect(addCustomDomain({ ctx: squatter.ctx, input: { hostname }, hosting })).rejects.toThrow(
      `${hostname} is already connected to another organization.`,
    );
  });

  it("never verifies a claim while another tenant has the name verified, even with its own record", async () => {
    const first = await proTenant();
    const late = await proTenant();
    const hostname = uniqueHost();
    const { domain } = await addCustomDomain({ ctx: first.ctx, input: { hostname }, hosting });
    ownerSetsUpDns(domain);
    await verifyCustomDomain({ ctx: first.ctx, input: { domainId: domain.id }, hosting, dns });

    // A claim that slipped in beside the verified one (a race with the add's check).
    const lateId = newId("domain");
    const token = "f".repeat(32);
    await db.owner.sql`
      insert into domains (id, tenant_id, hostname, kind, status, ownership_token)
      values (${lateId}, ${late.f.tenant.id}, ${hostname}, 'custom', 'pending', ${token})`;
    const record = ownershipRecord(hostname, token);
    emulator.setTxtRecord(record.name, [...(emulator.dns.txt(record.name) ?? []), record.value]);

    const result = await verifyCustomDomain({ ctx: late.ctx, input: { domainId: lateId }, hosting, dns });
    expect(result.domain).toMatchObject({ status: "pending", lastError: "verified_elsewhere" });
    expect(await resolve(hostname)).toEqual([{ tenant_id: first.f.tenant.id }]);
    expect(await rowOf(domain.id)).toMatchObject({ status: "verified" });
  });

  it("keeps the vendor attachment while another tenant still claims the name", async () => {
    const a = await proTenant();
    const b = await proTenant();
    const hostname = uniqueHost();
    const first = await addCustomDomain({ ctx: a.ctx, input: { hostname }, hosting });
    const second = await addCustomDomain({ ctx: b.ctx, input: { hostname }, hosting });

    await removeCustomDomain({ ctx: a.ctx, input: { domainId: first.domain.id }, hosting });
    expect(emulator.domains.get(hostname)).toBeDefined();
    await removeCustomDomain({ ctx: b.ctx, input: { domainId: second.domain.id }, hosting });
    expect(emulator.domains.get(hostname)).toBeUndefined();
  });

  it("releases pending claims unproven past the TTL, and detaches the name once nobody claims it", async () => {
    const a = await proTenant();
    const b = await proTenant();
    const contested = uniqueHost();
    const alone = uniqueHost();
    const aClaim = await addCustomDomain({ ctx: a.ctx, input: { hostname: contested }, hosting });
    const bClaim = await addCustomDomain({ ctx: b.ctx, input: { hostname: contested }, hosting });
    const c = await proTenant();
    const cClaim = await addCustomDomain({ ctx: c.ctx, input: { hostname: alone }, hosting });

    const within = await reconcileDomains({
      database: db.control,
      hosting,
      dns,
      now: new Date(Date.now() + 6 * DAY),
      claimTtlMs: 7 * DAY,
    });
    const ours = [aClaim.domain.id, bClaim.domain.id, cClaim.domain.id];
    expect(within.expired.filter((e) => ours.includes(e.domainId))).toEqual([]);
    expect((await rowOf(aClaim.domain.id))?.status).toBe("pending");

    const later = await reconcileDomains({
      database: db.control,
      hosting,
      dns,
      now: new Date(Date.now() + 7 * DAY + 60_000),
      claimTtlMs: 7 * DAY,
    });
    // Other tests' pending claims in this database expire too; ours are what this test knows.
    expect(later.expired.map((e) => e.domainId)).toEqual(expect.arrayContaining(ours));
    for (const id of ours) {
      expect(await rowOf(id)).toMatchObject({ status: "removed", release_reason: "claim_expired", released: true });
    }
    const event = await expectAuditEvent(db, a.f.tenant.id, {
      action: "domain.release",
      targetId: aClaim.domain.id,
      actorType: "system",
    });
    expect(event?.after).toMatchObject({ reason: "claim_expired" });
    expect(emulator.domains.get(contested)).toBeUndefined();
    expect(emulator.domains.get(alone)).toBeUndefined();
    expect((await listReleasedClaims({ ctx: a.ctx })).map((d) => d.releaseReason)).toEqual(["claim_expired"]);
  });

  it("does not expire a claim that proves ownership in the same run", async () => {
    const { ctx } = await proTenant();
    const { domain } = await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting });
    ownerSetsUpDns(domain);
    const summary = await reconcileDomains({
      database: db.control,
      hosting,
      dns,
      now: new Date(Date.now() + 30 * DAY),
      claimTtlMs: 7 * DAY,
    });
    expect(summary.expired.map((e) => e.domainId)).not.toContain(domain.id);
    expect(await rowOf(domain.id)).toMatchObject({ status: "verified" });
  });

  it("reports an unreachable DNS resolver as retryable and changes nothing", async () => {
    const { f, ctx } = await proTenant();
    const { domain } = await addCustomDomain({ ctx, input: { hostname: uniqueHost() }, hosting });
    ownerSetsUpDns(domain);
    const before = (await auditEvents(db, f.tenant.id)).length;
    const down = createDohTxtResolver({ url: "http://127.0.0.1:9/dns-query", timeoutMs: 2_000 });
    await expect(
      verifyCustomDomain({ ctx, input: { domainId: domain.id }, hosting, dns: down }),
    ).rejects.toBeInstanceOf(HostingUnavailableError);
    expect(await rowOf(domain.id)).toMatchObject({ status: "pending" });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });
});
