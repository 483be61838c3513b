import { randomBytes } from "node:crypto";

// Crockford base32, lower-case: sortable, unambiguous, URL- and SQL-safe.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export const ID_PREFIXES = {
  tenant: "ten",
  domain: "dom",
  theme: "thm",
  user: "usr",
  membership: "mem",
  role: "rol",
  invitation: "inv",
  audit: "aud",
  staff: "stf",
  session: "ses",
  apiKey: "key",
  request: "req",
  artist: "art",
  event: "evt",
  magicLink: "mlk",
  run: "prv",
  email: "eml",
  securityEvent: "sev",
  signupRequest: "sur",
  usageRecord: "usg",
  /** A usage report's id is also its Stripe meter event `identifier`. */
  usageReport: "mtr",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/**
 * Prefixed, time-sortable id (48-bit millisecond time + 80 random bits, like a ULID),
 * e.g. `ten_01jd6x9k3s0f7q2m5v8c1a4b6e`. The prefix tells a reader what an id is at a glance.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let rand = "";
  // 80 bits → 16 base32 characters, 5 bits at a time.
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      rand += ALPHABET[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return `${ID_PREFIXES[kind]}_${time}${rand}`;
}

const ID_BODY = /^[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(kind: IdKind, value: unknown): value is string {
  if (typeof value !== "string") return false;
  const prefix = `${ID_PREFIXES[kind]}_`;
  return value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}
