import { SYSTEM_ROLES } from "@mw/core/authz";
import { withTenant } from "@mw/core/db";
import { env } from "@mw/core/env";
import { consoleSignInLink } from "@mw/core/http";
import { emailOutbox, invitations } from "@mw/core/schema";
import { inviteMember, revokeInvitation } from "@mw/core/verbs";
import { and, eq } from "drizzle-orm";
import { type EnqueuedEmail, enqueueEmail, INVITATION_TTL_MS, platformHostname } from "../core-internals";
import { scheduleEmail } from "../email/schedule";
import type { StepContext } from "../engine/types";
import { tenantOrigin } from "../env";
import type { OnboardRunInput } from "../workflows/inputs";
import { findTenant, getTenantOrThrow, tenantCtx } from "./verb-context";

/**
 * Invite the customer's owner. The invitation and its e-mail (an outbox row keyed
 * `${runId}:owner-invitation`) are written in one transaction, so they exist together or not at
 * all; the one-time token lives only in that row's link. Delivery is a separate `email:send` job,
 * queued before this step counts as done — a crash in between re-runs the step, which finds the
 * invitation and queues the delivery again (the job key keeps that to one job, the outbox row
 * and the vendor's idempotency key to one e-mail).
 */
export const id = "owner-invitation";

const OWNER = SYSTEM_ROLES.find((r) => r.key === "owner");
const DAY_MS = 24 * 60 * 60 * 1000;

/** Invitation links use the platform host: a custom domain's DNS may not be ready for days. */
export function invitationLink(slug: string, token: string): string {
  return `${tenantOrigin(platformHostname(slug))}/invite/${encodeURIComponent(token)}`;
}

async function findOwnInvitation(ctx: StepContext<OnboardRunInput>) {
  const { tenantId, ownerEmail } = ctx.input;
  return withTenant(ctx.database, tenantId, async (tx) => {
    const [invitation] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(eq(invitations.tenantId, tenantId), eq(invitations.email, ownerEmail), eq(invitations.status, "pending")),
      );
    const [mail] = await tx
      .select({ id: emailOutbox.id, status: emailOutbox.status })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.idempotencyKey, ctx.idempotencyKey)));
    return { invitation, mail };
  });
}

export async function run(ctx: StepContext<OnboardRunInput>) {
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  const existing = await findOwnInvitation(ctx);
  let invitationId = existing.invitation?.id ?? null;
  let outboxId = existing.mail?.id ?? null;
  if (!existing.invitation) {
    const queued: { email?: EnqueuedEmail } = {};
    const { invitation } = await inviteMember({
      ctx: tenantCtx(ctx, tenant),
      input: { email: ctx.input.ownerEmail, roleKeys: ["owner"] },
      afterInsert: async (tx, created) => {
        queued.email = await enqueueEmail(tx, {
          template: "invitation",
          to: created.invitation.email,
          payload: {
            link: invitationLink(tenant.slug, created.token),
            roleNames: [OWNER?.name ?? "Owner"],
            expiresInDays: Math.round(INVITATION_TTL_MS / DAY_MS),
            // The owner's first job is the admin console, which nothing on a fresh site leads to.
            consoleLink: consoleSignInLink(env.CONTROL_PLANE_URL, tenant.slug),
          },
          idempotencyKey: ctx.idempotencyKey,
        });
      },
    });
    invitationId = invitation.id;
    outboxId = queued.email?.id ?? null;
    await ctx.checkpoint("invited");
  }
  if (outboxId && existing.mail?.status !== "sent") {
    await scheduleEmail(ctx.queue, { tenantId: tenant.id, outboxId });
  } else if (!outboxId) {
    // A pending invitation someone else sent: the owner already has a link; do not send a second.
    ctx.log(`${ctx.input.ownerEmail} already had a pending invitation; no e-mail queued`);
  }
  return { invitationId, outboxId };
}

/** Revoke the owner's invitation, and withdraw its e-mail if it has not gone out yet. */
export async function compensate(ctx: StepContext<OnboardRunInput>) {
  const tenant = await findTenant(ctx.database, ctx.input.tenantId);
  if (!tenant) return;
  const { invitation } = await findOwnInvitation(ctx);
  if (invitation) await revokeInvitation({ ctx: tenantCtx(ctx, tenant), input: { invitationId: invitation.id } });
  await withTenant(ctx.database, tenant.id, (tx) =>
    tx
      .update(emailOutbox)
      .set({ status: "failed", lastError: "withdrawn: onboarding cancelled" })
      .where(
        and(
          eq(emailOutbox.tenantId, tenant.id),
          eq(emailOutbox.idempotencyKey, ctx.idempotencyKey),
          eq(emailOutbox.status, "pending"),
        ),
      ),
  );
}
