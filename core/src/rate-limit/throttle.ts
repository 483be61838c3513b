import { ServiceUnavailableError, TooManyAttemptsError } from "../errors";
import { log } from "../observability/log";
import {
  clientBucket,
  type LimitRule,
  limiterKeys,
  lockSecondsAfter,
  type PathPolicy,
  pastAllowance,
  retryMessage,
  ruleForClient,
} from "./policy";
import { type LimiterStore, memoryStore } from "./store";

/** Who is trying: the account (already a limiter key, see `limiterKeys`) and where from. */
export interface ThrottleSubject {
  /** Limiter key of the account, e.g. `limiterKeys.tenantAccount(tenantId, email)`. */
  accountKey?: string;
  /** What a person reads in the lock event: the e-mail. */
  accountLabel?: string;
  ip?: string | null;
  tenantId?: string | null;
  userAgent?: string | null;
  requestId?: string;
}

export interface LockEvent {
  path: string;
  scope: "account" | "client";
  subject: string;
  /** `<counter>:<key>` — what an unlock deletes. */
  limiterKey: string;
  count: number;
  seconds: number;
  until: Date;
  tenantId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Where locks are recorded (tenant audit chain, platform security events). Must not throw. */
export type LockSink = (event: LockEvent) => Promise<void>;

interface Slot {
  scope: "account" | "client";
  counter: string;
  key: string;
  label: string;
  rule: LimitRule;
  count: number;
  /** This attempt holds the one try allowed after a lock (back-off territory). */
  gated: boolean;
}

/** One guarded attempt: say how it went exactly once. */
export interface Attempt {
  /** The credential was wrong, or the request counts regardless: may lock. Returns the lock set (s). */
  fail(): Promise<number>;
  succeed(): Promise<void>;
}

const UNAVAILABLE = "Sign-in is temporarily unavailable. Please try again in a minute.";

/**
 * Sign-in throttle: per account and per client address, with a growing lock once a rule's
 * allowance is spent. `begin` refuses a locked subject before any password is checked, and holds
 * a ticket in each counter for the attempt's duration, so a burst of parallel requests cannot
 * spend more than the allowance: past it, only one attempt per lock gets through (a gate in the
 * store that the first comer takes atomically).
 */
export class AuthThrottle {
  private readonly fallback: LimiterStore;
  constructor(
    private readonly store: LimiterStore,
    private readonly sink: LockSink,
    fallback?: LimiterStore,
  ) {
    this.fallback = fallback ?? memoryStore();
  }

  async begin(policy: PathPolicy, subject: ThrottleSubject): Promise<Attempt> {
    const bucket = clientBucket(subject.ip);
    const slots: Omit<Slot, "count" | "gated">[] = [];
    if (policy.account && policy.counters.account && subject.accountKey) {
      slots.push({
        scope: "account",
        counter: policy.counters.account,
        key: subject.accountKey,
        label: subject.accountLabel ?? subject.accountKey,
        rule: policy.account,
      });
    }
    slots.push({
      scope: "client",
      counter: policy.counters.client,
      key: limiterKeys.client(bucket),
      label: bucket,
      rule: ruleForClient(policy.client, bucket),
    });

    return this.withStore(policy, async (store) => {
      const locked = await Promise.all(slots.map((s) => store.lockedFor(s.counter, s.key)));
      const wait = Math.max(...locked);
      if (wait > 0) throw tooManyAttempts(wait / 1000);

      const counted: Slot[] = await Promise.all(
        slots.map(async (s) => ({
          ...s,
          count: await store.count(s.counter, s.key, s.rule.windowSeconds),
          gated: false,
        })),
      );
      // Past the allowance each try must take the gate, which stays shut for the lock it would
      // earn; a concurrent try finds it shut and is refused without its count.
      let refusedFor = 0;
      for (const s of counted) {
        if (!pastAllowance(s.count, s.rule)) continue;
        const gate = await store.gate(s.counter, s.key, lockSecondsAfter(s.count, s.rule));
        if (gate.ok) s.gated = true;
        else refusedFor = Math.max(refusedFor, gate.msBeforeNext);
      }
      if (refusedFor > 0) {
        await Promise.all(
          counted.map(async (s) => {
            await store.refund(s.counter, s.key, s.rule.windowSeconds);
            if (s.gated) await store.unlock(s.counter, s.key);
          }),
        );
        throw tooManyAttempts(refusedFor / 1000);
      }
      return this.attempt(policy, subject, counted);
    });
  }

  private attempt(policy: PathPolicy, subject: ThrottleSubject, slots: Slot[]): Attempt {
    let settled = false;
    const once = () => {
      if (settled) throw new Error("attempt already settled");
      settled = true;
    };
    const lockAll = async (store: LimiterStore, which: Slot[]) => {
      let longest = 0;
      for (const s of which) {
        const seconds = lockSecondsAfter(s.count, s.rule);
        if (seconds <= 0) continue;
        await store.lock(s.counter, s.key, seconds);
        longest = Math.max(longest, seconds);
        await this.sink({
          path: policy.path,
          scope: s.scope,
          subject: s.label,
          limiterKey: `${s.counter}:${s.key}`,
          count: s.count,
          seconds,
          until: new Date(Date.now() + seconds * 1000),
          tenantId: subject.tenantId ?? null,
          ip: subject.ip ?? null,
          userAgent: subject.userAgent ?? null,
          requestId: subject.requestId ?? null,
        });
      }
      return longest;
    };
    return {
      fail: async () => {
        once();
        return this.withStore(policy, (store) => lockAll(store, slots));
      },
      succeed: async () => {
        once();
        await this.withStore(policy, async (store) => {
          const keep = slots.filter((s) => s.rule.onSuccess === "keep");
          for (const s of slots) {
            if (s.rule.onSuccess === "reset") await store.reset(s.counter, s.key);
            if (s.rule.onSuccess === "refund") await store.refund(s.counter, s.key, s.rule.windowSeconds);
            if (s.rule.onSuccess !== "keep" && s.gated) await store.unlock(s.counter, s.key);
          }
          // Requests that count either way (e-mail sent) lock like failures once over the allowance.
          if (keep.length > 0) await lockAll(store, keep);
        });
      },
    };
  }

  /** Lift every lock and forget the count for one limiter key (`<counter>:<key>`). */
  async unlock(limiterKey: string): Promise<void> {
    const i = limiterKey.indexOf(":");
    const counter = limiterKey.slice(0, i);
    const key = limiterKey.slice(i + 1);
    await this.store.unlock(counter, key);
    await this.store.reset(counter, key);
  }

  /**
   * Store failures: `closed` paths refuse (with a 503, not a lock message); the others carry on
   * with this process's memory limiter, so limits still hold per process while the store is out.
   */
  private async withStore<T>(policy: PathPolicy, fn: (store: LimiterStore) => Promise<T>): Promise<T> {
    try {
      return await fn(this.store);
    } catch (err) {
      if (err instanceof TooManyAttemptsError) throw err;
      log.error(
        { store: this.store.kind, path: policy.path, err: err instanceof Error ? err.message : String(err) },
        "rate-limit store failed",
      );
      if (policy.onStoreFailure === "closed") throw new ServiceUnavailableError(UNAVAILABLE);
      return fn(this.fallback);
    }
  }
}

/** The refusal for a lock of `seconds`, with the wait in its message. */
export function tooManyAttempts(seconds: number): TooManyAttemptsError {
  const s = Math.max(1, Math.ceil(seconds));
  return new TooManyAttemptsError(retryMessage(s), s);
}
