import { describe, expect, it } from "vitest";
import type { DomainState } from "../../ports/domains";
import { nextDomainState } from "../transition";

const HOUR = 60 * 60 * 1000;
const now = new Date("2030-01-10T12:00:00Z");
const earlier = new Date("2030-01-01T00:00:00Z");

const state = (over: Partial<DomainState> = {}): DomainState => ({
  hostname: "music.acme.com",
  verified: true,
  verification: [],
  misconfigured: false,
  recommended: [{ type: "CNAME", name: "music.acme.com", value: "cname.vercel-dns.com", purpose: "routing" }],
  configuredBy: "CNAME",
  verificationError: null,
  ...over,
});

const row = (status: "pending" | "verified" | "lapsed", misconfiguredSince: string | null = null) => ({
  status,
  verifiedAt: status === "pending" ? null : earlier,
  lapsedAt: status === "lapsed" ? earlier : null,
  dnsConfig: { misconfigured: misconfiguredSince !== null, configuredBy: null, recommended: [], misconfiguredSince },
});

describe("nextDomainState: the tenant's own ownership record", () => {
  it("keeps a pending domain pending while its ownership record is missing, even if the vendor verified it", () => {
    const t = nextDomainState(row("pending"), state(), now, "missing");
    expect(t).toMatchObject({ status: "pending", verifiedAt: null, event: null, lastError: "missing_ownership_txt" });
  });

  it("names the vendor's problem first when both are missing", () => {
    const t = nextDomainState(
      row("pending"),
      state({ verified: false, verificationError: { code: "missing_txt_record", message: "…" } }),
      now,
      "missing",
    );
    expect(t).toMatchObject({ status: "pending", lastError: "missing_txt_record" });
  });

  it("never verifies a claim while another tenant has the name verified", () => {
    const t = nextDomainState(row("pending"), state(), now, "verified_elsewhere");
    expect(t).toMatchObject({ status: "pending", event: null, lastError: "verified_elsewhere" });
    expect(nextDomainState(row("lapsed"), state(), now, "verified_elsewhere").status).toBe("lapsed");
  });

  it("brings a lapsed domain back only with its ownership record", () => {
    expect(nextDomainState(row("lapsed"), state(), now, "missing").status).toBe("lapsed");
    expect(nextDomainState(row("lapsed"), state(), now, "proven").status).toBe("verified");
  });

  it("does not look at ownership for a domain that is verified already", () => {
    expect(nextDomainState(row("verified", null), state(), now, "not_checked")).toMatchObject({
      status: "verified",
      event: null,
      lastError: null,
    });
    expect(nextDomainState(row("pending"), state(), now, "not_checked").status).toBe("pending");
  });
});

describe("nextDomainState", () => {
  it("verifies a pending domain once the vendor has, even before DNS routes here", () => {
    const t = nextDomainState(row("pending"), state({ misconfigured: true, configuredBy: null }), now, "proven");
    expect(t).toMatchObject({
      status: "verified",
      verifiedAt: now,
      lapsedAt: null,
      event: { action: "domain.verify" },
    });
    // The grace clock starts with serving.
    expect(t.dnsConfig.misconfiguredSince).toBe(now.toISOString());
    expect(t.lastError).toBe("dns_misconfigured");
  });

  it("keeps a pending domain pending with the vendor's reason and its challenge", () => {
    const txt = {
      type: "TXT" as const,
      name: "_vercel.acme.com",
      value: "vc-domain-verify=x",
      purpose: "verification" as const,
    };
    const t = nextDomainState(
      row("pending"),
      state({ verified: false, verification: [txt], verificationError: { code: "missing_txt_record", message: "m" } }),
      now,
      "proven",
    );
    expect(t).toMatchObject({ status: "pending", event: null, lastError: "missing_txt_record", verification: [txt] });
    expect(t.dnsConfig.misconfiguredSince).toBeNull();
  });

  it("lapses a verified domain at once when ownership is no longer verified", () => {
    const t = nextDomainState(row("verified"), state({ verified: false }), now, "proven");
    expect(t).toMatchObject({
      status: "lapsed",
      lapsedAt: now,
      verifiedAt: earlier,
      event: { action: "domain.lapse", reason: "verification_lost" },
      lastError: "verification_lost",
    });
  });

  it("gives a verified domain with wrong DNS a grace period, counted from the first check that saw it", () => {
    const first = nextDomainState(row("verified"), state({ misconfigured: true }), now, "proven", 72 * HOUR);
    expect(first).toMatchObject({ status: "verified", event: null, lastError: "dns_misconfigured" });
    expect(first.dnsConfig.misconfiguredSince).toBe(now.toISOString());

    const within = new Date(now.getTime() + 71 * HOUR);
    const still = nextDomainState(
      row("verified", now.toISOString()),
      state({ misconfigured: true }),
      within,
      "proven",
      72 * HOUR,
    );
    expect(still.status).toBe("verified");
    expect(still.dnsConfig.misconfiguredSince).toBe(now.toISOString());

    const past = new Date(now.getTime() + 72 * HOUR);
    const lapsed = nextDomainState(
      row("verified", now.toISOString()),
      state({ misconfigured: true }),
      past,
      "proven",
      72 * HOUR,
    );
    expect(lapsed).toMatchObject({ status: "lapsed", event: { action: "domain.lapse", reason: "dns_misconfigured" } });
  });

  it("resets the grace clock when DNS is fixed", () => {
    const t = nextDomainState(row("verified", earlier.toISOString()), state(), now, "proven");
    expect(t).toMatchObject({ status: "verified", event: null, lastError: null });
    expect(t.dnsConfig.misconfiguredSince).toBeNull();
  });

  it("brings a lapsed domain back only when it is verified and routed again", () => {
    const misrouted = nextDomainState(row("lapsed"), state({ misconfigured: true }), now, "proven");
    expect(misrouted).toMatchObject({ status: "lapsed", event: null, lastError: "dns_misconfigured" });
    const back = nextDomainState(row("lapsed"), state(), now, "proven");
    expect(back).toMatchObject({
      status: "verified",
      verifiedAt: now,
      lapsedAt: null,
      event: { action: "domain.verify" },
    });
    const unverified = nextDomainState(row("lapsed"), state({ verified: false }), now, "proven");
    expect(unverified).toMatchObject({ status: "lapsed", event: null });
  });

  it("stores only the record fields, whatever else the state carries", () => {
    const extra = { type: "A" as const, name: "acme.com", value: "76.76.21.21", purpose: "routing" as const, ttl: 60 };
    const t = nextDomainState(row("pending"), state({ recommended: [extra] }), now, "proven");
    expect(t.dnsConfig.recommended).toEqual([
      { type: "A", name: "acme.com", value: "76.76.21.21", purpose: "routing" },
    ]);
  });
});
