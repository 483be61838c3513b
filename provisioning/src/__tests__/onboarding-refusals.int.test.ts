import { newId } from "@mw/core/ids";
import { createTenantFixture, staffCtx } from "@mw/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRunRows } from "../engine/store";
import { startOnboarding } from "../workflows/onboard";
import { cancelProvisioningRun, listRuns, retryProvisioningRun } from "../workflows/staff";
import { onboardingInput } from "./fixtures/onboarding-input";
import { createHarness, type Harness, uniqueSlug } from "./harness";

/** Onboarding requests that must be refused — and leave nothing behind — before or as a run starts. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ stepAttempts: 3 });
});

afterAll(async () => {
  await h?.close();
});

describe("onboarding refusals", () => {
  it("refuses invalid input with a message per field, and creates nothing", async () => {
    const before = (await listRunRows(h.db.control, { limit: 200 })).length;
    const attempt = startOnboarding({
      ctx: h.staff,
      input: {
        name: " ",
        slug: "Admin",
        plan: "pro",
        ownerEmail: "not-an-email",
        customDomains: [
          "a.example.com",
          "b.example.com",
          "c.example.com",
          "d.example.com",
          "e.example.com",
          "f.example.com",
        ],
        themePreset: "nope" as "aurora",
      },
      worker: h.worker.queue,
    });
    await expect(attempt).rejects.toMatchObject({
      code: "validation_failed",
      fields: {
        name: ["name is required"],
        slug: ['"admin" is reserved'],
        ownerEmail: ["enter a valid e-mail address"],
        customDomains: ["at most 5 custom domains"],
        themePreset: [expect.any(String)],
      },
    });
    await expect(
      startOnboarding({
        ctx: h.staff,
        input: onboardingInput(uniqueSlug("free"), { plan: "free" }),
        worker: h.worker.queue,
      }),
    ).rejects.toMatchObject({ fields: { customDomains: ["the Free plan includes no custom domains"] } });
    expect((await listRunRows(h.db.control, { limit: 200 })).length).toBe(before);
  });

  it("refuses bad or unavailable custom domains before any run starts, leaving nothing behind", async () => {
    const other = await createTenantFixture(h.db, { plan: "pro" });
    const taken = `music.${other.tenant.slug}.example.com`;
    await h.db.owner.sql`
      insert into domains (id, tenant_id, hostname, kind, status, verified_at)
      values (${newId("domain")}, ${other.tenant.id}, ${taken}, 'custom', 'verified', now())`;
    const runsBefore = (await listRunRows(h.db.control, { limit: 500 })).length;
    const vendorCallsBefore = h.vercel.requests.length;

    const attempts: [string, RegExp][] = [
      ["127.0.0.1", /^127\.0\.0\.1: An IP address cannot be a custom domain/],
      ["10.0.0.1", /^10\.0\.0\.1: An IP address/],
      ["evil.c0m", /^evil\.c0m: "c0m" is not a top-level domain/],
      ["аpple.com", /mixes Cyrillic and Latin/],
      ["bad\u200b.com", /invisible character \(U\+200B/],
      [
        taken.toUpperCase(),
        new RegExp(`^${taken.replaceAll(".", "\\.")} is already connected to another organization`),
      ],
    ];
    for (const [domain, message] of attempts) {
      const slug = uniqueSlug("baddomain");
      const attempt = startOnboarding({
        ctx: h.staff,
        input: onboardingInput(slug, {
          plan: "enterprise",
          billing: { price: "2500" },
          customDomains: ["ok.example.com", domain],
        }),
        worker: h.worker.queue,
      });
      await expect(attempt, domain).rejects.toMatchObject({
        code: "validation_failed",
        fields: { "customDomains.1": [expect.stringMatching(message)] },
      });
      // Nothing half-created: no tenant, no run, and the slug is free for the corrected form.
      expect(await h.db.owner.sql`select id from tenants where slug = ${slug}`).toEqual([]);
      const retry = await startOnboarding({
        ctx: h.staff,
        input: onboardingInput(slug, { customDomains: [] }),
        worker: h.worker.queue,
      });
      await h.waitForRun(retry.run.id, ["succeeded"]);
    }
    expect((await listRunRows(h.db.control, { limit: 500 })).length).toBe(runsBefore + attempts.length);
    // Refused before the vendor: nothing attached at Vercel for any of them.
    expect(h.vercel.requests.slice(vendorCallsBefore).filter((r) => r.method !== "GET")).toEqual([]);
    expect(
      await h.db.owner.sql`select tenant_id from domains where hostname = ${taken} and status <> 'removed'`,
    ).toEqual([{ tenant_id: other.tenant.id }]);
  });

  it("refuses a custom domain that another onboarding is already connecting", async () => {
    const hostname = `shared.${uniqueSlug("twice")}.example.com`;
    const first = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(uniqueSlug("first"), { customDomains: [hostname] }),
      worker: h.worker.queue,
    });
    const second = startOnboarding({
      ctx: h.staff,
      input: onboardingInput(uniqueSlug("second"), { customDomains: [hostname] }),
      worker: h.worker.queue,
    });
    await expect(second).rejects.toMatchObject({
      fields: { "customDomains.0": [expect.stringMatching(/being connected by another onboarding|already connected/)] },
    });
    await h.waitForRun(first.run.id, ["succeeded"]);
  });

  it("goes on without a domain the vendor refuses after the checks, and says so", async () => {
    const slug = uniqueSlug("vendorno");
    const hostname = `music.${slug}.example.com`;
    h.vercel.claimElsewhere(hostname, "prj_someone_else");
    const started = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(slug, { customDomains: [hostname] }),
      worker: h.worker.queue,
    });
    const done = await h.waitForRun(started.run.id, ["succeeded", "parked"]);
    expect(done.run.status).toBe("succeeded");
    const step = done.steps.find((s) => s.stepId === "custom-domains");
    expect(step?.output).toEqual({
      domains: [
        {
          hostname,
          domainId: null,
          status: null,
          notConnected: expect.stringMatching(/already in use by another hosting project/),
        },
      ],
    });
    const [tenant] = await h.db.owner.sql`select status from tenants where slug = ${slug}`;
    expect(tenant).toEqual({ status: "active" });
    h.vercel.claimElsewhere(hostname, null);
  });

  it("refuses a slug that is taken or being onboarded", async () => {
    const slug = uniqueSlug("dup");
    const first = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(slug, { customDomains: [] }),
      worker: h.worker.queue,
    });
    await expect(
      startOnboarding({ ctx: h.staff, input: onboardingInput(slug, { customDomains: [] }), worker: h.worker.queue }),
    ).rejects.toMatchObject({ fields: { slug: [expect.stringMatching(/already|being onboarded/)] } });
    await h.waitForRun(first.run.id, ["succeeded"]);
    await expect(
      startOnboarding({ ctx: h.staff, input: onboardingInput(slug, { customDomains: [] }), worker: h.worker.queue }),
    ).rejects.toMatchObject({ fields: { slug: [`"${slug}" is already taken`] } });
  });

  it("refuses staff without the permission (support looks, does not touch)", async () => {
    const support = staffCtx(h.db.control, ["support"]);
    await expect(
      startOnboarding({ ctx: support, input: onboardingInput(uniqueSlug("nope")), worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "forbidden", permission: "platform.tenant.create" });
    const runId = newId("run");
    await expect(
      retryProvisioningRun({ ctx: support, input: { runId }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "forbidden", permission: "platform.provisioning.retry" });
    await expect(
      cancelProvisioningRun({ ctx: support, input: { runId }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "forbidden", permission: "platform.provisioning.retry" });
    // Reading is allowed.
    await expect(listRuns({ ctx: support })).resolves.toBeInstanceOf(Array);
  });
});
