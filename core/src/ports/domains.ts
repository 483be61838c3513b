/** A DNS record the customer must create at their DNS provider. */
export interface DnsRecord {
  type: "TXT" | "CNAME" | "A";
  /** Fully qualified name, e.g. `_vercel.music.acme.com` or `music.acme.com`. */
  name: string;
  value: string;
  /** Why: "verification" (proves ownership) or "routing" (points traffic at us). */
  purpose: "verification" | "routing";
}

/** The hosting vendor's view of one custom domain. */
export interface DomainState {
  hostname: string;
  verified: boolean;
  /** Records to create to prove ownership (empty once verified). */
  verification: DnsRecord[];
  /** True while DNS does not point at us. */
  misconfigured: boolean;
  /** Records that route traffic to us (CNAME for subdomains, A for apex). */
  recommended: DnsRecord[];
  /** How the vendor sees traffic arrive (`CNAME`, `A`, `http`, …); null while it does not. */
  configuredBy?: string | null;
  /** Why the last verification attempt failed, in the vendor's words (e.g. `missing_txt_record`). */
  verificationError?: { code: string; message: string } | null;
}

/**
 * The domain-hosting port (Vercel project domains today). Adapters translate the vendor's errors:
 * a domain attached elsewhere becomes `DomainTakenError`.
 */
export interface DomainHosting {
  add(hostname: string, opts: { idempotencyKey: string }): Promise<DomainState>;
  get(hostname: string): Promise<DomainState | null>;
  verify(hostname: string): Promise<DomainState>;
  remove(hostname: string): Promise<void>;
}

export class DomainTakenError extends Error {
  constructor(
    readonly hostname: string,
    /** Who holds it, when the vendor says (a project or team name). */
    readonly ownedBy: string | null,
  ) {
    super(`${hostname} is already in use${ownedBy ? ` by ${ownedBy}` : ""}.`);
    this.name = "DomainTakenError";
  }
}

/**
 * The vendor refused a request or could not be reached (anything but "taken elsewhere"). `code` is
 * the vendor's error code (`not_found`, `invalid_domain`, `rate_limited`, …) or `network`;
 * `retryable` tells a job whether trying again later can help.
 */
export class DomainHostingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DomainHostingError";
  }
}
