import { canonicalJson } from "../shared/http";
import { stripeErrors } from "./errors";
import type { FormObject } from "./form";

export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  /** Null while the first request with this key is still running. */
  response: StoredResponse | null;
  expiresAt: number;
}

/** Stripe keeps keys at least 24 hours. */
const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * `Idempotency-Key` on POSTs, as Stripe treats it: per API key; the same key with the same
 * endpoint and parameters replays the first response (`Idempotent-Replayed: true`); with other
 * parameters → 400 `idempotency_error`; while the first is running → 409 `idempotency_key_in_use`.
 * Requests refused before they ran (bad parameters, auth) are not remembered.
 */
export class IdempotencyStore {
  #entries = new Map<string, Entry>();

  begin(
    apiKey: string,
    key: string,
    method: string,
    path: string,
    params: FormObject,
    nowMs: number,
  ): { replay: StoredResponse } | { slot: string } {
    if (key.length > 255) throw stripeErrors.idempotencyKeyTooLong();
    const slot = `${apiKey}\u0000${key}`;
    const fingerprint = `${method} ${path} ${canonicalJson(params)}`;
    const existing = this.#entries.get(slot);
    if (existing && existing.expiresAt > nowMs) {
      if (existing.fingerprint !== fingerprint) throw stripeErrors.idempotencyMismatch(key);
      if (!existing.response) throw stripeErrors.idempotencyInUse();
      return { replay: existing.response };
    }
    this.#entries.set(slot, { fingerprint, response: null, expiresAt: nowMs + TTL_MS });
    return { slot };
  }

  finish(slot: string, response: StoredResponse | null): void {
    const entry = this.#entries.get(slot);
    if (!entry) return;
    if (response === null) this.#entries.delete(slot);
    else entry.response = response;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Finished entries, for persisting. */
  dump(): [string, unknown][] {
    return [...this.#entries].filter(([, e]) => e.response !== null);
  }

  load(entries: [string, unknown][]): void {
    this.#entries = new Map(entries as [string, Entry][]);
  }
}
