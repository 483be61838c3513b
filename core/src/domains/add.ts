import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { readTenant, withPlatform } from "../db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "../db/errors";
import { type DomainRow, domains } from "../db/schema/index";
import { env } from "../env";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { assertFeature, assertWithinLimit, type ProductCtx } from "../plans/guards";
import type { DomainHosting, DomainState } from "../ports/domains";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { assertHostnameAvailable, liveClaims, rivalClaims } from "./availability";
import { hostingFailure } from "./errors";
import { validateCustomHostname } from "./hostname";
import { newOwnershipToken } from "./ownership";
import { addIdempotencyKey, storedRecords } from "./state";

export const AddCustomDomainInput = z
  .object({
    hostname: z.string({ error: "hostname is required" }).transform((raw, c) => {
      const check = validateCustomHostname(raw, { platformDomain: env.PLATFORM_DOMAIN });
      if (check.ok) return check.hostname;
      c.addIssue({ code: "custom", message: check.message });
      return z.NEVER;
    }),
  })
  .strict();

const liveCustomDomains = (tenantId: string) =>
  and(eq(domains.tenantId, tenantId), eq(domains.kind, "custom"), ne(domains.status, "removed"));

function assertNotConnectedHere(live: { hostname: string }[], hostname: string): void {
  if (live.some((d) => d.hostname === hostname)) {
    throw new ConflictError(`${hostname} is already connected to this organization.`);
  }
}

/**
 * Connect a custom domain: attach it at the hosting vendor, then record it as pending with the DNS
 * records the customer must create. It serves only once `verifyCustomDomain` finds it verified.
 *
 * Order: vendor first, database second, because only the vendor can tell us whether the domain is
 * free and what the challenge is. A crash between the two leaves the domain attached at the vendor
 * and no row here; the retry's add is answered as "already ours" (the adapter's idempotency) and
 * then writes the row. When the database refuses the row — another tenant of ours holds the name —
 * nothing is undone at the vendor: the attachment is that other tenant's.
 *
 * Another tenant's *unverified* claim does not block the add (ADR 0007): both claims stand, each
 * with its own ownership token, and the first to prove control of the domain's DNS takes it.
 * `contested` says whether such a claim exists, so the console can tell the customer.
 */
export async function addCustomDomain({
  ctx,
  input,
  hosting,
}: {
  ctx: ProductCtx;
  input: z.input<typeof AddCustomDomainInput>;
  hosting: DomainHosting;
}): Promise<{ domain: DomainRow; state: DomainState; contested: boolean }> {
  assertCan(ctx.ability, "domain.manage");
  const { hostname } = parseInput(AddCustomDomainInput, input);
  assertTenantWritable(ctx);
  assertFeature(ctx, "custom_domains");
  const tenantId = ctx.tenant.id;

  // Cheap refusals before the vendor call; repeated under a lock below, where they decide.
  const live = await readTenant(ctx.database, tenantId, (tx) =>
    tx.select({ hostname: domains.hostname }).from(domains).where(liveCustomDomains(tenantId)),
  );
  assertNotConnectedHere(live, hostname);
  assertWithinLimit(ctx, "customDomains", live.length);
  // Verified by another tenant: refused before the vendor is asked (the staff wizard asks the same).
  const contested = await withPlatform(ctx.database, async (tx) => {
    await assertHostnameAvailable(tx, hostname, tenantId);
    return rivalClaims(await liveClaims(tx, hostname), tenantId).length > 0;
  });

  let state: DomainState;
  try {
    state = await hosting.add(hostname, { idempotencyKey: addIdempotencyKey(tenantId, hostname) });
  } catch (err) {
    throw hostingFailure(err, hostname);
  }

  try {
    const domain = await tenantTx(ctx, async (tx) => {
      // Adds in one tenant take turns, so two of them cannot both see room for one more.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${tenantId}:custom_domains`}))`);
      const current = await tx.select({ hostname: domains.hostname }).from(domains).where(liveCustomDomains(tenantId));
      assertNotConnectedHere(current, hostname);
      assertWithinLimit(ctx, "customDomains", current.length);
      const now = new Date();
      const [row] = await tx
        .insert(domains)
        .values({
          id: newId("domain"),
          tenantId,
          hostname,
          kind: "custom",
          // Pending even if the vendor says verified: serving starts with our own verify step.
          status: "pending",
          isPrimary: false,
          verification: storedRecords(state.verification),
          dnsConfig: {
            misconfigured: state.misconfigured,
            configuredBy: state.configuredBy ?? null,
            recommended: storedRecords(state.recommended),
            misconfiguredSince: null,
          },
          lastCheckedAt: now,
          ownershipToken: newOwnershipToken(),
        })
        .returning();
      if (!row) throw new Error("domain insert returned no row");
      await emitAudit(tx, auditCtx(ctx), {
        action: "domain.add",
        target: { type: "domain", id: row.id },
        after: { hostname: row.hostname, kind: row.kind, status: row.status },
      });
      return row;
    });
    return { domain, state, contested };
  } catch (err) {
    // Our own duplicates were refused above under the lock; this is a concurrent add of ours.
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError(`${hostname} is already connected to this organization.`);
    }
    throw err;
  }
}
