"use server";

import { accessOfRoles } from "@mw/core/authz";
import { schema } from "@mw/core/db";
import { enqueueEmail } from "@mw/core/email";
import { env } from "@mw/core/env";
import { consoleSignInLink } from "@mw/core/http";
import { log } from "@mw/core/observability";
import type { ActionResult } from "@mw/core/transport";
import { formValues } from "@mw/core/transport";
import { inviteMember, removeMember, revokeInvitation, updateMemberRoles } from "@mw/core/verbs";
import { scheduleEmail } from "@mw/provisioning";
import { and, eq, inArray } from "drizzle-orm";
import { field, fieldList, runAction } from "../../../../lib/console/action";
import { invitationLink } from "../../../../lib/console/site";
import { consoleCtx } from "../../../../lib/console-session";
import { jobQueue } from "../../../../lib/queue";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Invite by e-mail. The e-mail is queued in the invitation's own transaction (outbox), so there is
 * never an invitation without its e-mail or an e-mail for an invitation that rolled back. The
 * token only ever appears in that outbox row's link — never in the page, the audit log or a log line.
 * Delivery is scheduled after the commit; if that fails, the worker's outbox sweep sends it shortly.
 */
export async function inviteMemberAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const roleKeys = fieldList(form, "roleKeys");
  const values: Record<string, string> = { ...formValues(form, ["email"]), roleKeys: roleKeys.join(",") };
  return runAction(values, async () => {
    const ctx = await consoleCtx();
    const inviter = ctx.console.session.user;
    let outboxId: string | null = null;
    const { invitation } = await inviteMember({
      ctx,
      input: { email: values.email ?? "", roleKeys },
      afterInsert: async (tx, { invitation, token }) => {
        const offered = await tx
          .select({ key: schema.roles.key, name: schema.roles.name, grants: schema.roles.grants })
          .from(schema.roles)
          .where(and(eq(schema.roles.tenantId, ctx.tenant.id), inArray(schema.roles.key, invitation.roleKeys)));
        const queued = await enqueueEmail(tx, {
          template: "invitation",
          to: invitation.email,
          payload: {
            link: invitationLink(ctx.tenant.slug, token),
            inviterName: inviter.name || inviter.email,
            roleNames: invitation.roleKeys.map((k) => offered.find((r) => r.key === k)?.name ?? k),
            expiresInDays: Math.max(1, Math.round((invitation.expiresAt.getTime() - Date.now()) / DAY_MS)),
            // An invited admin learns where the console is; nobody else is pointed at it.
            ...(accessOfRoles(offered).console
              ? { consoleLink: consoleSignInLink(env.CONTROL_PLANE_URL, ctx.tenant.slug) }
              : {}),
          },
          idempotencyKey: `invitation:${invitation.id}`,
        });
        outboxId = queued.id;
      },
    });
    if (outboxId) await scheduleDelivery(ctx.tenant.id, outboxId);
    // Values are not echoed on success: the form clears for the next invitation.
    return { ok: true, message: `Invitation sent to ${invitation.email}.` };
  });
}

async function scheduleDelivery(tenantId: string, outboxId: string): Promise<void> {
  try {
    await scheduleEmail(await jobQueue(), { tenantId, outboxId });
  } catch (err) {
    log.warn({ outboxId, err: (err as Error).message }, "could not schedule an e-mail; the outbox sweep will send it");
  }
}

export async function revokeInvitationAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const revoked = await revokeInvitation({ ctx, input: { invitationId: field(form, "invitationId") } });
    return `Invitation for ${revoked?.email ?? "that address"} revoked.`;
  });
}

export async function updateMemberRolesAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const roleKeys = fieldList(form, "roleKeys");
  return runAction({ roleKeys: roleKeys.join(",") }, async () => {
    const ctx = await consoleCtx();
    await updateMemberRoles({ ctx, input: { membershipId: field(form, "membershipId"), roleKeys } });
    return "Roles updated.";
  });
}

export async function removeMemberAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    await removeMember({ ctx, input: { membershipId: field(form, "membershipId") } });
    return "Member removed.";
  });
}
