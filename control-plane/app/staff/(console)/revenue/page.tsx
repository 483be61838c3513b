import { formatCount, formatMoney, formatRate, getRevenueOverview, toMajorUnits } from "@mw/core/billing/staff";
import { ForbiddenError } from "@mw/core/errors";
import { LocalTime } from "@mw/core/ui/local-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { DunningState, planLabel, SubscriptionStatus } from "../../../../components/staff-billing/labels";
import { PlanMrrChart } from "../../../../components/staff-billing/revenue-chart";
import { Stat } from "../../../../components/staff-billing/stat";
import { viewerLocale } from "../../../../lib/locale";
import { staffCtx } from "../../../../lib/staff-session";

export const metadata = { title: "Revenue" };

export default async function RevenuePage() {
  const ctx = await staffCtx();
  const r = await getRevenueOverview({ ctx }).catch((err: unknown) => {
    if (err instanceof ForbiddenError) forbidden();
    throw err;
  });
  const locale = await viewerLocale();
  const main = r.totals[0] ?? { currency: "usd", mrrCents: 0, trialingMrrCents: 0 };
  const others = r.totals.slice(1);
  const plans = r.byPlan.filter((p) => p.currency === main.currency);
  const churnPct = formatRate(r.churn.rate, locale);
  return (
    <>
      <PageHeader
        title="Revenue"
        description={
          <>
            From the billing ledger (what Stripe last told us), as of <LocalTime date={r.asOf} />.
          </>
        }
      />
      <div className="grid gap-6">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Stat
            label="Monthly recurring revenue"
            value={formatMoney(main.mrrCents, main.currency, locale)}
            note={
              others.length
                ? `Also ${others.map((o) => formatMoney(o.mrrCents, o.currency, locale)).join(", ")}`
                : "Active and past-due subscriptions, after discounts"
            }
            testId="revenue-mrr"
          />
          <Stat
            label="Active subscriptions"
            value={formatCount(r.counts.active, locale)}
            note={`${formatCount(r.counts.pastDue, locale)} past due${r.counts.unpaid ? `, ${formatCount(r.counts.unpaid, locale)} unpaid` : ""}`}
            testId="revenue-active"
          />
          <Stat
            label="In trial"
            value={formatCount(r.counts.trialing, locale)}
            note={
              main.trialingMrrCents > 0
                ? `${formatMoney(main.trialingMrrCents, main.currency, locale)} MRR once they convert (not counted above)`
                : "Not in MRR until the trial converts"
            }
            testId="revenue-trialing"
          />
          <Stat
            label={`Churn, last ${r.churn.windowDays} days`}
            value={churnPct}
            note={`${formatCount(r.churn.canceled, locale)} of ${formatCount(r.churn.payingAtStart, locale)} paying subscriptions canceled`}
            testId="revenue-churn"
          />
        </div>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>MRR by plan</CardTitle>
              <CardDescription>Active and past-due subscriptions, in {main.currency.toUpperCase()}.</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-center">
            {plans.length ? (
              <PlanMrrChart
                currency={main.currency}
                locale={locale}
                data={plans.map((p) => ({ plan: planLabel(p.plan), mrr: toMajorUnits(p.mrrCents, p.currency) }))}
              />
            ) : (
              <EmptyState title="No paying subscriptions yet" />
            )}
            <Table label="MRR by plan">
              <THead>
                <TR>
                  <TH>Plan</TH>
                  <TH className="text-right">Subscriptions</TH>
                  <TH className="text-right">MRR</TH>
                  <TH className="text-right">Share</TH>
                </TR>
              </THead>
              <TBody>
                {plans.map((p) => (
                  <TR key={p.plan}>
                    <TD>{planLabel(p.plan)}</TD>
                    <TD className="text-right tabular-nums">{formatCount(p.subscriptions, locale)}</TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">
                      {formatMoney(p.mrrCents, p.currency, locale)}
                    </TD>
                    <TD className="text-right tabular-nums">
                      {formatRate(main.mrrCents > 0 ? p.mrrCents / main.mrrCents : null, locale)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>How churn is counted</CardTitle>
              <CardDescription>
                Churn = subscriptions canceled between <LocalTime date={r.churn.from} style="date" /> and now ÷
                subscriptions paying on <LocalTime date={r.churn.from} style="date" />.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="text-sm">
            <p className="max-w-prose text-muted-foreground">
              A subscription was paying when the ledger last recorded it as active or past due with MRR above zero
              before the window began: trials, comped (100 % discount) and already canceled subscriptions are not. Of
              those, every one the ledger recorded as canceled within the window counts, even if the tenant subscribed
              again since. Upgrades and new subscriptions in the window do not lower it.
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Past-due tenants</CardTitle>
              <CardDescription>Behind on payment at Stripe, or moved by dunning; oldest first.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {r.pastDue.length === 0 ? (
              <EmptyState icon={CircleCheck} title="Nobody is behind on payment" />
            ) : (
              <Table label="Past-due tenants">
                <THead>
                  <TR>
                    <TH>Tenant</TH>
                    <TH>Subscription</TH>
                    <TH>Dunning</TH>
                    <TH>Since</TH>
                    <TH>Grace until</TH>
                    <TH className="text-right">Owed</TH>
                  </TR>
                </THead>
                <TBody>
                  {r.pastDue.map((t) => (
                    <TR key={t.tenantId} data-testid="past-due-row">
                      <TD className="whitespace-nowrap">
                        <Link href={`/staff/tenants/${t.tenantId}/billing`} className="font-medium">
                          {t.name}
                        </Link>
                        <span className="ml-2 text-muted-foreground text-xs">{planLabel(t.plan)}</span>
                      </TD>
                      <TD>{t.subscriptionStatus ? <SubscriptionStatus status={t.subscriptionStatus} /> : "—"}</TD>
                      <TD>
                        <DunningState status={t.dunningState} />
                      </TD>
                      <TD className="whitespace-nowrap">
                        {t.dunningSince ? <LocalTime date={t.dunningSince} style="date" /> : "—"}
                      </TD>
                      <TD className="whitespace-nowrap">
                        {t.graceUntil ? <LocalTime date={t.graceUntil} style="date" /> : "—"}
                      </TD>
                      <TD className="whitespace-nowrap text-right tabular-nums">
                        {formatMoney(t.amountDueCents, t.currency, locale)}
                        <span className="block text-muted-foreground text-xs">
                          {t.openInvoices} open invoice{t.openInvoices === 1 ? "" : "s"}
                        </span>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
