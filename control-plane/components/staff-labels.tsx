import { Badge } from "@mw/ui/badge";

type Tone = "neutral" | "primary" | "success" | "warning" | "danger" | "info";
type Labels = Record<string, { label: string; tone: Tone }>;

const TENANT: Labels = {
  provisioning: { label: "Provisioning", tone: "info" },
  active: { label: "Active", tone: "success" },
  suspended: { label: "Suspended", tone: "warning" },
  offboarding: { label: "Offboarding", tone: "info" },
  deleted: { label: "Deleted", tone: "neutral" },
};

const DOMAIN: Labels = {
  pending: { label: "Waiting for DNS", tone: "warning" },
  verified: { label: "Verified", tone: "success" },
  lapsed: { label: "Lapsed", tone: "danger" },
  removed: { label: "Removed", tone: "neutral" },
};

const RUN: Labels = {
  pending: { label: "Pending", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  parked: { label: "Parked", tone: "danger" },
  failed: { label: "Failed", tone: "danger" },
  cancelling: { label: "Cancelling", tone: "warning" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  compensated: { label: "Undone", tone: "neutral" },
  skipped: { label: "Skipped", tone: "neutral" },
};

/** Why a domain is not (or no longer) verified, as the vendor or our checks name it, for people. */
const DOMAIN_ERRORS: Record<string, string> = {
  missing_txt_record: "TXT record not found yet",
  missing_ownership_txt: "Ownership TXT record not found yet",
  verified_elsewhere: "Verified by another account",
  dns_misconfigured: "DNS does not point here",
  verification_lost: "Ownership record removed",
  invalid_domain: "Not a valid domain",
  rate_limited: "Vendor busy, will retry",
  network: "Vendor unreachable, will retry",
  not_found: "Unknown to the vendor",
};

function StatusBadge({ labels, status, testId }: { labels: Labels; status: string; testId?: string }) {
  const known = labels[status];
  // `data-status` keeps the machine value for scripts; people read the label.
  return (
    <Badge tone={known?.tone ?? "neutral"} data-testid={testId} data-status={status}>
      {known?.label ?? status}
    </Badge>
  );
}

export const TenantStatus = (p: { status: string; testId?: string }) => <StatusBadge labels={TENANT} {...p} />;
export const DomainStatus = (p: { status: string }) => <StatusBadge labels={DOMAIN} {...p} />;
export const RunStatus = (p: { status: string; testId?: string }) => <StatusBadge labels={RUN} {...p} />;

export function domainErrorLabel(code: string | null): string {
  if (!code) return "";
  return DOMAIN_ERRORS[code] ?? code.replaceAll("_", " ");
}

export const tenantStatusLabel = (s: string) => TENANT[s]?.label ?? s;
export const runStatusLabel = (s: string) => RUN[s]?.label ?? s;

/** "4.2 s", "3 min 5 s": how long a step or run took, or is taking. */
export function formatDuration(from: Date | null, to: Date | null): string {
  if (!from || !to) return "—";
  const ms = Math.max(0, to.getTime() - from.getTime());
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const RUN_KIND: Record<string, string> = {
  onboard: "Onboarding",
  offboard: "Offboarding",
  reconcile: "Reconcile",
};
