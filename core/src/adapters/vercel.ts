// Standalone functions on a bare client, never the `Vercel` class: the class imports every one of
// the SDK's ~900 operations and their schemas (≈490 MB of RSS and 5 s to load), we use five.
import { VercelCore } from "@vercel/sdk/core.js";
import { domainsGetDomainConfig } from "@vercel/sdk/funcs/domainsGetDomainConfig.js";
import { projectsAddProjectDomain } from "@vercel/sdk/funcs/projectsAddProjectDomain.js";
import { projectsGetProjectDomain } from "@vercel/sdk/funcs/projectsGetProjectDomain.js";
import { projectsRemoveProjectDomain } from "@vercel/sdk/funcs/projectsRemoveProjectDomain.js";
import { projectsVerifyProjectDomain } from "@vercel/sdk/funcs/projectsVerifyProjectDomain.js";
import type { GetDomainConfigResponseBody } from "@vercel/sdk/models/getdomainconfigop.js";
import { HTTPClientError, RequestAbortedError } from "@vercel/sdk/models/httpclienterrors.js";
import { ResponseValidationError } from "@vercel/sdk/models/responsevalidationerror.js";
import { VercelError } from "@vercel/sdk/models/vercelerror.js";
import { unwrapAsync } from "@vercel/sdk/types/fp.js";
import { z } from "zod";
import {
  type DnsRecord,
  type DomainHosting,
  DomainHostingError,
  type DomainState,
  DomainTakenError,
} from "../ports/domains";

/** Vercel's production API. Passed explicitly so the endpoint in use is always visible in the options. */
export const VERCEL_API_URL = "https://api.vercel.com";

/** Where Vercel tells customers to point DNS when its config answer recommends nothing. */
const DEFAULT_A_RECORD = "76.76.21.21";
const DEFAULT_CNAME_TARGET = "cname.vercel-dns.com";

const VercelDomainHostingOptions = z.strictObject({
  bearerToken: z.string().min(1, { error: "a Vercel bearer token is required" }),
  /** The project every tenant's custom domain is attached to (id or name). */
  projectId: z.string().min(1, { error: "a Vercel project id is required" }),
  /** Sent as `teamId` on every call when the project belongs to a team. */
  teamId: z.string().min(1).optional(),
  /** Vercel's API or an emulator speaking its protocol (`startVercelEmulator().url`). */
  serverURL: z
    .url({ protocol: /^https?$/, error: "serverURL must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .default(VERCEL_API_URL),
  /** Per-request timeout: a hanging vendor must not hold a request or a job slot forever. */
  timeoutMs: z.number().int().positive().default(15_000),
});

export type VercelDomainHostingOptions = z.input<typeof VercelDomainHostingOptions>;

/** Vercel's error envelope, as far as we read it. */
const VercelErrorBody = z.object({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    projectId: z.string().optional(),
    // An object (with `projectId`) on 409s, a plain name on some 400s.
    domain: z.unknown().optional(),
  }),
});

const projectIdOf = (domain: unknown): string | undefined => {
  const id = domain && typeof domain === "object" ? (domain as { projectId?: unknown }).projectId : undefined;
  return typeof id === "string" ? id : undefined;
};

interface VendorFailure {
  statusCode: number | null;
  code: string;
  message: string;
  /** The project named in a `domain_already_in_use` answer. */
  projectId: string | null;
}

/** What an SDK throw means, or null when it is not an SDK error (a bug: let it through as is). */
function vendorFailure(err: unknown): VendorFailure | null {
  if (err instanceof ResponseValidationError) {
    return {
      statusCode: err.statusCode,
      code: "invalid_response",
      message: "Vercel answered with a body the SDK could not read",
      projectId: null,
    };
  }
  if (err instanceof VercelError) {
    let parsed: z.infer<typeof VercelErrorBody> | null = null;
    try {
      const body = VercelErrorBody.safeParse(JSON.parse(err.body));
      parsed = body.success ? body.data : null;
    } catch {
      parsed = null;
    }
    return {
      statusCode: err.statusCode,
      code: parsed?.error.code ?? `http_${err.statusCode}`,
      message: parsed?.error.message ?? `Vercel answered ${err.statusCode}`,
      projectId: parsed?.error.projectId ?? projectIdOf(parsed?.error.domain) ?? null,
    };
  }
  if (err instanceof HTTPClientError) {
    const code = err instanceof RequestAbortedError ? "aborted" : "network";
    return { statusCode: null, code, message: `Vercel could not be reached (${err.name})`, projectId: null };
  }
  return null;
}

