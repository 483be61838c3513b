import { describe, expect, it } from "vitest";
import { dunningBanner } from "../banner";

const NOW = new Date("2026-12-03T12:00:00Z");
const DAY = 24 * 3600 * 1000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY);

describe("dunningBanner", () => {
  it("shows nothing while in good standing", () => {
    expect(dunningBanner({ state: "ok", graceUntil: null }, { now: NOW, canManage: true })).toBeNull();
  });

  it("past due: a warning with the days left and the grace deadline", () => {
    const b = dunningBanner({ state: "past_due", graceUntil: inDays(4.5) }, { now: NOW, canManage: true });
    expect(b).toMatchObject({
      tone: "warning",
      title: "Payment failed — 5 days left to pay",
      deadline: inDays(4.5),
      deadlineLabel: "Grace period ends",
      action: "Pay now or update the payment method",
    });
    expect(dunningBanner({ state: "past_due", graceUntil: inDays(0.5) }, { now: NOW, canManage: true })?.title).toBe(
      "Payment failed — 1 day left to pay",
    );
    expect(dunningBanner({ state: "past_due", graceUntil: inDays(-0.1) }, { now: NOW, canManage: true })?.title).toBe(
      "Payment failed — last day to pay",
    );
  });

  it("restricted and suspended are stronger, and say the data is kept", () => {
    const r = dunningBanner({ state: "restricted", graceUntil: inDays(10) }, { now: NOW, canManage: true });
    expect(r).toMatchObject({ tone: "danger", title: "Paid features are switched off", action: "Pay now" });
    expect(r?.message).toMatch(/data is kept/);
    expect(r?.deadlineLabel).toBe("The site will be suspended on");
    const s = dunningBanner({ state: "suspended", graceUntil: null }, { now: NOW, canManage: true });
    expect(s).toMatchObject({ tone: "danger", deadline: null });
    expect(s?.title).toMatch(/suspended for non-payment/);
  });

  it("tells an admin who cannot pay whom to ask, and offers to look instead", () => {
    const b = dunningBanner({ state: "past_due", graceUntil: inDays(3) }, { now: NOW, canManage: false });
    expect(b?.message).toMatch(/Ask an owner or billing manager/);
    expect(b?.action).toBe("View billing");
  });
});
