/** Outgoing transactional e-mail, already rendered (subject, HTML and plain text). */
export interface OutgoingEmail {
  /** Display name and address, e.g. `Aurora Records <no-reply@mail.musicalwheel.test>`. */
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Shown in the vendor's dashboard and our dev mailbox, e.g. `{ name: "template", value: "magic_link" }`. */
  tags?: { name: string; value: string }[];
}

/**
 * The mail port. Adapters (Resend) implement it; verbs receive it through `ctx.clients`.
 * `idempotencyKey` makes a retried send a no-op at the vendor.
 */
export interface Mailer {
  send(email: OutgoingEmail, opts: { idempotencyKey: string }): Promise<{ id: string }>;
}

/** A send the vendor refused or could not take; `retryable` tells a job whether to try again. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = "MailDeliveryError";
  }
}
