import type { BillingOverview } from "@mw/core/billing/portal";
import { ADDON_IDS, ADDONS, type BillingInterval, PLANS } from "@mw/core/plans";
import { formatMoney } from "@mw/core/ui/money";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { ChangeDialog } from "./change-dialog";

const WHAT: Record<(typeof ADDON_IDS)[number], string> = {
  verified_badge: "A verified badge beside your name on your site.",
  analytics: "Audience and RSVP dashboards with a 12-month chart.",
  api_access: "Build on your data with the MusicalWheel API.",
  white_label: "Your brand only: no “Powered by MusicalWheel” footer.",
};

/**
 * Add-ons bought on top of the plan, each a subscription item added or removed behind the proration
 * preview. One the plan already includes is said to be included rather than offered.
 */
export function Addons({ o }: { o: BillingOverview }) {
  const interval: BillingInterval = o.interval ?? "month";
  const subscribed = o.hasSubscription && (o.plan === "pro" || o.plan === "business");
  const plan = o.plan === "pro" || o.plan === "business" ? o.plan : null;
  return (
    <Card aria-labelledby="addons-title">
      <CardHeader>
        <div>
          <CardTitle id="addons-title">Add-ons</CardTitle>
          <CardDescription>
            {subscribed
              ? `Billed ${interval === "year" ? "yearly" : "monthly"} with your plan; changes are prorated.`
              : "Available with a paid plan."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3 md:grid-cols-2">
          {ADDON_IDS.map((id) => {
            const addon = ADDONS[id];
            const active = o.addons.includes(id);
            const included = addon.grants.every((f) => PLANS[o.plan].features.includes(f));
            const cents = interval === "year" ? addon.yearlyPriceCents : addon.monthlyPriceCents;
            return (
              <li
                key={id}
                data-testid={`addon-${id}`}
                className="flex min-w-0 flex-col gap-2 rounded-lg border border-border/40 p-4 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-medium">{addon.name}</h3>
                    {active ? <Badge tone="success">Active</Badge> : null}
                    {included && !active ? <Badge tone="outline">Included in {PLANS[o.plan].name}</Badge> : null}
                  </div>
                  <p className="text-muted-foreground text-sm">{WHAT[id]}</p>
                  <p className="text-sm tabular-nums">
                    {formatMoney(cents, "usd")} {interval === "year" ? "per year" : "per month"}
                  </p>
                </div>
                {o.canManage && subscribed && plan && !(included && !active) ? (
                  active ? (
                    <ChangeDialog
                      target={{ plan, interval, addons: o.addons.filter((a) => a !== id) }}
                      label="Remove"
                      title={`Remove ${addon.name}?`}
                      description="It switches off now; the unused part of this period is credited on your next invoice."
                      confirmLabel={`Remove ${addon.name}`}
                      variant="danger-outline"
                    />
                  ) : (
                    <ChangeDialog
                      target={{ plan, interval, addons: [...o.addons, id] }}
                      label="Add"
                      title={`Add ${addon.name}?`}
                      description="It switches on as soon as you confirm."
                      confirmLabel={`Add ${addon.name}`}
                    />
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
