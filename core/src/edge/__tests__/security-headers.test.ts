import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "../security-headers";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("security headers (issue 7.3)", () => {
  it("scripts only by this response's nonce, with strict-dynamic, nothing inline or eval", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123==", nonceStyles: true, https: false });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'nonce-abc123=='");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("a cached page without a nonce allows inline scripts but nothing foreign", () => {
    const csp = contentSecurityPolicy({ nonce: null, nonceStyles: false, https: false });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("default-src 'self'");
  });

  it("HSTS and upgrade-insecure-requests only over HTTPS", () => {
    const plain = securityHeaders({ nonce: "n", nonceStyles: true, https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    const tls = securityHeaders({ nonce: "n", nonceStyles: true, https: true });
    expect(tls["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(tls["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(tls["X-Frame-Options"]).toBe("DENY");
    expect(tls["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("nonces are fresh 128-bit base64 values", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
