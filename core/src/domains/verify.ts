import type { z } from "zod";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import type { DomainRow } from "../db/schema/index";
import type { DomainHosting, DomainState } from "../ports/domains";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { applyVendorState } from "./apply";
import { hostingFailure } from "./errors";
import { DomainIdInput, getLiveDomainOrThrow } from "./queries";
import { verifyAtVendor } from "./state";

export const VerifyCustomDomainInput = DomainIdInput;

/**
 * Ask the vendor to check the domain now (the "Verify" button) and record the answer: DNS records,
 * routing, last check, last problem. A status change is audited (`domain.verify`, or
 * `domain.lapse` if a verified domain no longer is); a check that changes nothing is not.
 */
export async function verifyCustomDomain({
  ctx,
  input,
  hosting,
}: {
  ctx: TenantCtx;
  input: z.input<typeof VerifyCustomDomainInput>;
  hosting: DomainHosting;
}): Promise<{ domain: DomainRow; state: DomainState }> {
  assertCan(ctx.ability, "domain.manage");
  const { domainId } = parseInput(VerifyCustomDomainInput, input);
  assertTenantWritable(ctx);
  const current = await getLiveDomainOrThrow(ctx.database, ctx.tenant.id, domainId);
  if (current.kind !== "custom") return { domain: current, state: platformState(current) };

  let state: DomainState;
  try {
    state = await verifyAtVendor(hosting, ctx.tenant.id, current.hostname);
  } catch (err) {
    throw hostingFailure(err, current.hostname);
  }
  const { domain } = await tenantTx(ctx, (tx) =>
    applyVendorState(tx, auditCtx(ctx), domainId, state, { now: new Date() }),
  );
  return { domain, state };
}

/** The platform host is ours: always verified, nothing for the customer to set up. */
function platformState(row: DomainRow): DomainState {
  return { hostname: row.hostname, verified: true, verification: [], misconfigured: false, recommended: [] };
}
