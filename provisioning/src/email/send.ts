import { type Database, withTenant } from "@mw/core/db";
import { senderAddress } from "@mw/core/email";
import { DomainError } from "@mw/core/errors";
import { isId } from "@mw/core/ids";
import { MailDeliveryError, type Mailer } from "@mw/core/ports";
import { emailOutbox } from "@mw/core/schema";
import { parseThemeTokens, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import { and, eq, sql } from "drizzle-orm";
import { renderOutboxEmail } from "../core-internals";
import type { JobAttempt } from "../engine/advance";
import { describeError } from "../engine/errors";
import { fromAddress } from "../env";
import type { SendEmailPayload } from "./schedule";

export type SendOutcome = "sent" | "already-done" | "failed";

/** Thrown (after the outbox row is updated) so graphile-worker tries again with backoff. */
export class RetryableSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableSendError";
  }
}

interface Profile {
  name: string;
  theme_tokens: unknown;
}

/** The tenant's published theme, or a neutral preset under its name before it has one. */
function brandTokens(profile: Profile): ThemeTokens {
  const parsed = parseThemeTokens(profile.theme_tokens);
  if (parsed.ok) return parsed.tokens;
  const base = THEME_PRESETS.classic;
  return { ...base, email: { ...base.email, senderName: profile.name.slice(0, 64) || base.email.senderName } };
}

function isRetryable(err: unknown): boolean {
  if (err instanceof MailDeliveryError) return err.retryable;
  // Bad data (a payload that no longer renders) does not get better with time.
  return !(err instanceof DomainError || err instanceof TypeError);
}

/**
 * The `email:send` task: deliver one outbox row. The row is locked for the duration (a second job
 * for the same row skips it), rendered with the tenant's published theme (read through the
 * `tenant_profile` resolver, like the runtime does), sent with the row's idempotency key — so a
 * retry after a lost answer is the same e-mail at the vendor, not a second one — and marked sent
 * with the vendor's id in the same transaction.
 */
export async function sendOutboxEmail(
  deps: { database: Database; mailer: Mailer },
  payload: SendEmailPayload,
  job: JobAttempt,
): Promise<SendOutcome> {
  if (!isId("tenant", payload.tenantId)) return "already-done";
  let retry: unknown = null;
  const outcome = await withTenant(deps.database, payload.tenantId, async (tx): Promise<SendOutcome> => {
    const [row] = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, payload.tenantId), eq(emailOutbox.id, payload.outboxId)))
      .for("update", { skipLocked: true });
    if (row?.status !== "pending") return "already-done";
    const done = (set: Partial<typeof emailOutbox.$inferInsert>) =>
      tx
        .update(emailOutbox)
        .set({ ...set, attempts: sql`${emailOutbox.attempts} + 1` })
        .where(and(eq(emailOutbox.tenantId, row.tenantId), eq(emailOutbox.id, row.id)));

    const [profile] = await tx.$sql<Profile[]>`select name, theme_tokens from tenant_profile(${row.tenantId})`;
    if (!profile) {
      await done({ status: "failed", lastError: "the tenant no longer exists" });
      return "failed";
    }
    try {
      const tokens = brandTokens(profile);
      const message = await renderOutboxEmail(row.template, row.payload, { tenantName: profile.name, tokens });
      const { id } = await deps.mailer.send(
        {
          from: senderAddress(tokens, fromAddress()),
          to: row.to,
          ...message,
          tags: [{ name: "template", value: row.template }],
        },
        { idempotencyKey: row.idempotencyKey },
      );
      await done({ status: "sent", providerId: id, sentAt: new Date(), lastError: null });
      return "sent";
    } catch (err) {
      const last = !isRetryable(err) || job.attempts >= job.maxAttempts;
      await done(last ? { status: "failed", lastError: describeError(err) } : { lastError: describeError(err) });
      if (!last) retry = err;
      return "failed";
    }
  });
  // Thrown only after the attempt was recorded (the transaction committed).
  if (retry) throw new RetryableSendError(describeError(retry), { cause: retry });
  return outcome;
}
