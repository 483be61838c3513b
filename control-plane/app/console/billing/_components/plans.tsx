import type { BillingOverview } from "@mw/core/billing/portal";
import { ADDONS, type BillingInterval, type Feature, PLAN_IDS, PLANS, type PlanId } from "@mw/core/plans";
import { formatMoney } from "@mw/core/ui/money";
import { cn } from "@mw/ui";
import { Badge } from "@mw/ui/badge";
import { Button } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { Check } from "lucide-react";
import Link from "next/link";
import { ActionButton } from "../../../../components/console/action-button";
import { cancelSubscriptionAction, startCheckoutAction } from "../actions";
import { ChangeDialog, type Target } from "./change-dialog";

const FEATURE_WORDS: Record<Feature, string> = {
  events: "Events with RSVPs",
  analytics: "Analytics dashboards",
  verified_badge: "Verified badge",
  api_access: "API access",
  white_label: "White-label (no MusicalWheel footer)",
  custom_domains: "Custom domains",
  sso: "Single sign-on",
  audit_export: "Audit log export",
};

const limit = (n: number | null, what: string) => (n === null ? `Unlimited ${what}` : `Up to ${n} ${what}`);

function price(plan: PlanId, interval: BillingInterval): { amount: string; per: string } | null {
  const p = PLANS[plan];
  const cents = interval === "year" ? p.yearlyPriceCents : p.monthlyPriceCents;
  if (cents === null) return null;
  return {
    amount: formatMoney(cents, "usd"),
    per: `${p.perSeat ? "per member " : ""}${interval === "year" ? "per year" : "per month"}`,
  };
}

/**
 * The plans side by side with their features and prices in the chosen interval, the current one
 * marked. What a button does depends on where the tenant stands: Free upgrades through Stripe
 * Checkout; a subscriber changes plan or interval behind the proration preview, or steps down to
 * Free by cancelling at the period's end.
 */
