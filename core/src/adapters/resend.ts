import { type ErrorResponse, Resend } from "resend";
import { z } from "zod";
import { MailDeliveryError, type Mailer, type OutgoingEmail } from "../ports/mailer";

/** Resend's production API. Passed explicitly so the SDK never falls back to reading `RESEND_BASE_URL` itself. */
export const RESEND_API_URL = "https://api.resend.com";

const ResendMailerOptions = z.strictObject({
  apiKey: z.string().min(1, { error: "a Resend API key is required" }),
  /** Resend's API or an emulator speaking its protocol (`startResendEmulator().url`). */
  baseUrl: z
    .url({ protocol: /^https?$/, error: "baseUrl must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .default(RESEND_API_URL),
});

export type ResendMailerOptions = z.input<typeof ResendMailerOptions>;

/**
 * Whether a job should try a refused send again. Network failures (`statusCode === null` from a
 * failed fetch), rate limits and server errors pass with time; a concurrent request with the same
 * idempotency key resolves once the first finishes. Validation, auth and a key reused with another
 * body never will, and neither does an exhausted monthly quota.
 */
export function isRetryableResendError(error: Pick<ErrorResponse, "name" | "statusCode">): boolean {
  // The SDK also reports errors it raised locally (a bad path) with a null status; only the
  // failed fetch is `application_error`.
  if (error.statusCode === null) return error.name === "application_error";
  if (error.name === "monthly_quota_exceeded") return false;
  if (error.name === "concurrent_idempotent_requests") return true;
  return error.statusCode === 429 || error.statusCode >= 500;
}

/**
 * The Mailer port on the `resend` SDK. The SDK never throws for API errors: it returns
 * `{ data, error }`, and every `error` becomes a MailDeliveryError. The key lives only inside the
 * SDK client, in this closure: the returned object has nothing to log or serialize but `send`.
 */
export function createResendMailer(options: ResendMailerOptions): Mailer {
  const parsed = ResendMailerOptions.safeParse(options);
  if (!parsed.success) {
    // Report which option is wrong, never its value (one of them is the key).
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(", ");
    throw new TypeError(`Invalid Resend mailer options — ${fields}`);
  }
  const { apiKey, baseUrl } = parsed.data;
  const resend = new Resend(apiKey, { baseUrl });
  const redact = (text: string) => text.split(apiKey).join("re_[redacted]");

  return {
    async send(email: OutgoingEmail, { idempotencyKey }: { idempotencyKey: string }) {
      // The SDK silently drops an empty key, which would turn a retry into a second email.
      if (!idempotencyKey || idempotencyKey.length > 256) {
        throw new TypeError("idempotencyKey must be 1–256 characters");
      }
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          ...(email.tags?.length ? { tags: email.tags } : {}),
        },
        { idempotencyKey },
      );
      if (error) {
        const status = error.statusCode === null ? "network" : String(error.statusCode);
        throw new MailDeliveryError(
          redact(`Resend did not accept the email (${status} ${error.name}): ${error.message}`),
          isRetryableResendError(error),
          error.statusCode,
        );
      }
      if (!data?.id) throw new MailDeliveryError("Resend answered without an email id", true, null);
      return { id: data.id };
    },
  };
}
