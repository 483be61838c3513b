import { dunningBanner } from "@mw/core/billing/dunning/banner";
import { LocalTime } from "@mw/core/ui/local-time";
import { Alert } from "@mw/ui/alert";
import { buttonVariants } from "@mw/ui/button";
import Link from "next/link";

/**
 * The unpaid-invoice banner at the top of the console shell, for those who can read billing
 * (owners, admins, billing managers); paying is for those who can manage it.
 */
export function ConsoleDunningBanner({
  state,
  graceUntil,
  canManage,
}: {
  state: "ok" | "past_due" | "restricted" | "suspended";
  graceUntil: Date | null;
  canManage: boolean;
}) {
  const banner = dunningBanner({ state, graceUntil }, { now: new Date(), canManage });
  if (!banner) return null;
  return (
    <Alert tone={banner.tone} title={banner.title} data-testid="dunning-banner" data-state={state}>
      <p>{banner.message}</p>
      {banner.deadline && banner.deadlineLabel ? (
        <p className="mt-1">
          {banner.deadlineLabel}: <LocalTime date={banner.deadline} />
        </p>
      ) : null}
      <p className="mt-3">
        <Link
          className={buttonVariants({ size: "sm", variant: banner.tone === "danger" ? "primary" : "outline" })}
          href="/console/billing"
          data-testid="dunning-pay-link"
        >
          {banner.action}
        </Link>
      </p>
    </Alert>
  );
}
