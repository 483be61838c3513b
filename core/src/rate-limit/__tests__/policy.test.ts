import { describe, expect, it } from "vitest";
import {
  AUTH_POLICIES,
  clientBucket,
  describeWait,
  hashSubject,
  type LimitRule,
  limiterKeys,
  lockSecondsAfter,
  pastAllowance,
  retryMessage,
  ruleForClient,
  UNKNOWN_CLIENT,
} from "../policy";

const rule: LimitRule = {
  lockAfter: 5,
  baseLockSeconds: 60,
  maxLockSeconds: 3600,
  windowSeconds: 86_400,
  onSuccess: "reset",
};

describe("back-off schedule", () => {
  it("allows the first failures, then locks for a doubling time up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => lockSecondsAfter(n, rule))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 40].map((n) => lockSecondsAfter(n, rule))).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it("never grows past the cap or overflows for absurd counts", () => {
    expect(lockSecondsAfter(1_000_000, rule)).toBe(3600);
    expect(lockSecondsAfter(Number.NaN, rule)).toBe(0);
    expect(lockSecondsAfter(0, rule)).toBe(0);
  });

  it("knows when an attempt is past the allowance", () => {
    expect(pastAllowance(5, rule)).toBe(false);
    expect(pastAllowance(6, rule)).toBe(true);
  });

  it("makes the shared unknown-address bucket more lenient, and only that one", () => {
    expect(ruleForClient(rule, UNKNOWN_CLIENT).lockAfter).toBe(25);
    expect(ruleForClient(rule, "203.0.113.9")).toBe(rule);
  });

  it("locks every sign-in path after a handful of wrong passwords, well before 30", () => {
    for (const p of [AUTH_POLICIES.tenantPassword, AUTH_POLICIES.staffPassword]) {
      expect(lockSecondsAfter(5, p.account)).toBeGreaterThan(0);
      expect(p.account.onSuccess).toBe("reset");
      // The address bucket must not be wiped by the attacker's own successful sign-in.
      expect(p.client.onSuccess).toBe("refund");
    }
    expect(AUTH_POLICIES.staffPassword.onStoreFailure).toBe("closed");
    expect(AUTH_POLICIES.tenantPassword.onStoreFailure).toBe("local");
  });
});

describe("client buckets", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::ffff", "2001:db8:1:2::/64"],
    ["[2001:DB8::1]", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    [null, UNKNOWN_CLIENT],
    ["", UNKNOWN_CLIENT],
    ["not-an-ip", UNKNOWN_CLIENT],
    ["999.1.1.1", UNKNOWN_CLIENT],
  ])("%s → %s", (ip, bucket) => {
    expect(clientBucket(ip)).toBe(bucket);
  });

  it("puts every address of one IPv6 /64 in one bucket", () => {
    expect(clientBucket("2001:db8:aa:bb:1::1")).toBe(clientBucket("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
    expect(clientBucket("2001:db8:aa:bb::1")).not.toBe(clientBucket("2001:db8:aa:bc::1"));
  });
});

describe("keys and messages", () => {
  it("never puts an e-mail address in a key, and ignores its case", () => {
    const key = limiterKeys.tenantAccount("ten_x", "Fan@Example.com");
    expect(key).not.toContain("example");
    expect(key).toBe(limiterKeys.tenantAccount("ten_x", "fan@example.com"));
    expect(key).not.toBe(limiterKeys.tenantAccount("ten_y", "fan@example.com"));
    expect(hashSubject("a@b.c")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("says the wait rounded up, in words", () => {
    expect(retryMessage(240)).toBe("Too many attempts. Try again in 4 minutes.");
    expect(retryMessage(181)).toBe("Too many attempts. Try again in 4 minutes.");
    expect(describeWait(0.2)).toBe("1 second");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(3600)).toBe("60 minutes");
    expect(describeWait(3 * 3600)).toBe("3 hours");
  });
});
