/**
 * The security headers both apps send (issue 7.3, ADR 0011). Pure: proxy.ts decides the inputs
 * per request (a fresh nonce, whether the request came over HTTPS) and sets what this returns.
 */

/** Headers that never vary: also set by next.config.ts on what the proxies do not see (assets). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // No page of either app is meant to be framed; the consoles' one-click forms must never be.
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  // Full URLs (tokens in paths of invitation and sign-in links) stay on the site; other origins
  // see the origin only.
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Powerful features nothing here uses, off for the page and anything it embeds.
  "Permissions-Policy":
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), " +
    "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), " +
    "serial=(), usb=(), xr-spatial-tracking=()",
};

/** One year; no includeSubDomains: a tenant's custom domain has subdomains that are not ours. */
export const HSTS = "max-age=31536000";

export interface CspOptions {
  /**
   * This response's nonce; null for a page served from Next's cache, whose HTML was rendered
   * without one (it then allows inline scripts: see ADR 0011 for why that page may).
   */
  nonce: string | null;
  /** Styles by nonce too (the control plane); false where a cached layout renders `<style>`. */
  nonceStyles: boolean;
  https: boolean;
  /** `next dev` needs eval (React's error overlays) and injects styles without a nonce. */
  dev?: boolean;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const nonce = o.nonce ? `'nonce-${o.nonce}'` : null;
  const script = nonce ? ["'self'", nonce, "'strict-dynamic'"] : ["'self'", "'unsafe-inline'"];
  if (o.dev) script.push("'unsafe-eval'");
  const style = nonce && o.nonceStyles && !o.dev ? ["'self'", nonce] : ["'self'", "'unsafe-inline'"];
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    `style-src ${style.join(" ")}`,
    // style="…" attributes (React's style prop, e-mail HTML in previews) cannot run code; a nonce
    // cannot be put on an attribute.
    "style-src-attr 'unsafe-inline'",
    // Tenants' logos and favicons are https:// URLs anywhere, or data: images (themes' checkAssetUrl).
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // E-mail previews are srcdoc frames (they inherit this policy); nothing else is framed.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  // Only over HTTPS: on plain http://localhost it would send the page's own requests to https.
  if (o.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Every security header for one response. */
export function securityHeaders(o: CspOptions): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(o),
    ...(o.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** 128 random bits, base64: what Next's CSP parser accepts as a nonce. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Request header carrying the nonce to server components (x-mw-*: clients cannot set it). */
export const NONCE_HEADER = "x-mw-nonce";
