import { type DunningStateValue, daysLeft } from "./machine";

/**
 * What the dunning banner says (console shell and the runtime's member pages, to admins and billing
 * managers only — never to visitors). Pure, so both apps show the same words and the copy has a
 * unit test; each app renders it with @mw/ui's Alert and its own link to /console/billing.
 */
export interface DunningBanner {
  tone: "warning" | "danger";
  title: string;
  message: string;
  /** The date the reader should see next to the message (viewer's zone, rendered by the app). */
  deadline: Date | null;
  deadlineLabel: string | null;
  /** Label of the link to billing: paying for those who can, looking for those who cannot. */
  action: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function dunningBanner(
  dunning: { state: DunningStateValue; graceUntil: Date | null },
  opts: { now: Date; canManage: boolean },
): DunningBanner | null {
  const payOrAsk = opts.canManage ? "" : " Ask an owner or billing manager to pay it.";
  switch (dunning.state) {
    case "ok":
      return null;
    case "past_due": {
      const left = dunning.graceUntil ? daysLeft(dunning.graceUntil, opts.now) : null;
      let title = "Payment failed";
      if (left !== null)
        title =
          left === 0
            ? "Payment failed — last day to pay"
            : `Payment failed — ${plural(left, "day", "days")} left to pay`;
      return {
        tone: "warning",
        title,
        message: `The latest invoice could not be charged. Everything keeps working during the grace period; after it, paid features are switched off until the invoice is paid.${payOrAsk}`,
        deadline: dunning.graceUntil,
        deadlineLabel: dunning.graceUntil ? "Grace period ends" : null,
        action: opts.canManage ? "Pay now or update the payment method" : "View billing",
      };
    }
    case "restricted":
      return {
        tone: "danger",
        title: "Paid features are switched off",
        message: `The invoice is still unpaid, so paid features are off and nothing new can be added beyond the Free plan. Your data is kept, and everything comes back the moment the invoice is paid.${payOrAsk}`,
        deadline: dunning.graceUntil,
        deadlineLabel: dunning.graceUntil ? "The site will be suspended on" : null,
        action: opts.canManage ? "Pay now" : "View billing",
      };
    case "suspended":
      return {
        tone: "danger",
        title: "Your site is suspended for non-payment",
        message: `Visitors see a “temporarily unavailable” page. Your data is kept; paying the invoice reopens the site at once.${payOrAsk}`,
        deadline: null,
        deadlineLabel: null,
        action: opts.canManage ? "Pay now" : "View billing",
      };
  }
}
