"use server";

import { withTenant } from "@mw/core/db";
import { guardTokenRedeem } from "@mw/core/rate-limit";
import {
  confirmSignUp,
  consumeMagicLink,
  createSession,
  hashPassword,
  PasswordSchema,
  requestMagicLink,
  signInWithPassword,
  signOut,
  signUpWithPassword,
} from "@mw/core/sessions";
import { acceptInvitation } from "@mw/core/verbs";
import { redirect } from "next/navigation";
import { type ActionResult, formValues, safeNext, toActionResult } from "../../../../lib/action-result";
import { consoleLinkFor, tenantLinkOrigin } from "../../../../lib/host";
import { landingAfterSignIn } from "../../../../lib/landing";
import { withDone } from "../../../../lib/notices";
import { authCtx, clearSessionCookie, sessionToken, setSessionCookie } from "../../../../lib/session";
import { requireHostTenant } from "../../../../lib/tenant";

/** Links in e-mails go to the tenant's canonical host, never to one the request named. */
const linkOrigin = async () => tenantLinkOrigin(await requireHostTenant());

// Server actions: Next rejects cross-origin POSTs (Origin must match Host), and the tenant is
// always the Host's — nothing in the form can name another tenant.

export async function signInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["email", "next"]);
  let next: string;
  try {
    const ctx = await authCtx();
    const r = await signInWithPassword({
      ctx,
      input: { email: values.email ?? "", password: String(form.get("password") ?? "") },
    });
    await setSessionCookie(r.token, r.expiresAt);
    // A page the member asked for, else where their roles lead (a billing manager: the console).
    next = values.next ? safeNext(values.next) : await landingAfterSignIn(r.token);
  } catch (err) {
    return toActionResult(err, values);
  }
  redirect(onSite(next, "signed_in"));
}

/**
 * Sign-up always ends in "check your e-mail", whether or not the address has an account (ADR
 * 0007): a new address gets a confirmation link, an existing one a note to its owner.
 */
export async function signUpAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["name", "email"]);
  try {
    const ctx = await authCtx();
    const origin = await linkOrigin();
    const r = await signUpWithPassword({
      ctx,
      input: { name: values.name ?? "", email: values.email ?? "", password: String(form.get("password") ?? "") },
      confirmLinkFor: (token) => `${origin}/auth/confirm?token=${encodeURIComponent(token)}`,
      signInLink: `${origin}/sign-in`,
    });
    return {
      ok: true,
      message: `Check your e-mail: we sent a message to ${r.email} to finish signing up. The link works for ${r.expiresInMinutes} minutes.`,
    };
  } catch (err) {
    return toActionResult(err, values);
  }
}

/** The e-mailed confirmation, posted from its landing page (scanners that prefetch links change nothing). */
export async function confirmSignUpAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  let next: string;
  try {
    const r = await confirmSignUp({
      ctx: await authCtx(),
      input: { token: String(form.get("token") ?? "") },
      welcomeLink: `${await linkOrigin()}/artists`,
    });
    await setSessionCookie(r.token, r.expiresAt);
    next = await landingAfterSignIn(r.token);
  } catch (err) {
    return toActionResult(err);
  }
  redirect(onSite(next, "joined"));
}

export async function magicLinkAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["email"]);
  try {
    const ctx = await authCtx();
    const origin = await linkOrigin();
    await requestMagicLink({
      ctx,
      input: { email: values.email ?? "" },
      linkFor: (token) => `${origin}/auth/magic?token=${encodeURIComponent(token)}`,
    });
    return {
      ok: true,
      message: "If that address belongs to a member, a sign-in link is on its way. It works for 15 minutes.",
    };
  } catch (err) {
    return toActionResult(err, values);
  }
}

export async function signOutAction(): Promise<void> {
  const token = await sessionToken();
  if (token) await signOut({ ctx: await authCtx(), token });
  await clearSessionCookie();
  redirect(withDone("/", "signed_out"));
}

/**
 * Redeem an e-mailed sign-in link. It takes a POST from the confirmation page, not the GET of the
 * link itself, so mail scanners that prefetch links cannot burn them.
 */
export async function redeemMagicLinkAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  let next: string;
  try {
    const r = await consumeMagicLink({ ctx: await authCtx(), input: { token: String(form.get("token") ?? "") } });
    await setSessionCookie(r.token, r.expiresAt);
    next = await landingAfterSignIn(r.token);
  } catch (err) {
    return toActionResult(err);
  }
  redirect(onSite(next, "signed_in"));
}

export async function acceptInvitationAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["name"]);
  let next: string;
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    const ctx = await authCtx();
    const parsed = PasswordSchema.safeParse(password);
    if (!parsed.success) return { ok: false, fields: { password: parsed.error.issues.map((i) => i.message) }, values };
    const passwordHash = await hashPassword(parsed.data);
    const welcomeLink = `${await linkOrigin()}/artists`;
    // A wrong or stale invitation token counts against the client's address like a bad password.
    const joined = await guardTokenRedeem(ctx.database, { ...ctx, tenantId: ctx.tenant.id }, () =>
      acceptInvitation({
        ctx,
        input: { token, name: values.name ?? "" },
        passwordHash,
        welcomeLink,
        consoleLink: consoleLinkFor(ctx.tenant),
      }),
    );
    const session = await withTenant(ctx.database, ctx.tenant.id, (tx) =>
      createSession(tx, {
        userId: joined.user.id,
        membershipId: joined.membership.id,
        kind: "site",
        method: "invitation",
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      }),
    );
    await setSessionCookie(session.token, session.expiresAt);
    // Members to the site's content; a billing manager, who reads none, to the console's Billing.
    next = await landingAfterSignIn(session.token);
  } catch (err) {
    return toActionResult(err, values);
  }
  redirect(onSite(next, "joined"));
}

/** The toast code on a path of this site; a link to the console (another app) goes as it is. */
function onSite(next: string, code: "signed_in" | "joined"): string {
  return next.startsWith("/") ? withDone(next, code) : next;
}
