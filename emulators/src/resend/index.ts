export type { ResendErrorBody, ResendErrorName } from "./errors";
export { FailureSpec } from "./failures";
export { type Mailbox, parseMailbox, SendEmailBody } from "./send-email-schema";
export {
  type ResendEmulator,
  type ResendEmulatorOptions,
  startResendEmulator,
} from "./server";
export {
  EmailStore,
  type EmulatedEmail,
  IDEMPOTENCY_TTL_MS,
  type MailboxEntry,
  resendTimestamp,
  toEmailObject,
  toListEmail,
  toMailboxEntry,
} from "./store";
