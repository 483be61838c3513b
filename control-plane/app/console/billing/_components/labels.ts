import type { BadgeTone } from "@mw/ui/badge";

/** Stripe's subscription statuses in words, with the badge tone each deserves. */
export function subscriptionStatus(status: string | null): { label: string; tone: BadgeTone } | null {
  switch (status) {
    case null:
      return null;
    case "trialing":
      return { label: "Trial", tone: "info" };
    case "active":
      return { label: "Active", tone: "success" };
    case "past_due":
      return { label: "Past due", tone: "warning" };
    case "unpaid":
      return { label: "Unpaid", tone: "danger" };
    case "canceled":
      return { label: "Canceled", tone: "neutral" };
    case "incomplete":
      return { label: "Awaiting payment", tone: "warning" };
    case "incomplete_expired":
      return { label: "Checkout expired", tone: "neutral" };
    case "paused":
      return { label: "Paused", tone: "neutral" };
    default:
      return { label: status.replaceAll("_", " "), tone: "neutral" };
  }
}

/** Invoice statuses in words. */
export function invoiceStatus(status: string): { label: string; tone: BadgeTone } {
  switch (status) {
    case "paid":
      return { label: "Paid", tone: "success" };
    case "open":
      return { label: "Open", tone: "warning" };
    case "draft":
      return { label: "Draft", tone: "neutral" };
    case "uncollectible":
      return { label: "Uncollectible", tone: "danger" };
    case "void":
      return { label: "Void", tone: "neutral" };
    default:
      return { label: status, tone: "neutral" };
  }
}

export const intervalWord = (interval: "month" | "year" | null): string =>
  interval === "year" ? "Yearly" : interval === "month" ? "Monthly" : "—";

/** Card brands as printed on cards. */
export function cardBrand(brand: string): string {
  const names: Record<string, string> = {
    visa: "Visa",
    mastercard: "Mastercard",
    amex: "American Express",
    discover: "Discover",
    diners: "Diners Club",
    jcb: "JCB",
    unionpay: "UnionPay",
  };
  return names[brand.toLowerCase()] ?? brand;
}
