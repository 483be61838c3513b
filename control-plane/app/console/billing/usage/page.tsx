import { can } from "@mw/core/authz";
import { getUsageOverview } from "@mw/core/billing/usage";
import { LocalNumber } from "@mw/core/ui/local-number";
import { LocalTime } from "@mw/core/ui/local-time";
import { Alert } from "@mw/ui/alert";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { ChartNoAxesColumn } from "lucide-react";
import type { Metadata } from "next";
import { NoAccess } from "../../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../../lib/console/access";
import { consoleCtx } from "../../../../lib/console-session";
import { UsageChart } from "./usage-chart";

export const metadata: Metadata = { title: "Usage" };

const WHAT_COUNTS: Record<string, string> = {
  events_published: "Each event created on your site.",
  rsvps: "Each member who answers an event (changing the answer is not counted again).",
};

/**
 * Metered usage in the current billing period (issue 10.7), for those who read billing: per meter
 * the total so far, what Stripe has already been told, and a running-total chart over the period.
 * From the platform's ledger — no Stripe call on the way.
 */
export default async function UsagePage() {
  const c = await requireConsoleAdmin("/console/billing/usage");
  if (!can(c.session.ability, "billing.read")) return <NoAccess what="usage" permission="billing.read" />;
  const ctx = await consoleCtx();
  const { period, meters, hasStripeCustomer } = await getUsageOverview({ ctx });
  const nothing = meters.every((m) => m.total === 0);
  const lastDay = new Date(period.end.getTime() - 1);
  return (
    <>
      <Breadcrumbs items={[{ label: "Billing", href: "/console/billing" }, { label: "Usage" }]} />
      <PageHeader
        title="Usage"
        description={
          <>
            {period.source === "subscription" ? "Current billing period" : "This month"}:{" "}
            <LocalTime date={period.start} style="date" /> – <LocalTime date={lastDay} style="date" />.
          </>
        }
      />
      <div className="grid gap-6">
        {!hasStripeCustomer && !nothing ? (
          <Alert tone="info" title="Not reported yet">
            Usage is recorded and will be reported to billing once your organization has a subscription.
          </Alert>
        ) : null}
        {nothing ? (
          <Card>
            <CardContent className="pt-6">
              <EmptyState
                icon={ChartNoAxesColumn}
                title="No usage in this period yet"
                description="Published events and RSVPs on your site are counted here as they happen."
              />
            </CardContent>
          </Card>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-2" data-testid="usage-meters">
          {meters.map((m) => (
            <Card key={m.id} className="min-w-0" data-testid={`usage-${m.id}`}>
              <CardHeader className="block">
                <CardTitle as="h2">{m.name}</CardTitle>
                <CardDescription>{WHAT_COUNTS[m.id]}</CardDescription>
              </CardHeader>
              <CardContent className="grid min-w-0 gap-4">
                <dl className="grid grid-cols-2 gap-3">
                  <div className="rounded-md bg-muted px-3 py-2">
                    <dt className="text-muted-foreground text-sm">This period</dt>
                    <dd
                      className="font-heading font-semibold text-2xl tabular-nums"
                      data-testid={`usage-${m.id}-total`}
                    >
                      <LocalNumber value={m.total} />
                    </dd>
                  </div>
                  <div className="rounded-md bg-muted px-3 py-2">
                    <dt className="text-muted-foreground text-sm">Reported to billing</dt>
                    <dd className="font-heading font-semibold text-2xl tabular-nums">
                      <LocalNumber value={m.reported} />
                    </dd>
                  </div>
                </dl>
                {m.total > 0 ? (
                  <UsageChart name={m.name} days={m.days} testId={`usage-${m.id}-chart`} />
                ) : (
                  <p className="text-muted-foreground text-sm">Nothing counted in this period yet.</p>
                )}
              </CardContent>
            </Card>
          ))}
        </div>
      </div>
    </>
  );
}
