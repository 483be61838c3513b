import type { TenantBilling } from "@mw/core/billing/staff";
import { formatMoney } from "@mw/core/billing/staff";
import { LocalTime } from "@mw/core/ui/local-time";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mw/ui/card";
import type { ReactNode } from "react";
import { COLLECTION_LABEL, INTERVAL_LABEL, planLabel, SubscriptionStatus } from "./labels";

function Row({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-muted-foreground text-sm">{term}</dt>
      <dd className="min-w-0 break-words text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The subscription as the ledger last copied it from Stripe. */
export function SubscriptionCard({
  billing,
  actions,
  locale,
}: {
  billing: TenantBilling;
  actions?: ReactNode;
  locale: string;
}) {
  const a = billing.account;
  const t = billing.tenant;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Subscription</CardTitle>
          <CardDescription>
            {a?.syncedAt ? (
              <>
                Last copied from Stripe <LocalTime date={a.syncedAt} relative />.
              </>
            ) : (
              "Not yet copied from Stripe."
            )}
          </CardDescription>
        </div>
        {a?.subscriptionStatus ? (
          <SubscriptionStatus status={a.subscriptionStatus} testId="subscription-status" />
        ) : null}
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3">
          <Row term="Plan" testId="billing-plan">
            {planLabel(t.plan)}
            {t.addons.length ? (
              <span className="text-muted-foreground"> + {t.addons.map((x) => x.replaceAll("_", " ")).join(", ")}</span>
            ) : null}
          </Row>
          {!a?.stripeSubscriptionId ? (
            <Row term="Subscription">None{t.plan === "free" ? " (Free plan)" : ""}</Row>
          ) : (
            <>
              <Row term="Billing interval">
                {a.billingInterval ? (INTERVAL_LABEL[a.billingInterval] ?? a.billingInterval) : "—"}
              </Row>
              <Row term="Seats">{a.seats ?? "—"}</Row>
              <Row term="Current period">
                {a.currentPeriodStart && a.currentPeriodEnd ? (
                  <>
                    <LocalTime date={a.currentPeriodStart} style="date" /> –{" "}
                    <LocalTime date={a.currentPeriodEnd} style="date" />
                  </>
                ) : (
                  "—"
                )}
              </Row>
              <Row term="Trial ends">{a.trialEnd ? <LocalTime date={a.trialEnd} style="date" /> : "No trial"}</Row>
              <Row term="Cancel at period end" testId="cancel-at-period-end">
                {a.cancelAtPeriodEnd ? <Badge tone="warning">Yes — ends with this period</Badge> : "No"}
              </Row>
              <Row term="Collection">
                {COLLECTION_LABEL[a.collectionMethod] ?? a.collectionMethod}
                {a.collectionMethod === "send_invoice" && a.daysUntilDue !== null
                  ? `, due in ${a.daysUntilDue} days`
                  : ""}
              </Row>
              <Row term="MRR" testId="billing-mrr">
                {formatMoney(a.mrrCents, a.currency, locale)}
              </Row>
              <Row term="Discount" testId="billing-coupon">
                {a.couponId ? <Badge tone="info">Coupon {a.couponId}</Badge> : "None"}
              </Row>
            </>
          )}
          <Row term="Stripe customer">
            <span className="font-mono text-xs">{a?.stripeCustomerId ?? "not created yet"}</span>
          </Row>
          {a?.stripeSubscriptionId ? (
            <Row term="Stripe subscription">
              <span className="font-mono text-xs">{a.stripeSubscriptionId}</span>
            </Row>
          ) : null}
        </dl>
      </CardContent>
      {actions ? <CardFooter>{actions}</CardFooter> : null}
    </Card>
  );
}

/** The card (or invoice collection) the subscription is paid with. */
export function PaymentMethodCard({ billing }: { billing: TenantBilling }) {
  const pm = billing.paymentMethod;
  const invoiced = billing.account?.collectionMethod === "send_invoice";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Payment method</CardTitle>
      </CardHeader>
      <CardContent className="text-sm" data-testid="payment-method">
        {pm ? (
          <p>
            <span className="capitalize">{pm.brand ?? "Card"}</span> ending in {pm.last4 ?? "····"}
            {pm.expMonth && pm.expYear ? (
              <span className="text-muted-foreground">
                {" "}
                · expires {String(pm.expMonth).padStart(2, "0")}/{pm.expYear}
              </span>
            ) : null}
          </p>
        ) : (
          <p className="text-muted-foreground">{invoiced ? "Paid by invoice: no card needed." : "No card on file."}</p>
        )}
      </CardContent>
    </Card>
  );
}
