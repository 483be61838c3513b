/**
 * The dunning state machine (DESIGN "Billing"), pure: the database layer reads the tenant's
 * snapshot, asks `nextDunning`, and writes and audits whatever it returns. Kept apart from I/O so
 * the whole transition table is a unit test.
 *
 *   ok ──payment failed / Stripe past_due──▶ past_due (grace: features on, warnings)
 *   past_due ──grace over──▶ restricted (paid features off, data kept) ──deadline──▶ suspended
 *   Stripe unpaid ──▶ restricted;  any ──payment / active / trialing──▶ ok (at once)
 *   staff extend grace: past_due | restricted | suspended ──▶ past_due until the chosen date
 *
 * `graceUntil` is the deadline of the current state: the end of the grace period while past due,
 * the day of suspension while restricted, null otherwise. Deadlines chain from the previous
 * deadline, not from when a job noticed it, so a worker that was down for a week catches up to the
 * same states (and the same e-mail idempotency keys) it would have reached on time.
 */

export const DUNNING_STATES = ["ok", "past_due", "restricted", "suspended"] as const;
export type DunningStateValue = (typeof DUNNING_STATES)[number];

export interface DunningSnapshot {
  state: DunningStateValue;
  /** When the current state began; null while ok. */
  since: Date | null;
  /** Deadline of the current state (see above); null while ok or suspended. */
  graceUntil: Date | null;
}

export interface DunningPolicy {
  graceDays: number;
  suspendAfterDays: number;
}

export type DunningInput =
  /** Stripe's subscription status, as freshly fetched (never a webhook payload's). */
  | { kind: "subscription"; status: string; now: Date }
  | { kind: "payment_failed"; now: Date }
  | { kind: "payment_succeeded"; now: Date }
  /** The progression job: a deadline may have passed. */
  | { kind: "deadline"; now: Date }
  /** Staff: past due until `until` (validated by the verb: in the future). */
  | { kind: "extend_grace"; until: Date; now: Date };

export type DunningAction =
  | "billing.dunning.past_due"
  | "billing.dunning.restricted"
  | "billing.dunning.suspended"
  | "billing.dunning.restored"
  | "billing.dunning.cleared"
  | "billing.dunning.grace_extended";

export interface DunningTransition {
  action: DunningAction;
  from: DunningSnapshot;
  to: DunningSnapshot;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

const OK: DunningSnapshot = { state: "ok", since: null, graceUntil: null };

/** Stripe statuses that mean "paid up": the subscription is in good standing. */
const GOOD_STANDING: ReadonlySet<string> = new Set(["active", "trialing"]);

/**
 * The next state, or null when nothing changes (callers then write nothing and audit nothing, so
 * a redelivered event is a no-op). Never moves a tenant backwards except on payment or by staff:
 * Stripe reporting `past_due` again while the tenant is restricted does not lift the restriction.
 */
export function nextDunning(
  current: DunningSnapshot,
  input: DunningInput,
  policy: DunningPolicy,
): DunningTransition | null {
  const to = (action: DunningAction, next: DunningSnapshot): DunningTransition => ({ action, from: current, to: next });
  const enterPastDue = (now: Date) =>
    to("billing.dunning.past_due", { state: "past_due", since: now, graceUntil: addDays(now, policy.graceDays) });
  const restore = (action: "billing.dunning.restored" | "billing.dunning.cleared") =>
    current.state === "ok" ? null : to(action, OK);

  switch (input.kind) {
    case "payment_failed":
      return current.state === "ok" ? enterPastDue(input.now) : null;

    case "payment_succeeded":
      return restore("billing.dunning.restored");

    case "subscription": {
      if (GOOD_STANDING.has(input.status)) return restore("billing.dunning.restored");
      if (input.status === "past_due") return current.state === "ok" ? enterPastDue(input.now) : null;
      if (input.status === "unpaid") {
        // Stripe gave up retrying: no grace left, whatever ours said.
        if (current.state !== "ok" && current.state !== "past_due") return null;
        return to("billing.dunning.restricted", {
          state: "restricted",
          since: input.now,
          graceUntil: addDays(input.now, policy.suspendAfterDays),
        });
      }
      // The subscription is over: the plan falls back to Free in the same transaction, which is the
      // consequence; keeping the dunning state would later close a Free tenant's site for a plan it
      // no longer has.
      if (input.status === "canceled") return restore("billing.dunning.cleared");
      // incomplete, incomplete_expired, paused: not a dunning matter.
      return null;
    }

    case "deadline": {
      const { graceUntil } = current;
      if (!graceUntil || graceUntil.getTime() > input.now.getTime()) return null;
      if (current.state === "past_due") {
        return to("billing.dunning.restricted", {
          state: "restricted",
          since: graceUntil,
          graceUntil: addDays(graceUntil, policy.suspendAfterDays),
        });
      }
      if (current.state === "restricted") {
        return to("billing.dunning.suspended", { state: "suspended", since: graceUntil, graceUntil: null });
      }
      return null;
    }

    case "extend_grace": {
      if (current.state === "ok") return null;
      if (current.state === "past_due" && current.graceUntil?.getTime() === input.until.getTime()) return null;
      return to("billing.dunning.grace_extended", {
        state: "past_due",
        since: current.state === "past_due" ? current.since : input.now,
        graceUntil: input.until,
      });
    }
  }
}

/**
 * Every transition due at `now`, in order (a tenant whose grace ended weeks ago may owe two). The
 * progression job applies them one by one, auditing each.
 */
export function dueTransitions(current: DunningSnapshot, now: Date, policy: DunningPolicy): DunningTransition[] {
  const out: DunningTransition[] = [];
  let state = current;
  for (let step = nextDunning(state, { kind: "deadline", now }, policy); step; ) {
    out.push(step);
    state = step.to;
    step = nextDunning(state, { kind: "deadline", now }, policy);
  }
  return out;
}

/** Whole days left before `deadline` (rounded up: 30 hours left reads "2 days"); 0 once passed. */
export function daysLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS));
}