/** Whether trying again later can help: the network, rate limits and Vercel's own failures pass with time. */
export function isRetryableVercelFailure(failure: { statusCode: number | null; code: string }): boolean {
  if (failure.statusCode === null) return failure.code === "network";
  return failure.statusCode === 429 || failure.statusCode >= 500;
}

/** 400 codes that reject the request itself rather than report a failed ownership check. */
const NOT_A_CHECK_RESULT = new Set(["bad_request", "invalid_domain", "invalid_name"]);

const stripDot = (name: string) => name.replace(/\.$/, "");

function verificationRecords(verification: { type: string; domain: string; value: string }[] | undefined) {
  return (verification ?? [])
    .filter((v) => v.type.toUpperCase() === "TXT")
    .map((v): DnsRecord => ({ type: "TXT", name: stripDot(v.domain), value: v.value, purpose: "verification" }));
}

/**
 * Routing records from the config answer: an A record for an apex (a CNAME is not allowed at a zone
 * apex), a CNAME for a subdomain. Vercel ranks its recommendations; rank 1 is the preferred one.
 */
function routingRecords(hostname: string, isApex: boolean, config: GetDomainConfigResponseBody): DnsRecord[] {
  const byRank = <T extends { rank: number }>(list: T[]) => [...list].sort((a, b) => a.rank - b.rank)[0];
  if (isApex) {
    const ips = byRank(config.recommendedIPv4)?.value ?? [DEFAULT_A_RECORD];
    return ips.map((ip) => ({ type: "A", name: hostname, value: ip, purpose: "routing" }));
  }
  const target = byRank(config.recommendedCNAME)?.value ?? DEFAULT_CNAME_TARGET;
  return [{ type: "CNAME", name: hostname, value: stripDot(target), purpose: "routing" }];
}

/**
 * The DomainHosting port on `@vercel/sdk`: custom domains are project domains of one Vercel
 * project; a domain's state combines the project domain (ownership verification) with the domain
 * config (whether DNS routes to Vercel).
 *
 * Idempotency: Vercel has no Idempotency-Key header for these endpoints, and none is needed. The
 * domain name is the natural key of a project domain, and adding one that the project already has
 * answers 409 `domain_already_in_use` naming our own project id — the trace of an earlier attempt
 * that got through (a crash between the vendor call and our database write, a retried job). That
 * answer is read back as success, so `add` can be repeated any number of times; a 409 naming any
 * other project is `DomainTakenError`.
 */
