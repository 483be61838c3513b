import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DomainHosting, DomainHostingError, DomainTakenError } from "../../ports/domains";
import { createVercelDomainHosting } from "../vercel";

const TOKEN = "vercel_adapter_test_token_9c2e";
const PROJECT = "prj_adaptertest0000000000001";
const TEAM = "team_adaptertest";

let emulator: VercelEmulator;
let hosting: DomainHosting;

beforeAll(async () => {
  emulator = await startVercelEmulator({ token: TOKEN, projectId: PROJECT });
  hosting = createVercelDomainHosting({
    bearerToken: TOKEN,
    projectId: PROJECT,
    teamId: TEAM,
    serverURL: `${emulator.url}/`,
  });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.clear();
});

const key = (h: string) => `domain-add:ten_test:${h}`;

async function rejection<T extends Error>(p: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T;
}

describe("createVercelDomainHosting against the Vercel emulator", () => {
  it("adds a subdomain: pending, a TXT record to prove ownership and a CNAME to route traffic", async () => {
    const state = await hosting.add("music.acme.com", { idempotencyKey: key("music.acme.com") });
    const challenge = emulator.domains.get("music.acme.com");
    expect(state).toEqual({
      hostname: "music.acme.com",
      verified: false,
      verification: [
        {
          type: "TXT",
          name: "_vercel.acme.com",
          value: `vc-domain-verify=music.acme.com,${challenge?.challenge}`,
          purpose: "verification",
        },
      ],
      misconfigured: true,
      recommended: [{ type: "CNAME", name: "music.acme.com", value: "cname.vercel-dns.com", purpose: "routing" }],
      configuredBy: null,
      verificationError: null,
    });
    // Every call names the team; the config call names the project.
    expect(emulator.requests.map((r) => r.query.teamId)).toEqual([TEAM, TEAM]);
    expect(emulator.requests.find((r) => r.path.endsWith("/config"))?.query.projectIdOrName).toBe(PROJECT);
  });

  it("recommends A records for an apex domain", async () => {
    const state = await hosting.add("acme.com", { idempotencyKey: key("acme.com") });
    expect(state.recommended).toEqual([{ type: "A", name: "acme.com", value: "76.76.21.21", purpose: "routing" }]);
    expect(state.verification[0]?.name).toBe("_vercel.acme.com");
  });

  it("treats a repeated add as success: Vercel's 409 names our own project", async () => {
    const first = await hosting.add("music.acme.com", { idempotencyKey: key("music.acme.com") });
    const again = await hosting.add("music.acme.com", { idempotencyKey: key("music.acme.com") });
    expect(again).toEqual(first);
    expect(emulator.domains.size).toBe(1);
    expect(emulator.requests.filter((r) => r.method === "POST").length).toBe(2);
  });

  it("maps a domain held by another project to DomainTakenError naming the holder", async () => {
    emulator.claimElsewhere("music.acme.com", "prj_rival");
    const err = await rejection(hosting.add("music.acme.com", { idempotencyKey: "k" }), DomainTakenError);
    expect(err.hostname).toBe("music.acme.com");
    expect(err.ownedBy).toBe("prj_rival");
    expect(emulator.domains.size).toBe(0);
  });

  it("reports a failed verification as state, with Vercel's reason and the challenge", async () => {
    await hosting.add("music.acme.com", { idempotencyKey: "k" });
    const state = await hosting.verify("music.acme.com");
    expect(state.verified).toBe(false);
    expect(state.verification).toHaveLength(1);
    expect(state.verificationError?.code).toBe("missing_txt_record");
    expect(state.verificationError?.message).toContain("_vercel.acme.com");
  });

  it("verifies once DNS holds the record, and reads routing from the domain config", async () => {
    await hosting.add("music.acme.com", { idempotencyKey: "k" });
    emulator.setDomainVerified("music.acme.com", true);
    emulator.setMisconfigured("music.acme.com", false);
    const state = await hosting.verify("music.acme.com");
    expect(state).toMatchObject({
      verified: true,
      verification: [],
      misconfigured: false,
      configuredBy: "CNAME",
      verificationError: null,
    });
    expect(await hosting.get("music.acme.com")).toMatchObject({ verified: true, misconfigured: false });
  });

  it("answers null for a domain the project does not have, and removes idempotently", async () => {
    expect(await hosting.get("nothing.acme.com")).toBeNull();
    await hosting.add("music.acme.com", { idempotencyKey: "k" });
    await hosting.remove("music.acme.com");
    expect(emulator.domains.size).toBe(0);
    await hosting.remove("music.acme.com");
    expect(await hosting.get("music.acme.com")).toBeNull();
  });

  it("verifying a domain the project lacks is a not_found DomainHostingError", async () => {
    const err = await rejection(hosting.verify("nothing.acme.com"), DomainHostingError);
    expect(err).toMatchObject({ code: "not_found", statusCode: 404, retryable: false });
  });

  it("maps Vercel's 5xx and 429 to retryable errors, 4xx to final ones", async () => {
    emulator.failNext({ path: `/v10/projects/${PROJECT}/domains`, status: 500 });
    const outage = await rejection(hosting.add("music.acme.com", { idempotencyKey: "k" }), DomainHostingError);
    expect(outage).toMatchObject({ statusCode: 500, code: "internal_server_error", retryable: true });

    await hosting.add("music.acme.com", { idempotencyKey: "k" });
    emulator.failNext({ path: "/v6/domains/music.acme.com/config", status: 429 });
    const limited = await rejection(hosting.get("music.acme.com"), DomainHostingError);
    expect(limited).toMatchObject({ statusCode: 429, code: "rate_limited", retryable: true });

    const invalid = await rejection(hosting.add("not a domain", { idempotencyKey: "k" }), DomainHostingError);
    expect(invalid).toMatchObject({ statusCode: 400, code: "invalid_domain", retryable: false });
  });

  it("never puts the token in an error, and a wrong token is final", async () => {
    const wrong = createVercelDomainHosting({
      bearerToken: "wrong_token_value",
      projectId: PROJECT,
      serverURL: emulator.url,
    });
    const err = await rejection(wrong.add("music.acme.com", { idempotencyKey: "k" }), DomainHostingError);
    expect(err).toMatchObject({ statusCode: 403, code: "forbidden", retryable: false });
    expect(err.message).not.toContain("wrong_token_value");
  });

  it("refuses to add without an idempotency key", async () => {
    await expect(hosting.add("music.acme.com", { idempotencyKey: "" })).rejects.toThrow(TypeError);
    expect(emulator.requests).toHaveLength(0);
  });

  it("reports invalid options by name, never by value", () => {
    expect(() => createVercelDomainHosting({ bearerToken: "", projectId: PROJECT })).toThrow(/bearerToken/);
    expect(() =>
      createVercelDomainHosting({ bearerToken: "secret_tok", projectId: PROJECT, serverURL: "ftp://x" }),
    ).toThrow(/serverURL/);
    try {
      createVercelDomainHosting({ bearerToken: "secret_tok", projectId: "" });
    } catch (err) {
      expect(String(err)).not.toContain("secret_tok");
    }
  });

  it("gives up on a hanging Vercel after timeoutMs, retryably", async () => {
    const impatient = createVercelDomainHosting({
      bearerToken: TOKEN,
      projectId: PROJECT,
      serverURL: emulator.url,
      timeoutMs: 150,
    });
    await hosting.add("slow.acme.com", { idempotencyKey: "k" });
    emulator.failNext({ path: "/v6/domains/slow.acme.com/config", delayMs: 1_000 });
    const err = await rejection(impatient.get("slow.acme.com"), DomainHostingError);
    expect(err).toMatchObject({ statusCode: null, code: "network", retryable: true });
  });

  it("gives a retryable network error when Vercel cannot be reached", async () => {
    const gone = await startVercelEmulator();
    await gone.stop();
    const offline = createVercelDomainHosting({ bearerToken: TOKEN, projectId: PROJECT, serverURL: gone.url });
    const err = await rejection(offline.get("music.acme.com"), DomainHostingError);
    expect(err).toMatchObject({ statusCode: null, code: "network", retryable: true });
  });
});
