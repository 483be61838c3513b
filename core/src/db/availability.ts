import postgres from "postgres";

/**
 * Is the database there? Pages cannot answer 503 themselves (Next renders a failed server
 * component as a 500, and neither `error.tsx` nor a page can set the status), so each app's proxy
 * asks this before routing and answers 503 with `Retry-After` while the answer is no (ADR 0012).
 *
 * Asking must cost nothing while the database is up, since every request asks: the answer is a
 * flag. A *sentinel* — one idle connection of its own, never timed out — turns it: Postgres closes
 * every connection when it stops or crashes, the sentinel's close starts a probe, a failed probe
 * sets "down". While down, a probe runs at most every `probeIntervalMs` (driven by requests and by
 * an unref'd timer), and the first one that gets `select 1` through sets "up" again. Query errors
 * that mean the connection is gone (`noteError`) set "down" too, for the cases with no close to see
 * (a pooler in between keeps our side of the connection open).
 */

/** Seconds a client is told to wait (`Retry-After`) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const CONNECTION_LOST = new Set([
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // Postgres: shutting down, crashed, starting up, out of connection slots
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** SQLSTATE class 08 is "connection exception" (PgBouncer's "no server available" among them). */
const isConnectionClass = (code: string) => /^08[0-9A-Z]{3}$/.test(code);

/**
 * The error means the database could not be reached or dropped the connection — not that a
 * statement was wrong. Looks through drizzle's `cause` and Node's `AggregateError` (a host name
 * with several addresses fails with one error per address).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_LOST.has(code) || isConnectionClass(code))) return true;
    stack.push((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) stack.push(...inner);
  }
  return false;
}

/** The plain page (no theme: it lives in the database) and headers of a 503 while the database is away. */
export function databaseUnavailableResponse(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1d2330}main{max-width:32rem;padding:2rem}h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:.25rem 0;color:#4a5263}</style>
</head><body><main role="main"><h1>Temporarily unavailable</h1>
<p>We can't reach our database right now. Nothing you saved is lost.</p>
<p>This page will work again shortly — please try again in a few seconds.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(DATABASE_RETRY_AFTER_SECONDS),
    },
  });
}

export interface DatabaseHealthOptions {
  /** How long a probe may take before it counts as failed (connect included). */
  probeTimeoutMs?: number;
  /** While down, at most one probe per this interval. */
  probeIntervalMs?: number;
  /** Told about every change (for logs and metrics). */
  onChange?: (available: boolean, err?: unknown) => void;
}

export class DatabaseHealth {
  private down = false;
  private closed = false;
  private probing: Promise<boolean> | null = null;
  private lastProbeAt = 0;
  private sentinel: postgres.Sql | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly probeTimeoutMs: number;
  private readonly probeIntervalMs: number;

  constructor(
    private readonly url: string,
    private readonly opts: DatabaseHealthOptions = {},
  ) {
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 1_500;
    this.probeIntervalMs = opts.probeIntervalMs ?? 500;
  }

  /** The current answer, without waiting. */
  get available(): boolean {
    return !this.down;
  }

  /** Open the sentinel (in the background) so that an outage is seen before a request trips on it. */
  start(): this {
    void this.check();
    return this;
  }

  /**
   * The gate: true at once while up; while down, true only if a probe (at most one per interval,
   * shared by concurrent callers) gets through now.
   */
  async ready(): Promise<boolean> {
    if (!this.down) return true;
    if (this.probing) return this.probing;
    if (Date.now() - this.lastProbeAt < this.probeIntervalMs) return false;
    return this.check();
  }

  /** A query failed: if the connection is gone, stop routing to the database until a probe succeeds. */
  noteError(err: unknown): void {
    if (this.closed || !isDatabaseUnreachable(err)) return;
    this.setDown(err);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    const s = this.sentinel;
    this.sentinel = null;
    await s?.end({ timeout: 0 }).catch(() => {});
  }

  /** Probe now (one at a time): `select 1` on the sentinel within the timeout. */
  check(): Promise<boolean> {
    if (this.closed) return Promise.resolve(!this.down);
    this.probing ??= this.probe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async probe(): Promise<boolean> {
    this.lastProbeAt = Date.now();
    const sql = this.openSentinel();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error("database probe timed out"), { code: "ETIMEDOUT" })),
            this.probeTimeoutMs,
          );
        }),
      ]);
      this.setUp();
      return true;
    } catch (err) {
      // A hung connection must not answer the next probe: start afresh.
      if (this.sentinel === sql) {
        this.sentinel = null;
        void sql.end({ timeout: 0 }).catch(() => {});
      }
      if (!this.closed) this.setDown(err);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private openSentinel(): postgres.Sql {
    this.sentinel ??= postgres(this.url, {
      max: 1,
      // Held open on purpose: its close is how an outage is noticed.
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: this.probeTimeoutMs / 1000,
      // Retry at once: probes are already spaced by probeIntervalMs.
      backoff: () => 0,
      fetch_types: false,
      prepare: false,
      onnotice: () => {},
      connection: { application_name: "musicalwheel_health" },
      onclose: () => {
        if (!this.closed && !this.down) void this.check();
      },
    });
    return this.sentinel;
  }

  private setDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.opts.onChange?.(false, err);
    // Recovery is noticed without traffic too (readiness probes, metrics); never holds the process.
    this.timer = setInterval(() => void this.check(), this.probeIntervalMs);
    this.timer.unref?.();
  }

  private setUp(): void {
    if (!this.down) return;
    this.down = false;
    this.stopTimer();
    this.opts.onChange?.(true);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