export function createVercelDomainHosting(options: VercelDomainHostingOptions): DomainHosting {
  const parsed = VercelDomainHostingOptions.safeParse(options);
  if (!parsed.success) {
    // Report which option is wrong, never its value (one of them is the token).
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(", ");
    throw new TypeError(`Invalid Vercel domain hosting options — ${fields}`);
  }
  const { bearerToken, projectId, teamId, serverURL, timeoutMs } = parsed.data;
  const client = new VercelCore({ bearerToken, serverURL, timeoutMs });
  // The standalone functions answer a Result; unwrapping throws the same errors the class methods do.
  const vercel = {
    domains: {
      getDomainConfig: (r: Parameters<typeof domainsGetDomainConfig>[1]) =>
        unwrapAsync(domainsGetDomainConfig(client, r)),
    },
    projects: {
      getProjectDomain: (r: Parameters<typeof projectsGetProjectDomain>[1]) =>
        unwrapAsync(projectsGetProjectDomain(client, r)),
      addProjectDomain: (r: Parameters<typeof projectsAddProjectDomain>[1]) =>
        unwrapAsync(projectsAddProjectDomain(client, r)),
      verifyProjectDomain: (r: Parameters<typeof projectsVerifyProjectDomain>[1]) =>
        unwrapAsync(projectsVerifyProjectDomain(client, r)),
      removeProjectDomain: (r: Parameters<typeof projectsRemoveProjectDomain>[1]) =>
        unwrapAsync(projectsRemoveProjectDomain(client, r)),
    },
  };
  const scope = teamId ? { teamId } : {};
  const redact = (text: string) => text.split(bearerToken).join("[redacted]");

  function hostingError(err: unknown, action: string, hostname: string): unknown {
    const failure = vendorFailure(err);
    if (!failure) return err;
    const status = failure.statusCode === null ? failure.code : String(failure.statusCode);
    return new DomainHostingError(
      redact(`Vercel could not ${action} ${hostname} (${status} ${failure.code}): ${failure.message}`),
      failure.code,
      failure.statusCode,
      isRetryableVercelFailure(failure),
    );
  }

  async function call<T>(action: string, hostname: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw hostingError(err, action, hostname);
    }
  }

  const getConfig = (hostname: string) =>
    call("read the DNS configuration of", hostname, () =>
      vercel.domains.getDomainConfig({ domain: hostname, projectIdOrName: projectId, ...scope }),
    );

  function toState(
    domain: {
      name: string;
      apexName: string;
      verified: boolean;
      verification?: Parameters<typeof verificationRecords>[0];
    },
    config: GetDomainConfigResponseBody,
  ): DomainState {
    return {
      hostname: domain.name,
      verified: domain.verified,
      verification: domain.verified ? [] : verificationRecords(domain.verification),
      misconfigured: config.misconfigured,
      recommended: routingRecords(domain.name, domain.name === domain.apexName, config),
      configuredBy: config.configuredBy,
      verificationError: null,
    };
  }

  /**
   * The project-domain call and the config call run together; both are awaited before deciding,
   * so which of two failures wins never depends on timing: the project-domain answer goes first.
   */
  async function withConfig<T>(hostname: string, domainCall: Promise<T>): Promise<[T, GetDomainConfigResponseBody]> {
    const [domain, config] = await Promise.allSettled([domainCall, getConfig(hostname)]);
    if (domain.status === "rejected") throw domain.reason;
    if (config.status === "rejected") throw config.reason;
    return [domain.value, config.value];
  }

  async function get(hostname: string): Promise<DomainState | null> {
    try {
      const [domain, config] = await withConfig(
        hostname,
        vercel.projects.getProjectDomain({ idOrName: projectId, domain: hostname, ...scope }),
      );
      return toState(domain, config);
    } catch (err) {
      if (err instanceof DomainHostingError) throw err;
      if (vendorFailure(err)?.statusCode === 404) return null;
      throw hostingError(err, "read", hostname);
    }
  }

  async function getOrThrow(hostname: string): Promise<DomainState> {
    const state = await get(hostname);
    if (!state) throw new DomainHostingError(`Vercel has no project domain ${hostname}`, "not_found", 404, false);
    return state;
  }

  return {
    async add(hostname, { idempotencyKey }) {
      // The key is not sent (see above), but a caller without one has not thought about retries.
      if (!idempotencyKey) throw new TypeError("idempotencyKey is required");
      try {
        const [domain, config] = await withConfig(
          hostname,
          vercel.projects.addProjectDomain({ idOrName: projectId, requestBody: { name: hostname }, ...scope }),
        );
        return toState(domain, config);
      } catch (err) {
        if (err instanceof DomainHostingError) throw err;
        const failure = vendorFailure(err);
        if (failure?.statusCode === 409 && failure.code === "domain_already_in_use") {
          if (failure.projectId === projectId) return getOrThrow(hostname);
          throw new DomainTakenError(hostname, failure.projectId);
        }
        throw hostingError(err, "add", hostname);
      }
    },

    get,

    async verify(hostname) {
      try {
        const [domain, config] = await withConfig(
          hostname,
          vercel.projects.verifyProjectDomain({ idOrName: projectId, domain: hostname, ...scope }),
        );
        return toState(domain, config);
      } catch (err) {
        if (err instanceof DomainHostingError) throw err;
        const failure = vendorFailure(err);
        // A failed check is an answer, not an outage: the domain stays pending with its challenge.
        if (failure?.statusCode === 400 && !NOT_A_CHECK_RESULT.has(failure.code)) {
          const state = await getOrThrow(hostname);
          return { ...state, verificationError: { code: failure.code, message: failure.message } };
        }
        throw hostingError(err, "verify", hostname);
      }
    },

    async remove(hostname) {
      try {
        await vercel.projects.removeProjectDomain({ idOrName: projectId, domain: hostname, ...scope });
      } catch (err) {
        // Already gone is what we wanted: a retried removal succeeds.
        if (vendorFailure(err)?.statusCode === 404) return;
        throw hostingError(err, "remove", hostname);
      }
    },
  };
}
