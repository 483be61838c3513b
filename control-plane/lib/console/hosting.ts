import "server-only";
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import type { TxtResolver } from "@mw/core/ports/dns";
import type { DomainHosting } from "@mw/core/ports/domains";
import { controlEnv } from "../env";

/** Where custom domains are attached (Vercel, or its emulator in development). */
const hostingEnv = controlEnv;

// What the local Vercel emulator accepts by default (any token; its default project id).
const EMULATOR_DEFAULTS = { token: "mw_local_emulator_token", projectId: "prj_emulator0000000000000000" };

let hosting: DomainHosting | null | undefined;

/** The hosting port, or null when this deployment has no domain vendor configured at all. */
export function domainHosting(): DomainHosting | null {
  if (hosting !== undefined) return hosting;
  const e = hostingEnv;
  const emulated = Boolean(e.VERCEL_API_URL) && !e.VERCEL_TOKEN;
  const bearerToken = e.VERCEL_TOKEN ?? (emulated ? EMULATOR_DEFAULTS.token : undefined);
  const projectId = e.VERCEL_PROJECT_ID ?? (emulated ? EMULATOR_DEFAULTS.projectId : undefined);
  hosting =
    bearerToken && projectId
      ? createVercelDomainHosting({
          bearerToken,
          projectId,
          ...(e.VERCEL_TEAM_ID ? { teamId: e.VERCEL_TEAM_ID } : {}),
          ...(e.VERCEL_API_URL ? { serverURL: e.VERCEL_API_URL } : {}),
        })
      : null;
  return hosting;
}

let dns: TxtResolver | undefined;

/**
 * Public DNS, where customers put their ownership records. With the Vercel emulator, the emulator's
 * DNS (it plays the internet for custom domains); otherwise a public DNS-over-HTTPS resolver.
 */
export function domainDns(): TxtResolver {
  if (dns) return dns;
  const e = hostingEnv;
  const emulated = Boolean(e.VERCEL_API_URL) && !e.VERCEL_TOKEN;
  const url = e.DNS_RESOLVER_URL ?? (emulated ? `${e.VERCEL_API_URL?.replace(/\/+$/, "")}/dns-query` : undefined);
  dns = createDohTxtResolver(url ? { url } : {});
  return dns;
}

/** Human wording for `domains.last_error` codes (the vendor's, or the lapse reasons). */
export function domainProblem(code: string | null): string | null {
  switch (code) {
    case null:
      return null;
    case "missing_txt_record":
    case "missing_txt":
      return "We could not find the TXT verification record yet. DNS changes can take up to an hour to show up.";
    case "dns_misconfigured":
      return "DNS does not point to us: create the routing record below, or check it has not been changed.";
    case "verification_lost":
      return "Ownership could no longer be verified; the TXT record may have been removed.";
    case "domain_already_in_use":
      return "This domain is attached to another hosting project. Remove it there, then check again.";
    case "missing_ownership_txt":
      return "We could not find your ownership TXT record yet (the _musicalwheel record below). DNS changes can take up to an hour to show up.";
    case "verified_elsewhere":
      return "Another organization has verified this domain and it serves their site. It can be connected here once they remove it, or once their DNS no longer points to us.";
    default:
      return `The last check reported: ${code.replaceAll("_", " ")}.`;
  }
}
