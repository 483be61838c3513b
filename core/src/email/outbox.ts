import type { ThemeTokens } from "@mw/themes";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { TenantTx } from "../db/client";
import { emailOutbox } from "../db/schema/index";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { EmailSchema } from "../invitations/create";
import { parseInput } from "../validation";
import {
  DunningRestoredEmailInput,
  DunningRestrictedEmailInput,
  PaymentFailedEmailInput,
  renderDunningRestoredEmail,
  renderDunningRestrictedEmail,
  renderPaymentFailedEmail,
} from "./billing-dunning";
import { DomainVerifiedEmailInput, renderDomainVerifiedEmail } from "./domain-verified";
import type { RenderedEmail } from "./input";
import { InvitationEmailInput, renderInvitationEmail } from "./invitation";
import { MagicLinkEmailInput, renderMagicLinkEmail } from "./magic-link";
import {
  renderSignUpConfirmEmail,
  renderSignUpExistingEmail,
  SignUpConfirmEmailInput,
  SignUpExistingEmailInput,
} from "./sign-up";
import { renderTrialEndingEmail, TrialEndingEmailInput } from "./trial-ending";
import { renderWelcomeEmail, WelcomeEmailInput } from "./welcome";

/**
 * What an outbox row may hold per template: the template's input minus the brand (tenant name and
 * theme), which the sender reads when it delivers, so a mail queued before a theme change still
 * goes out in the tenant's current colours.
 */
export const OUTBOX_TEMPLATES = {
  invitation: InvitationEmailInput.omit({ tenantName: true, tokens: true }),
  welcome: WelcomeEmailInput.omit({ tenantName: true, tokens: true }),
  domain_verified: DomainVerifiedEmailInput.omit({ tenantName: true, tokens: true }),
  magic_link: MagicLinkEmailInput.omit({ tenantName: true, tokens: true }),
  signup_confirm: SignUpConfirmEmailInput.omit({ tenantName: true, tokens: true }),
  signup_existing: SignUpExistingEmailInput.omit({ tenantName: true, tokens: true }),
  billing_payment_failed: PaymentFailedEmailInput.omit({ tenantName: true, tokens: true }),
  billing_restricted: DunningRestrictedEmailInput.omit({ tenantName: true, tokens: true }),
  billing_restored: DunningRestoredEmailInput.omit({ tenantName: true, tokens: true }),
  billing_trial_ending: TrialEndingEmailInput.omit({ tenantName: true, tokens: true }),
} as const;

export type OutboxTemplate = keyof typeof OUTBOX_TEMPLATES;
export type OutboxPayload<T extends OutboxTemplate> = z.input<(typeof OUTBOX_TEMPLATES)[T]>;

export function isOutboxTemplate(value: string): value is OutboxTemplate {
  return Object.hasOwn(OUTBOX_TEMPLATES, value);
}

export interface EnqueuedEmail {
  id: string;
  tenantId: string;
  /** False when a row with this idempotency key already existed (a re-run of the caller). */
  created: boolean;
}

/**
 * Queue a transactional e-mail in the caller's tenant transaction, so it exists if and only if the
 * change that causes it commits. The idempotency key is unique across the outbox: a second call
 * with the same key returns the first row instead of queueing the mail twice. Delivery is the
 * caller's to schedule after commit (provisioning's `email:send` job).
 */
export async function enqueueEmail<T extends OutboxTemplate>(
  tx: TenantTx,
  email: { template: T; to: string; payload: OutboxPayload<T>; idempotencyKey: string },
): Promise<EnqueuedEmail> {
  if (!email.idempotencyKey || email.idempotencyKey.length > 256) {
    throw new TypeError("idempotencyKey must be 1–256 characters");
  }
  const to = parseInput(EmailSchema, email.to);
  const payload = parseInput(OUTBOX_TEMPLATES[email.template], email.payload);
  const [inserted] = await tx
    .insert(emailOutbox)
    .values({
      id: newId("email"),
      tenantId: tx.tenantId,
      template: email.template,
      to,
      payload,
      idempotencyKey: email.idempotencyKey,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  if (inserted) return { id: inserted.id, tenantId: tx.tenantId, created: true };
  const [existing] = await tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, tx.tenantId), eq(emailOutbox.idempotencyKey, email.idempotencyKey)));
  // Not visible under RLS: the key belongs to another tenant's mail.
  if (!existing) throw new ConflictError("This e-mail idempotency key is already in use.");
  return { id: existing.id, tenantId: tx.tenantId, created: false };
}

/**
 * Asks the e-mail worker to deliver this row now, in the caller's transaction: the job exists if
 * and only if the row does, and the worker hears of it at commit (graphile-worker's NOTIFY), so a
 * person waiting for a link has it within a second or two while the request itself did no more
 * than two inserts. Without the worker's schema (no worker ever ran here) the outbox sweep picks
 * the row up later. `mw_schedule_outbox_email` checks that the row is the tenant's and pending.
 */
export async function deliverSoon(tx: TenantTx, email: EnqueuedEmail): Promise<void> {
  await tx.$sql`select mw_schedule_outbox_email(${email.id})`;
}

/** Renders a stored outbox row with the tenant's brand as it is now. */
export async function renderOutboxEmail(
  template: string,
  payload: unknown,
  brand: { tenantName: string; tokens: ThemeTokens },
): Promise<RenderedEmail> {
  const input = { ...(payload as Record<string, unknown>), tenantName: brand.tenantName, tokens: brand.tokens };
  switch (template) {
    case "invitation":
      return renderInvitationEmail(input as z.input<typeof InvitationEmailInput>);
    case "welcome":
      return renderWelcomeEmail(input as z.input<typeof WelcomeEmailInput>);
    case "domain_verified":
      return renderDomainVerifiedEmail(input as z.input<typeof DomainVerifiedEmailInput>);
    case "magic_link":
      return renderMagicLinkEmail(input as z.input<typeof MagicLinkEmailInput>);
    case "signup_confirm":
      return renderSignUpConfirmEmail(input as z.input<typeof SignUpConfirmEmailInput>);
    case "signup_existing":
      return renderSignUpExistingEmail(input as z.input<typeof SignUpExistingEmailInput>);
    case "billing_payment_failed":
      return renderPaymentFailedEmail(input as z.input<typeof PaymentFailedEmailInput>);
    case "billing_restricted":
      return renderDunningRestrictedEmail(input as z.input<typeof DunningRestrictedEmailInput>);
    case "billing_restored":
      return renderDunningRestoredEmail(input as z.input<typeof DunningRestoredEmailInput>);
    case "billing_trial_ending":
      return renderTrialEndingEmail(input as z.input<typeof TrialEndingEmailInput>);
    default:
      throw new TypeError(`unknown outbox template "${template}"`);
  }
}
