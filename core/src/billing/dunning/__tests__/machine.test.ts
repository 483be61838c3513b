import { describe, expect, it } from "vitest";
import {
  type DunningInput,
  type DunningSnapshot,
  type DunningStateValue,
  daysLeft,
  dueTransitions,
  nextDunning,
} from "../machine";

const POLICY = { graceDays: 7, suspendAfterDays: 14 };
const DAY = 24 * 3600 * 1000;
const T0 = new Date("2026-12-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const OK: DunningSnapshot = { state: "ok", since: null, graceUntil: null };
const PAST_DUE: DunningSnapshot = { state: "past_due", since: T0, graceUntil: at(7) };
const RESTRICTED: DunningSnapshot = { state: "restricted", since: at(7), graceUntil: at(21) };
const SUSPENDED: DunningSnapshot = { state: "suspended", since: at(21), graceUntil: null };
const BY_STATE: Record<DunningStateValue, DunningSnapshot> = {
  ok: OK,
  past_due: PAST_DUE,
  restricted: RESTRICTED,
  suspended: SUSPENDED,
};

const failed = (now: Date): DunningInput => ({ kind: "payment_failed", now });
const paid = (now: Date): DunningInput => ({ kind: "payment_succeeded", now });
const status = (s: string, now: Date): DunningInput => ({ kind: "subscription", status: s, now });

/** [from, input, expected state after (or "same" for no transition), audit action]. */
const TABLE: [DunningStateValue, string, (now: Date) => DunningInput, DunningStateValue | "same", string | null][] = [
  ["ok", "payment failed", failed, "past_due", "billing.dunning.past_due"],
  ["past_due", "payment failed", failed, "same", null],
  ["restricted", "payment failed", failed, "same", null],
  ["suspended", "payment failed", failed, "same", null],
  ["ok", "payment succeeded", paid, "same", null],
  ["past_due", "payment succeeded", paid, "ok", "billing.dunning.restored"],
  ["restricted", "payment succeeded", paid, "ok", "billing.dunning.restored"],
  ["suspended", "payment succeeded", paid, "ok", "billing.dunning.restored"],
  ["ok", "status active", (n) => status("active", n), "same", null],
  ["past_due", "status active", (n) => status("active", n), "ok", "billing.dunning.restored"],
  ["suspended", "status trialing", (n) => status("trialing", n), "ok", "billing.dunning.restored"],
  ["ok", "status past_due", (n) => status("past_due", n), "past_due", "billing.dunning.past_due"],
  ["past_due", "status past_due", (n) => status("past_due", n), "same", null],
  ["restricted", "status past_due", (n) => status("past_due", n), "same", null],
  ["suspended", "status past_due", (n) => status("past_due", n), "same", null],
  ["ok", "status unpaid", (n) => status("unpaid", n), "restricted", "billing.dunning.restricted"],
  ["past_due", "status unpaid", (n) => status("unpaid", n), "restricted", "billing.dunning.restricted"],
  ["restricted", "status unpaid", (n) => status("unpaid", n), "same", null],
  ["suspended", "status unpaid", (n) => status("unpaid", n), "same", null],
  ["ok", "status canceled", (n) => status("canceled", n), "same", null],
  ["restricted", "status canceled", (n) => status("canceled", n), "ok", "billing.dunning.cleared"],
  ["past_due", "status incomplete", (n) => status("incomplete", n), "same", null],
  ["ok", "status paused", (n) => status("paused", n), "same", null],
];

describe("nextDunning: the transition table", () => {
  it.each(TABLE)("%s + %s → %s", (from, _label, input, expected, action) => {
    const now = at(3);
    const t = nextDunning(BY_STATE[from], input(now), POLICY);
    if (expected === "same") {
      expect(t).toBeNull();
      return;
    }
    expect(t).not.toBeNull();
    expect(t?.action).toBe(action);
    expect(t?.from).toEqual(BY_STATE[from]);
    expect(t?.to.state).toBe(expected);
  });

  it("starts the grace period at the failure and ends it after the configured days", () => {
    expect(nextDunning(OK, failed(T0), POLICY)?.to).toEqual({ state: "past_due", since: T0, graceUntil: at(7) });
    expect(nextDunning(OK, failed(T0), { graceDays: 3, suspendAfterDays: 5 })?.to.graceUntil).toEqual(at(3));
  });

  it("restricts for Stripe's unpaid with the suspension deadline counted from then", () => {
    expect(nextDunning(PAST_DUE, status("unpaid", at(2)), POLICY)?.to).toEqual({
      state: "restricted",
      since: at(2),
      graceUntil: at(16),
    });
  });

  it("restores to a clean ok: no since, no deadline", () => {
    for (const from of [PAST_DUE, RESTRICTED, SUSPENDED]) {
      expect(nextDunning(from, paid(at(30)), POLICY)?.to).toEqual(OK);
    }
  });
});

describe("nextDunning: deadlines", () => {
  it("keeps a past-due tenant in grace until the deadline, then restricts it", () => {
    expect(nextDunning(PAST_DUE, { kind: "deadline", now: at(6.99) }, POLICY)).toBeNull();
    expect(nextDunning(PAST_DUE, { kind: "deadline", now: at(7) }, POLICY)).toMatchObject({
      action: "billing.dunning.restricted",
      to: { state: "restricted", since: at(7), graceUntil: at(21) },
    });
  });

  it("suspends a restricted tenant once its deadline passes, and goes no further", () => {
    expect(nextDunning(RESTRICTED, { kind: "deadline", now: at(20) }, POLICY)).toBeNull();
    expect(nextDunning(RESTRICTED, { kind: "deadline", now: at(21) }, POLICY)).toMatchObject({
      action: "billing.dunning.suspended",
      to: { state: "suspended", since: at(21), graceUntil: null },
    });
    expect(nextDunning(SUSPENDED, { kind: "deadline", now: at(400) }, POLICY)).toBeNull();
    expect(nextDunning(OK, { kind: "deadline", now: at(400) }, POLICY)).toBeNull();
  });

  it("catches up every overdue step from the deadlines, not from when the job ran", () => {
    const steps = dueTransitions(PAST_DUE, at(60), POLICY);
    expect(steps.map((s) => s.action)).toEqual(["billing.dunning.restricted", "billing.dunning.suspended"]);
    expect(steps[0]?.to.since).toEqual(at(7));
    expect(steps[1]?.to.since).toEqual(at(21));
    expect(dueTransitions(PAST_DUE, at(10), POLICY).map((s) => s.to.state)).toEqual(["restricted"]);
    expect(dueTransitions(PAST_DUE, at(1), POLICY)).toEqual([]);
  });
});

describe("nextDunning: staff extend grace", () => {
  it("moves the deadline of a past-due tenant and keeps when it started", () => {
    expect(nextDunning(PAST_DUE, { kind: "extend_grace", until: at(12), now: at(5) }, POLICY)).toMatchObject({
      action: "billing.dunning.grace_extended",
      to: { state: "past_due", since: T0, graceUntil: at(12) },
    });
  });

  it("reopens a restricted or suspended tenant into grace", () => {
    for (const from of [RESTRICTED, SUSPENDED]) {
      expect(nextDunning(from, { kind: "extend_grace", until: at(40), now: at(30) }, POLICY)?.to).toEqual({
        state: "past_due",
        since: at(30),
        graceUntil: at(40),
      });
    }
  });

  it("has nothing to extend for a tenant in good standing, nor when the date is unchanged", () => {
    expect(nextDunning(OK, { kind: "extend_grace", until: at(9), now: at(1) }, POLICY)).toBeNull();
    expect(nextDunning(PAST_DUE, { kind: "extend_grace", until: at(7), now: at(1) }, POLICY)).toBeNull();
  });
});

describe("daysLeft", () => {
  it("rounds up partial days and never goes negative", () => {
    expect(daysLeft(at(7), T0)).toBe(7);
    expect(daysLeft(at(1.25), T0)).toBe(2);
    expect(daysLeft(at(0.01), T0)).toBe(1);
    expect(daysLeft(at(-1), T0)).toBe(0);
  });
});
