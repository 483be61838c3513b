import { createHash } from "node:crypto";
import { isIP } from "node:net";

/**
 * The sign-in throttle's rules and arithmetic, free of I/O so they can be reasoned about and tested
 * on their own. A rule counts events (failures, or every attempt) per key inside a window; once the
 * count reaches `lockAfter`, every further counted event locks the key for a doubling time, capped.
 */
export interface LimitRule {
  /** The count at which the first lock starts (the `lockAfter`-th failure is still answered). */
  lockAfter: number;
  /** Length of the first lock; each further counted event doubles it. */
  baseLockSeconds: number;
  maxLockSeconds: number;
  /** Counts are forgotten this long after the first one of a series. */
  windowSeconds: number;
  /**
   * What an attempt that succeeded does to the count: `reset` forgets the series (a member who
   * finally typed the right password), `refund` takes back just this attempt (the address bucket,
   * which an attacker's own account must not wipe clean), `keep` counts it like any other
   * (requests that send e-mail count whether or not anybody receives one).
   */
  onSuccess: "reset" | "refund" | "keep";
}

/** Seconds of lock after the `count`-th counted event; 0 while under the rule's allowance. */
export function lockSecondsAfter(count: number, rule: LimitRule): number {
  if (!Number.isFinite(count) || count < rule.lockAfter) return 0;
  const doublings = Math.min(count - rule.lockAfter, 30);
  return Math.min(rule.baseLockSeconds * 2 ** doublings, rule.maxLockSeconds);
}

/**
 * Past the allowance every try stands alone: it needs the gate (one try per lock) even though no
 * lock is in force right now, because the one it would earn is not written yet.
 */
export function pastAllowance(count: number, rule: LimitRule): boolean {
  return count > rule.lockAfter;
}

/**
 * Addresses we do not know share one bucket; the bucket is that much more lenient, since every
 * client without an address lands in it and one attacker there must not lock everyone out quickly.
 */
export const UNKNOWN_CLIENT = "unknown";
export const UNKNOWN_CLIENT_FACTOR = 5;

export function ruleForClient(rule: LimitRule, bucket: string): LimitRule {
  return bucket === UNKNOWN_CLIENT ? { ...rule, lockAfter: rule.lockAfter * UNKNOWN_CLIENT_FACTOR } : rule;
}

/**
 * The bucket an address counts against: IPv4 as is (also when IPv4-mapped), IPv6 by its /64,
 * which is what one subscriber or one cloud VM gets — keying by the full address would give an
 * attacker 2^64 fresh buckets. Anything unparseable is the unknown bucket.
 */
export function clientBucket(ip: string | null | undefined): string {
  const raw = (ip ?? "").trim().replace(/^\[|\]$/g, "");
  if (!raw) return UNKNOWN_CLIENT;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  const kind = isIP(raw);
  if (kind === 4) return raw;
  if (kind !== 6) return UNKNOWN_CLIENT;
  const hextets = expandIpv6(raw.split("%")[0] ?? raw);
  return hextets ? `${hextets.slice(0, 4).join(":")}::/64` : UNKNOWN_CLIENT;
}

