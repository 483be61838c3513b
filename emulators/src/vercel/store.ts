import { randomBytes } from "node:crypto";
import type { AddProjectDomainResponseBody } from "@vercel/sdk/models/addprojectdomainop.js";
import type { GetDomainConfigResponseBody } from "@vercel/sdk/models/getdomainconfigop.js";
import type { GetProjectDomainResponseBody } from "@vercel/sdk/models/getprojectdomainop.js";
import type { VerifyProjectDomainResponseBody } from "@vercel/sdk/models/verifyprojectdomainop.js";
import type { EmulatorClock } from "../shared/clock";
import { apexOf } from "./apex";

/** The IPv4 address and CNAME target Vercel tells customers to point their DNS at. */
export const VERCEL_A_RECORD = "76.76.21.21";
export const VERCEL_CNAME_TARGET = "cname.vercel-dns.com.";

/** One domain attached to the emulated project. */
export interface EmulatedProjectDomain {
  name: string;
  apexName: string;
  projectId: string;
  verified: boolean;
  /** The random part of the TXT challenge; a new one is issued whenever verification is lost. */
  challenge: string;
  createdAt: number;
  updatedAt: number;
}

/** What the emulated DNS answers for one host name. Absent entry: nothing set up yet. */
export interface DnsState {
  /** `_vercel.<apex>` holds this domain's `vc-domain-verify=…` value. */
  txt: boolean;
  /** The A / CNAME record points at Vercel (`misconfigured: false`). */
  routed: boolean;
}

const newChallenge = () => randomBytes(10).toString("hex");

export function txtRecordName(domain: EmulatedProjectDomain): string {
  return `_vercel.${domain.apexName}`;
}

export function txtRecordValue(domain: EmulatedProjectDomain): string {
  return `vc-domain-verify=${domain.name},${domain.challenge}`;
}

/** `GET /v9/projects/{id}/domains/{domain}` and the add response (the shapes are the same). */
export function toProjectDomain(
  domain: EmulatedProjectDomain,
): GetProjectDomainResponseBody & AddProjectDomainResponseBody {
  return {
    name: domain.name,
    apexName: domain.apexName,
    projectId: domain.projectId,
    redirect: null,
    redirectStatusCode: null,
    gitBranch: null,
    customEnvironmentId: null,
    updatedAt: domain.updatedAt,
    createdAt: domain.createdAt,
    verified: domain.verified,
    // Vercel leaves the challenge out once the domain is verified.
    ...(domain.verified
      ? {}
      : {
          verification: [
            {
              type: "TXT",
              domain: txtRecordName(domain),
              value: txtRecordValue(domain),
              reason: "pending_domain_verification",
            },
          ],
        }),
  };
}

/** `POST …/verify` answers the project domain without the challenge. */
export function toVerifiedDomain(domain: EmulatedProjectDomain): VerifyProjectDomainResponseBody {
  const { verification: _verification, ...rest } = toProjectDomain(domain);
  return rest;
}

/** `GET /v6/domains/{domain}/config`: an apex needs an A record (no CNAME at a zone apex), a subdomain a CNAME. */
export function toDomainConfig(name: string, dns: DnsState | undefined): GetDomainConfigResponseBody {
  const apex = apexOf(name) === name;
  const routed = dns?.routed ?? false;
  return {
    configuredBy: routed ? (apex ? "A" : "CNAME") : null,
    acceptedChallenges: routed ? ["http-01"] : [],
    recommendedIPv4: apex ? [{ rank: 1, value: [VERCEL_A_RECORD] }] : [],
    recommendedCNAME: apex ? [] : [{ rank: 1, value: VERCEL_CNAME_TARGET }],
    misconfigured: !routed,
  };
}

/** The emulator's world: the project's domains, domains held elsewhere, and what DNS says. */
export class VercelDomainStore {
  #domains = new Map<string, EmulatedProjectDomain>();
  #claims = new Map<string, string>();
  #dns = new Map<string, DnsState>();

  constructor(
    private readonly clock: EmulatorClock,
    readonly projectId: string,
  ) {}

  get(name: string): EmulatedProjectDomain | undefined {
    return this.#domains.get(name);
  }

  list(): EmulatedProjectDomain[] {
    return [...this.#domains.values()];
  }

  get size(): number {
    return this.#domains.size;
  }

  add(name: string): EmulatedProjectDomain {
    const now = this.clock.now().getTime();
    const domain: EmulatedProjectDomain = {
      name,
      apexName: apexOf(name),
      projectId: this.projectId,
      verified: false,
      challenge: newChallenge(),
      createdAt: now,
      updatedAt: now,
    };
    this.#domains.set(name, domain);
    return domain;
  }

  remove(name: string): boolean {
    return this.#domains.delete(name);
  }

  /** Who else holds the domain (another project or account), if anyone. */
  claimedBy(name: string): string | undefined {
    return this.#claims.get(name);
  }

  /**
   * Another project takes the domain (or gives it back with `null`). If it was ours and verified,
   * ownership is now contested: Vercel withdraws the verification and issues a new challenge.
   */
  setClaim(name: string, owner: string | null): void {
    if (owner === null) {
      this.#claims.delete(name);
      return;
    }
    this.#claims.set(name, owner);
    this.#unverify(name);
  }

  dns(name: string): DnsState | undefined {
    return this.#dns.get(name);
  }

  /**
   * Change what DNS answers. Losing the TXT record of a verified domain makes it unverified, as
   * Vercel's periodic re-check would; gaining it verifies nothing until `…/verify` is called.
   */
  setDns(name: string, change: Partial<DnsState>): DnsState {
    const next = { txt: false, routed: false, ...this.#dns.get(name), ...change };
    this.#dns.set(name, next);
    if (change.txt === false) this.#unverify(name);
    return next;
  }

  /** Mark verified if DNS holds the challenge; returns whether it is verified now. */
  tryVerify(domain: EmulatedProjectDomain): boolean {
    if (domain.verified) return true;
    if (!this.#dns.get(domain.name)?.txt || this.#claims.has(domain.name)) return false;
    domain.verified = true;
    domain.updatedAt = this.clock.now().getTime();
    return true;
  }

  /** A new challenge is issued, so whatever TXT value DNS holds no longer matches it. */
  #unverify(name: string): void {
    const domain = this.#domains.get(name);
    if (!domain?.verified) return;
    domain.verified = false;
    domain.challenge = newChallenge();
    domain.updatedAt = this.clock.now().getTime();
    const dns = this.#dns.get(name);
    if (dns) dns.txt = false;
  }

  snapshot() {
    return {
      projectId: this.projectId,
      domains: this.list().map(toProjectDomain),
      claims: Object.fromEntries(this.#claims),
      dns: Object.fromEntries(this.#dns),
    };
  }

  clear(): void {
    this.#domains.clear();
    this.#claims.clear();
    this.#dns.clear();
  }
}
