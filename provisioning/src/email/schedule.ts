import type { JobQueue } from "../engine/types";

export const SEND_EMAIL_TASK = "email:send";

export interface SendEmailPayload {
  tenantId: string;
  outboxId: string;
}

/** Attempts per e-mail: Resend's rate limits and outages pass within graphile's backoff (~3 h in total). */
export const EMAIL_MAX_ATTEMPTS = 10;

export const emailJobKey = (outboxId: string) => `email:${outboxId}`;

/**
 * Deliver an outbox row soon. Called after the row's transaction committed. A job already
 * waiting for the row (or sending it right now) is left alone, so its backoff is not reset.
 */
export async function scheduleEmail(
  queue: JobQueue,
  email: SendEmailPayload,
  mode: "keep-existing" | "replace" = "keep-existing",
): Promise<void> {
  await queue.addJob(SEND_EMAIL_TASK, email satisfies SendEmailPayload, {
    jobKey: emailJobKey(email.outboxId),
    maxAttempts: EMAIL_MAX_ATTEMPTS,
    jobKeyMode: mode === "replace" ? "replace" : "unsafe_dedupe",
  });
}
