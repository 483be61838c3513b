import { assertStaffCan } from "@mw/core/authz";
import { actorId, type PlatformCtx } from "@mw/core/context";
import { liveClaims, unavailableReason } from "@mw/core/domains";
import { type FieldErrors, ValidationError } from "@mw/core/errors";
import { newId } from "@mw/core/ids";
import { provisioningRuns, tenants } from "@mw/core/schema";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { startRun } from "../engine/runs";
import type { JobQueue, RunWithSteps, WorkflowDefinition } from "../engine/types";
import * as activate from "../steps/activate";
import * as customDomains from "../steps/custom-domains";
import * as initialTheme from "../steps/initial-theme";
import * as ownerInvitation from "../steps/owner-invitation";
import * as reserveTenant from "../steps/reserve-tenant";
import * as stripeBilling from "../steps/stripe-billing";
import { fieldError, parseInput } from "../validation";
import { OnboardInput, OnboardRunInput } from "./inputs";

/**
 * Onboarding: slug and platform host → Stripe customer and subscription (trial) → theme → custom
 * domains → owner invitation → live.
 */
export const onboardWorkflow: WorkflowDefinition<OnboardRunInput> = {
  kind: "onboard",
  input: OnboardRunInput,
  steps: [reserveTenant, stripeBilling, initialTheme, customDomains, ownerInvitation, activate],
  cancellable: true,
};

const UNFINISHED = ["pending", "running", "parked", "cancelling"] as const;

/**
 * Staff: onboard a customer. Validates everything that can be known up front (field errors for the
 * form), chooses the tenant id, and starts the durable run; the returned run is `pending` and
 * progresses in the worker. Two starts for one slug are serialized, so the second gets a field
 * error rather than a run that parks. Custom domains get the admin console's checks — the host
 * name rules (in the input schema) and availability (here) — so a bad one is a field error and
 * nothing is created: no run, no tenant, no slug held.
 */
export async function startOnboarding({
  ctx,
  input,
  worker,
}: {
  ctx: PlatformCtx;
  input: OnboardInput;
  worker: JobQueue;
}): Promise<RunWithSteps> {
  assertStaffCan(ctx.ability, "platform.tenant.create");
  const data = parseInput(OnboardInput, input);
  const tenantId = newId("tenant");
  return startRun({
    database: ctx.database,
    workflow: onboardWorkflow,
    input: { ...data, tenantId },
    createdBy: actorId(ctx.actor),
    worker,
    forTenantId: tenantId,
    within: async (tx, run) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`onboard-slug:${data.slug}`}, 0))`);
      const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, data.slug));
      if (taken) throw fieldError("slug", `"${data.slug}" is already taken`);
      const [other] = await tx
        .select({ id: provisioningRuns.id })
        .from(provisioningRuns)
        .where(
          and(
            eq(provisioningRuns.kind, "onboard"),
            inArray(provisioningRuns.status, [...UNFINISHED]),
            sql`${provisioningRuns.input}->>'slug' = ${data.slug}`,
            sql`${provisioningRuns.id} <> ${run.id}`,
          ),
        );
      if (other) throw fieldError("slug", `"${data.slug}" is being onboarded already (run ${other.id})`);
      await assertDomainsAvailable(tx, data.customDomains, run.id);
    },
  });
}

/** Each custom domain free to claim: held by no tenant, and not being connected by another onboarding. */
async function assertDomainsAvailable(tx: PostgresJsDatabase, hostnames: string[], runId: string): Promise<void> {
  const fields: FieldErrors = {};
  for (const [i, hostname] of hostnames.entries()) {
    // Serializes with another onboarding listing the same host name (its run row is the claim).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`onboard-domain:${hostname}`}, 0))`);
    let reason = unavailableReason(hostname, await liveClaims(tx, hostname), null);
    if (!reason) {
      const [other] = await tx
        .select({ id: provisioningRuns.id })
        .from(provisioningRuns)
        .where(
          and(
            eq(provisioningRuns.kind, "onboard"),
            inArray(provisioningRuns.status, [...UNFINISHED]),
            sql`${provisioningRuns.input}->'customDomains' ? ${hostname}`,
            sql`${provisioningRuns.id} <> ${runId}`,
          ),
        );
      if (other) reason = `${hostname} is being connected by another onboarding (run ${other.id}).`;
    }
    if (reason) fields[`customDomains.${i}`] = [reason];
  }
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  const summary = entries.map(([path, [message]]) => `${path}: ${message}`).join(", ");
  throw new ValidationError(`Invalid input — ${summary}`, fields);
}
