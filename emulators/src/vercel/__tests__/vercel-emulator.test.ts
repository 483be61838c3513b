import { Vercel } from "@vercel/sdk";
import { SDKError } from "@vercel/sdk/models/sdkerror.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startVercelEmulator, type VercelEmulator } from "../index";

const TOKEN = "vercel_emulator_test_token";
const PROJECT = "prj_emulatortest000000000001";
const TEAM = "team_emulatortest";

let emulator: VercelEmulator;
let vercel: Vercel;

beforeAll(async () => {
  emulator = await startVercelEmulator({ token: TOKEN, projectId: PROJECT, projectName: "aurora-runtime" });
  vercel = new Vercel({ bearerToken: TOKEN, serverURL: emulator.url });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.clear();
});

/** The SDK throws SDKError for every non-2xx; returns it with the parsed Vercel error body. */
async function sdkError(call: Promise<unknown>): Promise<{ status: number; error: Record<string, unknown> }> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SDKError);
  const e = err as SDKError;
  return { status: e.statusCode, error: (JSON.parse(e.body) as { error: Record<string, unknown> }).error };
}

const add = (name: string, idOrName = PROJECT) =>
  vercel.projects.addProjectDomain({ idOrName, teamId: TEAM, requestBody: { name } });

describe("Vercel emulator, driven by the real @vercel/sdk", () => {
  it("binds to loopback only", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it("adds a domain as pending with a TXT challenge at _vercel.<apex>", async () => {
    const added = await add("music.acme.com");
    expect(added).toMatchObject({
      name: "music.acme.com",
      apexName: "acme.com",
      projectId: PROJECT,
      verified: false,
      redirect: null,
      redirectStatusCode: null,
      gitBranch: null,
    });
    expect(added.verification).toHaveLength(1);
    expect(added.verification?.[0]).toMatchObject({
      type: "TXT",
      domain: "_vercel.acme.com",
      reason: "pending_domain_verification",
    });
    expect(added.verification?.[0]?.value).toMatch(/^vc-domain-verify=music\.acme\.com,[0-9a-f]{20}$/);
    expect(added.createdAt).toBeTypeOf("number");

    const fetched = await vercel.projects.getProjectDomain({
      idOrName: PROJECT,
      domain: "music.acme.com",
      teamId: TEAM,
    });
    expect(fetched).toEqual(added);

    const [request] = emulator.requests;
    expect(request).toMatchObject({
      method: "POST",
      path: `/v10/projects/${PROJECT}/domains`,
      query: { teamId: TEAM },
      body: { name: "music.acme.com" },
    });
    expect(request?.userAgent).toContain("@vercel/sdk");
  });

  it("answers the project by name as well as by id, and 404 for another project", async () => {
    await add("shop.acme.co.uk", "aurora-runtime");
    const d = await vercel.projects.getProjectDomain({ idOrName: "aurora-runtime", domain: "shop.acme.co.uk" });
    expect(d.apexName).toBe("acme.co.uk");
    const other = await sdkError(add("x.acme.com", "prj_someoneelse"));
    expect(other).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("refuses to verify before DNS has the TXT record, with Vercel's missing_txt_record", async () => {
    const added = await add("music.acme.com");
    const challenge = added.verification?.[0];
    const refused = await sdkError(
      vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "music.acme.com", teamId: TEAM }),
    );
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({
      code: "missing_txt_record",
      message: `Domain _vercel.acme.com is missing required TXT Record "${challenge?.value}"`,
    });
    expect(emulator.domains.get("music.acme.com")?.verified).toBe(false);
  });

  it("verifies once the TXT record exists, and drops the challenge", async () => {
    await add("music.acme.com");
    emulator.setDomainVerified("music.acme.com", true);
    // DNS alone verifies nothing: Vercel checks when asked.
    expect((await vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" })).verified).toBe(
      false,
    );
    const verified = await vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" });
    expect(verified).toMatchObject({ name: "music.acme.com", apexName: "acme.com", verified: true });
    expect(verified).not.toHaveProperty("verification");
    const fetched = await vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" });
    expect(fetched.verified).toBe(true);
    expect(fetched.verification).toBeUndefined();
    // Verifying again is a no-op success.
    expect((await vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" })).verified).toBe(
      true,
    );
  });

  it("verifies through the DNS control route too, and loses verification when the record goes", async () => {
    const added = await add("acme.com");
    const dns = await fetch(`${emulator.url}/_emulator/dns`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ domain: "ACME.com.", txt: true }),
    });
    expect(dns.status).toBe(200);
    expect((await vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "acme.com" })).verified).toBe(true);

    emulator.setDomainVerified("acme.com", false);
    const lapsed = await vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "acme.com" });
    expect(lapsed.verified).toBe(false);
    // A fresh challenge: the old TXT value proves nothing any more.
    expect(lapsed.verification?.[0]?.value).not.toBe(added.verification?.[0]?.value);
    const refused = await sdkError(vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "acme.com" }));
    expect(refused.error.code).toBe("missing_txt_record");
  });

  it("recommends a CNAME for a subdomain and an A record for an apex, misconfigured until DNS points here", async () => {
    const sub = await vercel.domains.getDomainConfig({
      domain: "music.acme.com",
      projectIdOrName: PROJECT,
      teamId: TEAM,
    });
    expect(sub).toEqual({
      configuredBy: null,
      acceptedChallenges: [],
      recommendedIPv4: [],
      recommendedCNAME: [{ rank: 1, value: "cname.vercel-dns.com." }],
      misconfigured: true,
    });
    const apex = await vercel.domains.getDomainConfig({ domain: "acme.com" });
    expect(apex).toMatchObject({
      recommendedIPv4: [{ rank: 1, value: ["76.76.21.21"] }],
      recommendedCNAME: [],
      misconfigured: true,
    });

    emulator.setMisconfigured("music.acme.com", false);
    emulator.setMisconfigured("acme.com", false);
    expect(await vercel.domains.getDomainConfig({ domain: "music.acme.com" })).toMatchObject({
      misconfigured: false,
      configuredBy: "CNAME",
      acceptedChallenges: ["http-01"],
    });
    expect(await vercel.domains.getDomainConfig({ domain: "acme.com" })).toMatchObject({
      misconfigured: false,
      configuredBy: "A",
    });
  });

  it("answers 409 domain_already_in_use naming the project that holds the domain", async () => {
    emulator.claimElsewhere("music.acme.com", "prj_rivalproject");
    const taken = await sdkError(add("music.acme.com"));
    expect(taken.status).toBe(409);
    expect(taken.error).toMatchObject({ code: "domain_already_in_use", projectId: "prj_rivalproject" });
    expect(emulator.domains.size).toBe(0);

    emulator.claimElsewhere("music.acme.com", null);
    expect((await add("music.acme.com")).verified).toBe(false);
  });

  it("answers a repeated add with 409 naming our own project, changing nothing", async () => {
    const first = await add("music.acme.com");
    const again = await sdkError(add("music.acme.com"));
    expect(again).toMatchObject({ status: 409, error: { code: "domain_already_in_use", projectId: PROJECT } });
    expect(emulator.domains.size).toBe(1);
    expect(await vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" })).toEqual(first);
  });

  it("contested ownership unverifies a verified domain", async () => {
    await add("music.acme.com");
    emulator.setDomainVerified("music.acme.com", true);
    await vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" });
    emulator.claimElsewhere("music.acme.com", "prj_rivalproject");
    expect((await vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" })).verified).toBe(
      false,
    );
    emulator.setDomainVerified("music.acme.com", true);
    const refused = await sdkError(
      vercel.projects.verifyProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" }),
    );
    expect(refused.error.code).toBe("missing_txt_record");
  });

  it("removes a domain, then answers 404 for it", async () => {
    await add("music.acme.com");
    const removed = await vercel.projects.removeProjectDomain({
      idOrName: PROJECT,
      domain: "music.acme.com",
      teamId: TEAM,
    });
    expect(removed).toEqual({});
    expect(emulator.domains.size).toBe(0);
    const gone = await sdkError(vercel.projects.getProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" }));
    expect(gone).toMatchObject({ status: 404, error: { code: "not_found" } });
    const again = await sdkError(vercel.projects.removeProjectDomain({ idOrName: PROJECT, domain: "music.acme.com" }));
    expect(again.status).toBe(404);
  });

  it("rejects a domain name Vercel would not take", async () => {
    const bad = await sdkError(add("not a domain"));
    expect(bad).toMatchObject({ status: 400, error: { code: "invalid_domain" } });
    const single = await sdkError(add("localhost"));
    expect(single.error.code).toBe("invalid_domain");
  });

  it("fails on demand with Vercel's error bodies, then recovers", async () => {
    const path = `/v10/projects/${PROJECT}/domains`;
    emulator.failNext({ path, method: "POST", status: 500, times: 2 });
    expect(await sdkError(add("music.acme.com"))).toMatchObject({
      status: 500,
      error: { code: "internal_server_error" },
    });
    expect((await sdkError(add("music.acme.com"))).status).toBe(500);
    expect((await add("music.acme.com")).name).toBe("music.acme.com");

    emulator.failNext({ path: "/v6/domains/music.acme.com/config", status: 429 });
    const limited = await sdkError(vercel.domains.getDomainConfig({ domain: "music.acme.com" }));
    expect(limited).toMatchObject({ status: 429, error: { code: "rate_limited" } });
  });

  it("takes failures, DNS changes and claims over HTTP, and dumps its state", async () => {
    const post = (route: string, body: unknown) =>
      fetch(`${emulator.url}/_emulator/${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("fail", { path: `/v10/projects/${PROJECT}/domains`, status: 503, times: 1 })).status).toBe(200);
    expect((await sdkError(add("music.acme.com"))).status).toBe(503);
    await add("music.acme.com");
    expect((await post("dns", { domain: "music.acme.com", txt: true, misconfigured: false })).status).toBe(200);
    expect((await post("claim", { domain: "other.acme.com", owner: "prj_rival" })).status).toBe(200);

    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      projectId: PROJECT,
      domains: [{ name: "music.acme.com", verified: false }],
      claims: { "other.acme.com": "prj_rival" },
      dns: { "music.acme.com": { txt: true, routed: true } },
    });
    expect((await post("fail", { path: "no-slash", status: 200 })).status).toBe(400);
    expect((await post("dns", { txt: true })).status).toBe(400);

    expect((await post("clear", {})).status).toBe(200);
    expect(emulator.domains.size).toBe(0);
    expect(emulator.requests).toHaveLength(0);
  });

  it("answers 403 forbidden for a missing or wrong token, as Vercel does", async () => {
    const wrong = new Vercel({ bearerToken: "not-the-token", serverURL: emulator.url });
    const invalid = await sdkError(
      wrong.projects.addProjectDomain({ idOrName: PROJECT, requestBody: { name: "a.acme.com" } }),
    );
    expect(invalid).toMatchObject({ status: 403, error: { code: "forbidden", invalidToken: true } });

    const anonymous = new Vercel({ serverURL: emulator.url });
    const missing = await sdkError(anonymous.domains.getDomainConfig({ domain: "acme.com" }));
    expect(missing).toMatchObject({ status: 403, error: { code: "forbidden", missingToken: true } });
    expect(emulator.domains.size).toBe(0);
  });

  it("answers not_found for routes it does not emulate", async () => {
    const res = await fetch(`${emulator.url}/v9/projects`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("Vercel emulator without a configured token", () => {
  it("accepts any bearer token", async () => {
    const open = await startVercelEmulator();
    try {
      const client = new Vercel({ bearerToken: "anything", serverURL: open.url });
      const added = await client.projects.addProjectDomain({
        idOrName: open.projectId,
        requestBody: { name: "a.b.com" },
      });
      expect(added.projectId).toBe(open.projectId);
    } finally {
      await open.stop();
    }
  });
});