function expandIpv6(addr: string): string[] | null {
  const [head = "", tail, ...rest] = addr.toLowerCase().split("::");
  if (rest.length > 0) return null;
  const part = (s: string) => (s ? s.split(":") : []);
  const toHex = (groups: string[]): string[] | null => {
    const out: string[] = [];
    for (const g of groups) {
      // An embedded IPv4 tail (`::1.2.3.4`) is two hextets.
      if (g.includes(".")) {
        const o = g.split(".").map(Number);
        if (o.length !== 4 || o.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return null;
        out.push((((o[0] ?? 0) << 8) | (o[1] ?? 0)).toString(16), (((o[2] ?? 0) << 8) | (o[3] ?? 0)).toString(16));
      } else out.push(Number.parseInt(g, 16).toString(16));
    }
    return out;
  };
  const left = toHex(part(head));
  const right = tail === undefined ? [] : toHex(part(tail));
  if (!left || !right) return null;
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return null;
  const all = [...left, ...Array.from({ length: fill }, () => "0"), ...right];
  return all.length === 8 ? all : null;
}

/** E-mail addresses never appear in limiter keys: both app roles can read the whole table. */
export function hashSubject(value: string): string {
  return createHash("sha256").update(value.trim().toLowerCase(), "utf8").digest("hex").slice(0, 32);
}

/** Limiter keys; the prefix is the rule's counter or lock namespace, added by the store. */
export const limiterKeys = {
  tenantAccount: (tenantId: string, email: string) => `acct:${tenantId}:${hashSubject(email)}`,
  staffAccount: (email: string) => `staff:${hashSubject(email)}`,
  client: (bucket: string) => `ip:${bucket}`,
};

/** "Too many attempts. Try again in 4 minutes." — rounded up, so the wait is never longer than said. */
export function retryMessage(seconds: number): string {
  return `Too many attempts. Try again in ${describeWait(seconds)}.`;
}

export function describeWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? "1 second" : `${s} seconds`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 120) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Wrong passwords for one account (tenant + e-mail, or a staff e-mail), on every sign-in form. */
const ACCOUNT_PASSWORD: LimitRule = {
  lockAfter: 5,
  baseLockSeconds: MINUTE,
  maxLockSeconds: HOUR,
  windowSeconds: 24 * HOUR,
  onSuccess: "reset",
};

/**
 * Failed credentials (passwords, sign-in links, invitation tokens) from one client address across
 * all accounts and tenants: password spraying. Generous enough for an office behind one NAT.
 */
const CLIENT_FAILURES: LimitRule = {
  lockAfter: 20,
  baseLockSeconds: 5 * MINUTE,
  maxLockSeconds: HOUR,
  windowSeconds: HOUR,
  onSuccess: "refund",
};

/** Sign-in links asked for one address: every request counts, sent or not (no oracle). */
const ACCOUNT_MAIL: LimitRule = {
  lockAfter: 3,
  baseLockSeconds: 5 * MINUTE,
  maxLockSeconds: HOUR,
  windowSeconds: HOUR,
  onSuccess: "keep",
};

/** Requests that send e-mail or create accounts from one client address. */
const CLIENT_MAIL: LimitRule = {
  lockAfter: 10,
  baseLockSeconds: 5 * MINUTE,
  maxLockSeconds: HOUR,
  windowSeconds: HOUR,
  onSuccess: "keep",
};

/**
 * What happens when the limiter's store fails. `local`: fall back to a per-process memory limiter
 * (the limits still hold per process; sign-in keeps working). `closed`: refuse, because the path
 * guards the whole platform and its users can wait for the store to come back.
 */
export type StoreFailureMode = "local" | "closed";

export interface PathPolicy {
  /** Names the path in events: `tenant.password`, `staff.password`, … */
  path: string;
  account?: LimitRule;
  client: LimitRule;
  /** Counters of the same name are shared between paths (one budget, however it is spent). */
  counters: { account?: string; client: string };
  onStoreFailure: StoreFailureMode;
}

export const AUTH_POLICIES = {
  /** Tenant site and tenant admin console: the same accounts, so the same counters. */
  tenantPassword: {
    path: "tenant.password",
    account: ACCOUNT_PASSWORD,
    client: CLIENT_FAILURES,
    counters: { account: "pw", client: "fail" },
    onStoreFailure: "local",
  },
  staffPassword: {
    path: "staff.password",
    account: ACCOUNT_PASSWORD,
    client: CLIENT_FAILURES,
    counters: { account: "pw", client: "fail" },
    onStoreFailure: "closed",
  },
  /** Sign-in links and invitations: a bad token is a failed credential from that address. */
  tokenRedeem: {
    path: "tenant.token",
    client: CLIENT_FAILURES,
    counters: { client: "fail" },
    onStoreFailure: "local",
  },
  magicLinkRequest: {
    path: "tenant.magic_link",
    account: ACCOUNT_MAIL,
    client: CLIENT_MAIL,
    counters: { account: "mail", client: "mail" },
    onStoreFailure: "local",
  },
  signUp: {
    path: "tenant.sign_up",
    account: ACCOUNT_MAIL,
    client: CLIENT_MAIL,
    counters: { account: "mail", client: "mail" },
    onStoreFailure: "local",
  },
} as const satisfies Record<string, PathPolicy>;
