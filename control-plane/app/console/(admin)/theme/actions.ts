"use server";

import { can } from "@mw/core/authz";
import { renderInvitationEmail, renderMagicLinkEmail } from "@mw/core/email";
import type { ActionResult } from "@mw/core/transport";
import { publishTheme, rollbackTheme, saveThemeDraft } from "@mw/core/verbs";
import type { ThemeTokensInput } from "@mw/themes";
import { field, runAction } from "../../../../lib/console/action";
import { revalidateTenantRuntime } from "../../../../lib/console/revalidate";
import { invitationLink, platformOrigin } from "../../../../lib/console/site";
import { consoleCtx } from "../../../../lib/console-session";

/** The editor posts the whole token set as one JSON field; the verb validates every part of it. */
function tokensFrom(form: FormData): unknown {
  try {
    return JSON.parse(field(form, "tokens"));
  } catch {
    return null;
  }
}

export async function saveDraftAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const { theme, contrast } = await saveThemeDraft({ ctx, input: { tokens: tokensFrom(form) } });
    const errors = contrast.filter((i) => i.level === "error").length;
    const note =
      errors > 0 ? ` It has ${errors} contrast error${errors === 1 ? "" : "s"} to fix before publishing.` : "";
    return `Draft saved as version ${theme.version}.${note}`;
  });
}

/**
 * Publish what the editor shows: save it as the draft first (when the admin may edit), so
 * "Publish" never ships a stale draft that differs from the preview they approved.
 */
export async function publishAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    if (form.has("tokens") && can(ctx.ability, "theme.update")) {
      await saveThemeDraft({ ctx, input: { tokens: tokensFrom(form) } });
    }
    const published = await publishTheme({ ctx });
    await revalidateTenantRuntime(ctx.tenant.id);
    return `Version ${published.version} is live on your site.`;
  });
}

export async function rollbackAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const restored = await rollbackTheme({ ctx, input: { version: Number(field(form, "version")) } });
    await revalidateTenantRuntime(ctx.tenant.id);
    return `Rolled back: version ${restored.version} (a copy of version ${restored.restoredFrom}) is live.`;
  });
}

export type EmailPreview = { ok: true; subject: string; html: string } | { ok: false; message: string };

/**
 * Render an e-mail with the edited tokens exactly as the mailer would (react-email on the server),
 * for the editor's iframe. Nothing is sent; the link is a placeholder that leads nowhere.
 */
export async function previewEmailAction(kind: "invitation" | "magic_link", tokens: unknown): Promise<EmailPreview> {
  const ctx = await consoleCtx();
  if (!can(ctx.ability, "theme.read")) return { ok: false, message: "You cannot view the theme." };
  const tenantName = ctx.console.tenant.name;
  const user = ctx.console.session.user;
  try {
    const email =
      kind === "invitation"
        ? await renderInvitationEmail({
            tenantName,
            tokens: tokens as ThemeTokensInput,
            link: invitationLink(ctx.tenant.slug, "preview"),
            inviterName: user.name || user.email,
            roleNames: ["Member"],
            expiresInDays: 7,
          })
        : await renderMagicLinkEmail({
            tenantName,
            tokens: tokens as ThemeTokensInput,
            link: `${platformOrigin(ctx.tenant.slug)}/auth/magic?token=preview`,
            expiresInMinutes: 15,
          });
    return { ok: true, subject: email.subject, html: email.html };
  } catch {
    // Invalid tokens are shown field by field in the editor already; no need to repeat them here.
    return { ok: false, message: "Fix the highlighted theme fields to see the e-mail preview." };
  }
}
