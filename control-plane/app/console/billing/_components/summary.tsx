import type { BillingOverview } from "@mw/core/billing/portal";
import { PLANS } from "@mw/core/plans";
import { LocalTime } from "@mw/core/ui/local-time";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mw/ui/card";
import { CreditCard } from "lucide-react";
import type { ReactNode } from "react";
import { ActionButton } from "../../../../components/console/action-button";
import { cancelSubscriptionAction, paymentMethodAction, resumeSubscriptionAction } from "../actions";
import { cardBrand, intervalWord, subscriptionStatus } from "./labels";

/** Plan, status, trial, renewal and seats at a glance, with cancel / resume. */
export function Summary({ o, endsOn }: { o: BillingOverview; endsOn: string }) {
  const status = subscriptionStatus(o.status);
  const perSeat = PLANS[o.plan].perSeat;
  return (
    <Card aria-labelledby="subscription-title">
      <CardHeader>
        <div>
          <CardTitle id="subscription-title">Subscription</CardTitle>
          {o.syncedAt ? (
            <CardDescription>
              Last updated from Stripe <LocalTime date={o.syncedAt} relative />.
            </CardDescription>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Item label="Plan">
            <span className="flex flex-wrap items-center gap-2">
              <span data-testid="billing-plan">{PLANS[o.plan].name}</span>
              {status ? (
                <Badge tone={status.tone} data-testid="billing-status">
                  {status.label}
                </Badge>
              ) : null}
            </span>
          </Item>
          {o.trialDaysLeft !== null && o.trialEnd ? (
            <Item label="Trial">
              <span data-testid="trial-days-left">
                {o.trialDaysLeft === 1 ? "1 day left" : `${o.trialDaysLeft} days left`}
              </span>
              <Small>
                ends <LocalTime date={o.trialEnd} style="date" />
              </Small>
            </Item>
          ) : null}
          {o.hasSubscription && o.currentPeriodEnd ? (
            <Item label={o.cancelAtPeriodEnd ? "Ends on" : "Renews on"}>
              <span data-testid="period-end">
                <LocalTime date={o.currentPeriodEnd} style="date" />
              </span>
              {o.cancelAtPeriodEnd ? <Small>then Free</Small> : null}
            </Item>
          ) : null}
          {o.hasSubscription ? <Item label="Billing">{intervalWord(o.interval)}</Item> : null}
          {perSeat ? (
            <Item label="Seats">
              <span data-testid="billing-seats">{o.seats ?? o.activeMembers}</span>
              <Small>{o.activeMembers === 1 ? "1 active member" : `${o.activeMembers} active members`}</Small>
            </Item>
          ) : null}
          {o.collectionMethod === "send_invoice" ? <Item label="Payment">By invoice</Item> : null}
        </dl>
        {o.cancelAtPeriodEnd ? (
          <p className="mt-4 text-sm" data-testid="cancel-notice">
            Your subscription is set to end on {endsOn}. Resume it to keep {PLANS[o.plan].name}.
          </p>
        ) : null}
      </CardContent>
      {o.canManage && o.hasSubscription && o.plan !== "enterprise" ? (
        <CardFooter>
          {o.cancelAtPeriodEnd ? (
            <ActionButton
              action={resumeSubscriptionAction}
              fields={{}}
              label="Resume subscription"
              pendingLabel="Resuming…"
              variant="primary"
            />
          ) : (
            <ActionButton
              action={cancelSubscriptionAction}
              fields={{}}
              label="Cancel subscription"
              pendingLabel="Cancelling…"
              variant="danger-outline"
              confirm={{
                title: "Cancel your subscription?",
                description: `It stays active until ${endsOn} and is not renewed; then the organization moves to the Free plan (your data is kept). You can resume until then.`,
                confirmLabel: "Cancel at period end",
              }}
            />
          )}
        </CardFooter>
      ) : null}
    </Card>
  );
}

/** The card on file (never its number: brand, last four, expiry) and the way to change it at Stripe. */
export function PaymentMethod({ o }: { o: BillingOverview }) {
  return (
    <Card aria-labelledby="payment-method-title">
      <CardHeader>
        <CardTitle id="payment-method-title">Payment method</CardTitle>
      </CardHeader>
      <CardContent>
        {o.card ? (
          <p className="flex items-center gap-3" data-testid="payment-card">
            <CreditCard aria-hidden className="size-5 text-muted-foreground" />
            <span>
              <span className="font-medium">
                {cardBrand(o.card.brand)} ending in {o.card.last4}
              </span>
              {o.card.expires ? (
                <span className="block text-muted-foreground text-sm">Expires {o.card.expires}</span>
              ) : null}
            </span>
          </p>
        ) : (
          <p className="text-muted-foreground text-sm">
            {o.collectionMethod === "send_invoice" ? "You pay by invoice." : "No card on file yet."}
          </p>
        )}
      </CardContent>
      {o.canManage && o.hasCustomer ? (
        <CardFooter>
          <ActionButton
            action={paymentMethodAction}
            fields={{}}
            label="Manage payment method"
            pendingLabel="Opening Stripe…"
          />
        </CardFooter>
      ) : null}
    </Card>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="mt-1 font-medium">{children}</dd>
    </div>
  );
}

function Small({ children }: { children: ReactNode }) {
  return <span className="block font-normal text-muted-foreground text-xs">{children}</span>;
}
