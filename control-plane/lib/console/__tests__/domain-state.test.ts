import { describe, expect, it } from "vitest";
import { domainState } from "../domain-state";

describe("domainState", () => {
  it("calls a domain still waiting on DNS amber, in words an admin understands", () => {
    expect(domainState("pending", null)).toEqual({ label: "Waiting for DNS", tone: "warning" });
    expect(domainState("pending", "missing_ownership_txt")).toEqual({
      label: "TXT record not found yet",
      tone: "warning",
    });
    expect(domainState("pending", "dns_misconfigured")).toEqual({ label: "Waiting for DNS", tone: "warning" });
  });

  it("keeps red for what needs someone to act", () => {
    expect(domainState("pending", "verified_elsewhere").tone).toBe("danger");
    expect(domainState("pending", "domain_already_in_use").tone).toBe("danger");
    expect(domainState("verified", "verification_lost")).toEqual({ label: "Needs attention", tone: "danger" });
    expect(domainState("verified", "dns_misconfigured").tone).toBe("danger");
  });

  it("says a verified domain without a problem is connected", () => {
    expect(domainState("verified", null)).toEqual({ label: "Connected", tone: "success" });
  });
});
