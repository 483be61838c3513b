export {
  DunningRestoredEmail,
  DunningRestoredEmailInput,
  DunningRestrictedEmail,
  DunningRestrictedEmailInput,
  PaymentFailedEmail,
  PaymentFailedEmailInput,
  renderDunningRestoredEmail,
  renderDunningRestrictedEmail,
  renderPaymentFailedEmail,
} from "./billing-dunning";
export { DomainVerifiedEmail, DomainVerifiedEmailInput, renderDomainVerifiedEmail } from "./domain-verified";
export { DisplayName, Hostname, HttpLink, type RenderedEmail } from "./input";
export { InvitationEmail, InvitationEmailInput, renderInvitationEmail } from "./invitation";
export { brandOf, type EmailBrand, EmailLayout } from "./layout";
export { MagicLinkEmail, MagicLinkEmailInput, renderMagicLinkEmail } from "./magic-link";
export {
  deliverSoon,
  type EnqueuedEmail,
  enqueueEmail,
  isOutboxTemplate,
  OUTBOX_TEMPLATES,
  type OutboxPayload,
  type OutboxTemplate,
  renderOutboxEmail,
} from "./outbox";
export { senderAddress } from "./sender";
export {
  renderSignUpConfirmEmail,
  renderSignUpExistingEmail,
  SignUpConfirmEmail,
  SignUpConfirmEmailInput,
  SignUpExistingEmail,
  SignUpExistingEmailInput,
} from "./sign-up";
export { renderTrialEndingEmail, TrialEndingEmail, TrialEndingEmailInput } from "./trial-ending";
export { renderWelcomeEmail, WelcomeEmail, WelcomeEmailInput } from "./welcome";