export function Plans({ o, interval, endsOn }: { o: BillingOverview; interval: BillingInterval; endsOn: string }) {
  const subscribed = o.hasSubscription && (o.plan === "pro" || o.plan === "business");
  const trialText = (plan: PlanId) =>
    PLANS[plan].trialDays > 0 && !o.trialEnd ? `${PLANS[plan].trialDays}-day free trial` : null;
  return (
    <Card aria-labelledby="plans-title">
      <CardHeader>
        <div>
          <CardTitle id="plans-title">Plans</CardTitle>
          <CardDescription>Yearly billing charges ten months for twelve.</CardDescription>
        </div>
        <nav aria-label="Billing interval" className="inline-flex rounded-md border border-border/60 p-0.5">
          {(["month", "year"] as const).map((i) => (
            <Link
              key={i}
              href={`/console/billing?interval=${i}`}
              scroll={false}
              aria-current={i === interval ? "page" : undefined}
              className={cn(
                "rounded px-3 py-1.5 font-medium text-sm",
                i === interval ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
              )}
            >
              {i === "month" ? "Monthly" : "Yearly"}
            </Link>
          ))}
        </nav>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {PLAN_IDS.map((id) => {
            const plan = PLANS[id];
            const current = o.plan === id;
            const shown = id === "free" ? { amount: formatMoney(0, "usd"), per: "forever" } : price(id, interval);
            return (
              <li
                key={id}
                data-testid={`plan-${id}`}
                data-current={current || undefined}
                className={cn(
                  "flex min-w-0 flex-col gap-3 rounded-lg border p-4",
                  current ? "border-primary ring-1 ring-primary" : "border-border/40",
                )}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="font-semibold text-lg">{plan.name}</h3>
                  {current ? <Badge tone="primary">Current plan</Badge> : null}
                </div>
                <p>
                  {shown ? (
                    <>
                      <span className="font-semibold text-2xl tabular-nums">{shown.amount}</span>{" "}
                      <span className="text-muted-foreground text-sm">{shown.per}</span>
                    </>
                  ) : (
                    <span className="font-semibold text-xl">Custom pricing</span>
                  )}
                </p>
                <ul className="grid gap-1 text-sm">
                  {[
                    limit(plan.limits.artists, "artists"),
                    limit(plan.limits.members, "members"),
                    ...plan.features.map((f) => FEATURE_WORDS[f]),
                  ].map((f) => (
                    <li key={f} className="flex items-start gap-2">
                      <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                      <span>{f}</span>
                    </li>
                  ))}
                </ul>
                <div className="mt-auto grid gap-1.5 pt-2">
                  <PlanAction o={o} id={id} interval={interval} subscribed={subscribed} endsOn={endsOn} />
                  {!current && (id === "pro" || id === "business") && o.plan === "free" && trialText(id) ? (
                    <span className="text-muted-foreground text-xs">{trialText(id)}, cancel any time</span>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}

function PlanAction({
  o,
  id,
  interval,
  subscribed,
  endsOn,
}: {
  o: BillingOverview;
  id: PlanId;
  interval: BillingInterval;
  subscribed: boolean;
  endsOn: string;
}) {
  if (!o.canManage) return null;
  const name = PLANS[id].name;
  if (id === "enterprise") {
    return o.plan === "enterprise" ? null : (
      <Button asChild variant="outline" size="sm">
        <a href="mailto:sales@musicalwheel.example?subject=Enterprise%20plan">Talk to sales</a>
      </Button>
    );
  }
  if (o.plan === "free") {
    if (id === "free") return null;
    return (
      <ActionButton
        action={startCheckoutAction}
        fields={{ plan: id, interval }}
        label={`Upgrade to ${name}`}
        pendingLabel="Opening checkout…"
        variant="primary"
      />
    );
  }
  if (!subscribed) return null;
  if (id === "free") {
    return o.cancelAtPeriodEnd ? null : (
      <ActionButton
        action={cancelSubscriptionAction}
        fields={{}}
        label="Downgrade to Free"
        pendingLabel="Cancelling…"
        variant="danger-outline"
        confirm={{
          title: "Move to the Free plan?",
          description: `Your ${PLANS[o.plan].name} subscription ends on ${endsOn}; until then everything stays as it is. After that, paid features and add-ons switch off (your data is kept). You can resume before then.`,
          confirmLabel: "Cancel at period end",
        }}
      />
    );
  }
  const target: Target = { plan: id, interval, addons: o.addons };
  if (o.plan === id) {
    if (o.interval === interval) return null;
    return (
      <ChangeDialog
        target={target}
        label={interval === "year" ? "Switch to yearly" : "Switch to monthly"}
        title={`Switch ${name} to ${interval === "year" ? "yearly" : "monthly"} billing?`}
        description="Every item of your subscription moves to the new interval; unused time is credited."
        confirmLabel="Confirm switch"
      />
    );
  }
  const down = id === "pro" && o.plan === "business";
  const lost = down ? PLANS.business.features.filter((f) => !PLANS.pro.features.includes(f)) : [];
  const kept = lost.filter((f) => o.addons.some((a) => ADDONS[a].grants.includes(f)));
  const loses = lost.filter((f) => !kept.includes(f)).map((f) => FEATURE_WORDS[f]);
  return (
    <ChangeDialog
      target={target}
      label={down ? `Downgrade to ${name}` : `Switch to ${name}`}
      title={down ? `Downgrade to ${name}?` : `Upgrade to ${name}?`}
      description={`Your subscription moves to ${name}, billed ${interval === "year" ? "yearly" : "monthly"}, from today.`}
      confirmLabel={down ? "Confirm downgrade" : "Confirm upgrade"}
      variant={down ? "danger-outline" : "primary"}
      {...(down && loses.length ? { warning: `You lose: ${loses.join(", ")}.` } : {})}
    />
  );
}
