/**
 * Public DNS as seen from the platform: the TXT records at a name. Used to check that a tenant
 * controls a domain's DNS (its own ownership record), which the hosting vendor cannot tell us:
 * every tenant's domains share one vendor project, so the vendor's own check is the same for all.
 */
export interface TxtResolver {
  /** The name's TXT values (each record's strings joined); [] when the name has none or does not exist. */
  resolveTxt(name: string): Promise<string[]>;
}

/** The resolver failed (SERVFAIL, timeout, network): no answer, not a negative one. Worth retrying. */
export class DnsLookupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DnsLookupError";
  }
}
