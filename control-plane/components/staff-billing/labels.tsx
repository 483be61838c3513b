import { Badge } from "@mw/ui/badge";

type Tone = "neutral" | "primary" | "success" | "warning" | "danger" | "info";
type Labels = Record<string, { label: string; tone: Tone }>;

/** Stripe's subscription statuses in words. */
const SUBSCRIPTION: Labels = {
  trialing: { label: "Trial", tone: "info" },
  active: { label: "Active", tone: "success" },
  past_due: { label: "Past due", tone: "warning" },
  unpaid: { label: "Unpaid", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
  incomplete: { label: "Incomplete", tone: "warning" },
  incomplete_expired: { label: "Expired before payment", tone: "neutral" },
  paused: { label: "Paused", tone: "neutral" },
};

const DUNNING: Labels = {
  ok: { label: "In good standing", tone: "success" },
  past_due: { label: "Past due (grace)", tone: "warning" },
  restricted: { label: "Restricted", tone: "danger" },
  suspended: { label: "Suspended", tone: "danger" },
};

const INVOICE: Labels = {
  draft: { label: "Draft", tone: "neutral" },
  open: { label: "Open", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  uncollectible: { label: "Uncollectible", tone: "danger" },
  void: { label: "Void", tone: "neutral" },
};

function StatusBadge({ labels, status, testId }: { labels: Labels; status: string; testId?: string }) {
  const known = labels[status];
  return (
    <Badge tone={known?.tone ?? "neutral"} data-testid={testId} data-status={status}>
      {known?.label ?? status.replaceAll("_", " ")}
    </Badge>
  );
}

export const SubscriptionStatus = (p: { status: string; testId?: string }) => (
  <StatusBadge labels={SUBSCRIPTION} {...p} />
);
export const DunningState = (p: { status: string; testId?: string }) => <StatusBadge labels={DUNNING} {...p} />;
export const InvoiceStatus = (p: { status: string; testId?: string }) => <StatusBadge labels={INVOICE} {...p} />;

export const INTERVAL_LABEL: Record<string, string> = { month: "Monthly", year: "Yearly" };
export const COLLECTION_LABEL: Record<string, string> = {
  charge_automatically: "Card, charged automatically",
  send_invoice: "Invoice, paid by transfer",
};
export const planLabel = (plan: string) => plan.charAt(0).toUpperCase() + plan.slice(1);
