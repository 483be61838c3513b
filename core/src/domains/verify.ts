import type { z } from "zod";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import type { DomainRow } from "../db/schema/index";
import { DnsLookupError, type TxtResolver } from "../ports/dns";
import type { DomainHosting, DomainState } from "../ports/domains";
import { assertTenantWritable, auditCtx } from "../tenancy";
import { parseInput } from "../validation";
import { recordDomainCheck } from "./check";
import { HostingUnavailableError, hostingFailure } from "./errors";
import { DomainIdInput, getLiveDomainOrThrow } from "./queries";
import { verifyAtVendor } from "./state";

export const VerifyCustomDomainInput = DomainIdInput;

/**
 * Ask the vendor to check the domain now (the "Check now" button), look for the tenant's own
 * ownership record in DNS, and record the answer: DNS records, routing, last check, last problem.
 * A status change is audited (`domain.verify`, or `domain.lapse` if a verified domain no longer
 * is); a check that changes nothing is not. Verifying releases other tenants' unproven claims on
 * the name (`released` says how many).
 */
export async function verifyCustomDomain({
  ctx,
  input,
  hosting,
  dns,
}: {
  ctx: TenantCtx;
  input: z.input<typeof VerifyCustomDomainInput>;
  hosting: DomainHosting;
  dns: TxtResolver;
}): Promise<{ domain: DomainRow; state: DomainState; released: number }> {
  assertCan(ctx.ability, "domain.manage");
  const { domainId } = parseInput(VerifyCustomDomainInput, input);
  assertTenantWritable(ctx);
  const current = await getLiveDomainOrThrow(ctx.database, ctx.tenant.id, domainId);
  if (current.kind !== "custom") return { domain: current, state: platformState(current), released: 0 };

  let state: DomainState;
  try {
    state = await verifyAtVendor(hosting, ctx.tenant.id, current.hostname);
  } catch (err) {
    throw hostingFailure(err, current.hostname);
  }
  try {
    const { domain, released } = await recordDomainCheck({
      database: ctx.database,
      tenantId: ctx.tenant.id,
      audit: auditCtx(ctx),
      domain: current,
      state,
      dns,
      now: new Date(),
    });
    return { domain, state, released };
  } catch (err) {
    if (!(err instanceof DnsLookupError)) throw err;
    throw new HostingUnavailableError(
      `We could not look up the DNS records of ${current.hostname} just now. Please try again in a few minutes.`,
      { cause: err },
    );
  }
}

/** The platform host is ours: always verified, nothing for the customer to set up. */
function platformState(row: DomainRow): DomainState {
  return { hostname: row.hostname, verified: true, verification: [], misconfigured: false, recommended: [] };
}
