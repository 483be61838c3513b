/** The pieces of @mw/core the workflows use most, gathered in one place. */

export { EmailSchema, INVITATION_TTL_MS, platformHostname, SlugSchema } from "@mw/core";
export {
  type EnqueuedEmail,
  enqueueEmail,
  isOutboxTemplate,
  OUTBOX_TEMPLATES,
  type OutboxPayload,
  type OutboxTemplate,
  renderOutboxEmail,
} from "@mw/core/email";
export {
  type DnsRecord,
  type DomainHosting,
  DomainHostingError,
  type DomainState,
  DomainTakenError,
} from "@mw/core/ports/domains";
