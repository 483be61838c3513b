import { createHash } from "node:crypto";
import type { CreateEmailResponseSuccess, GetEmailResponseSuccess, ListEmail } from "resend";
import type { EmulatorClock } from "../shared/clock";
import { parseMailbox, type SendEmailBody } from "./send-email-schema";

/** One accepted `POST /emails`, with what the client sent kept verbatim for assertions. */
export interface EmulatedEmail {
  id: string;
  createdAt: Date;
  /** The JSON body exactly as received (parsed, nothing normalized or defaulted). */
  requestBody: unknown;
  /** The same body after validation (address fields normalized to arrays). */
  body: SendEmailBody;
  /** The `Idempotency-Key` header, if the client sent one. */
  idempotencyKey: string | null;
  userAgent: string | null;
}

/** Resend prints timestamps the way Postgres does: microseconds and an explicit `+00:00`. */
export function resendTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

const orNull = (list: string[] | undefined): string[] | null => (list && list.length > 0 ? list : null);

/** The email as `GET /emails/{id}` returns it. Delivery is instant here, so `last_event` is `delivered`. */
export function toEmailObject(email: EmulatedEmail): GetEmailResponseSuccess {
  return {
    object: "email",
    id: email.id,
    to: email.body.to,
    from: email.body.from,
    created_at: resendTimestamp(email.createdAt),
    subject: email.body.subject,
    html: email.body.html ?? null,
    text: email.body.text ?? null,
    bcc: orNull(email.body.bcc),
    cc: orNull(email.body.cc),
    reply_to: orNull(email.body.reply_to),
    last_event: "delivered",
    scheduled_at: null,
    tags: email.body.tags ?? [],
    message_id: `<${email.id}@emulator.resend.local>`,
    topic_id: email.body.topic_id ?? null,
  };
}

/** A list entry of `GET /emails` (Resend leaves out html, text and tags there). */
export function toListEmail(email: EmulatedEmail): ListEmail {
  const { html: _html, text: _text, tags: _tags, object: _object, ...rest } = toEmailObject(email);
  return rest;
}

/** What the dev mailbox shows: the email object plus what only the emulator knows. */
export function toMailboxEntry(email: EmulatedEmail) {
  return {
    ...toEmailObject(email),
    headers: email.body.headers ?? {},
    attachments: (email.body.attachments ?? []).map((a) => ({
      filename: a.filename ?? null,
      content_type: a.content_type ?? null,
      path: a.path ?? null,
      size: a.content ? Buffer.byteLength(a.content, "base64") : null,
    })),
    idempotency_key: email.idempotencyKey,
  };
}

export type MailboxEntry = ReturnType<typeof toMailboxEntry>;

const addressOf = (entry: string): string => (parseMailbox(entry)?.address ?? entry).toLowerCase();

/** Every email the emulator accepted, in memory. Lists are newest first, like Resend's. */
export class EmailStore {
  #emails: EmulatedEmail[] = [];
  #byId = new Map<string, EmulatedEmail>();

  add(email: EmulatedEmail): void {
    this.#emails.push(email);
    this.#byId.set(email.id, email);
  }

  get(id: string): EmulatedEmail | undefined {
    return this.#byId.get(id);
  }

  /** Newest first. */
  list(): EmulatedEmail[] {
    return [...this.#emails].reverse();
  }

  /** Newest first; `to` matches the address in `to`, `cc` or `bcc`, case-insensitively, with or without a name. */
  find(filter: { to?: string } = {}): EmulatedEmail[] {
    const wanted = filter.to ? addressOf(filter.to) : null;
    return this.list().filter(
      (email) =>
        wanted === null ||
        [...email.body.to, ...(email.body.cc ?? []), ...(email.body.bcc ?? [])].some((e) => addressOf(e) === wanted),
    );
  }

  get size(): number {
    return this.#emails.length;
  }

  clear(): void {
    this.#emails = [];
    this.#byId.clear();
  }
}

/** Resend keeps an idempotency key for 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface IdempotentRecord {
  fingerprint: string;
  response: CreateEmailResponseSuccess;
  storedAt: number;
}

/**
 * Idempotency keys per API key (Resend scopes them to the account): same key and same body replay
 * the first response, same key and another body is a conflict. Only successful sends are kept, so
 * a request that failed validation or hit an injected failure can be retried with its key.
 */
export class IdempotencyStore {
  #records = new Map<string, IdempotentRecord>();

  constructor(private readonly clock: EmulatorClock) {}

  // The scope is a hash so the emulator never holds API keys in its state.
  #slot(apiKey: string, key: string): string {
    return `${createHash("sha256").update(apiKey).digest("hex")}:${key}`;
  }

  lookup(apiKey: string, key: string): IdempotentRecord | undefined {
    const slot = this.#slot(apiKey, key);
    const record = this.#records.get(slot);
    if (record && this.clock.now().getTime() - record.storedAt >= IDEMPOTENCY_TTL_MS) {
      this.#records.delete(slot);
      return undefined;
    }
    return record;
  }

  remember(apiKey: string, key: string, fingerprint: string, response: CreateEmailResponseSuccess): void {
    this.#records.set(this.#slot(apiKey, key), { fingerprint, response, storedAt: this.clock.now().getTime() });
  }

  clear(): void {
    this.#records.clear();
  }
}
