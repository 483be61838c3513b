import { dunningBanner } from "@mw/core/billing/dunning/banner";
import { LocalTime } from "@mw/core/ui/local-time";
import { Alert } from "@mw/ui/alert";
import { buttonVariants } from "@mw/ui/button";

/**
 * The unpaid-invoice banner on the site's member pages, for admins and billing managers only (the
 * caller decides who; visitors and members never see it). The link goes to the console's billing
 * page through its sign-in, which returns there.
 */
export function DunningBanner({
  state,
  graceUntil,
  canManage,
  billingUrl,
}: {
  state: "ok" | "past_due" | "restricted" | "suspended";
  graceUntil: Date | null;
  canManage: boolean;
  billingUrl: string;
}) {
  const banner = dunningBanner({ state, graceUntil }, { now: new Date(), canManage });
  if (!banner) return null;
  return (
    <Alert tone={banner.tone} title={banner.title} className="mb-6" data-testid="dunning-banner" data-state={state}>
      <p>{banner.message}</p>
      {banner.deadline && banner.deadlineLabel ? (
        <p className="mt-1">
          {banner.deadlineLabel}: <LocalTime date={banner.deadline} />
        </p>
      ) : null}
      <p className="mt-3">
        <a
          className={buttonVariants({ size: "sm", variant: banner.tone === "danger" ? "primary" : "outline" })}
          href={billingUrl}
          data-testid="dunning-pay-link"
        >
          {banner.action}
        </a>
      </p>
    </Alert>
  );
}
