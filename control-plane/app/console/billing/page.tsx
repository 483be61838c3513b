import { can } from "@mw/core/authz";
import { getBillingOverview } from "@mw/core/billing/portal";
import type { BillingInterval } from "@mw/core/plans";
import { formatDateTime } from "@mw/core/ui/dates";
import { Alert } from "@mw/ui/alert";
import { Button } from "@mw/ui/button";
import { PageHeader } from "@mw/ui/page-header";
import { ToastOnLoad } from "@mw/ui/toast";
import { ChartColumn } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "../../../components/auto-refresh";
import { NoAccess } from "../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../lib/console/access";
import { billingStripe } from "../../../lib/console/billing";
import { consoleCtx } from "../../../lib/console-session";
import { Addons } from "./_components/addons";
import { InvoiceHistory, NextInvoice } from "./_components/invoices";
import { Plans } from "./_components/plans";
import { PaymentMethod, Summary } from "./_components/summary";

export const metadata: Metadata = { title: "Billing" };

/**
 * The billing portal (issue 10.4) for owners and billing managers (`billing.read` to see it,
 * `billing.manage` to change anything; admins read it). Everything but the next invoice comes from
 * the platform's ledger, so the page renders when Stripe is down.
 */
export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<{ interval?: string; checkout?: string }>;
}) {
  const c = await requireConsoleAdmin("/console/billing");
  if (!can(c.session.ability, "billing.read")) return <NoAccess what="billing" permission="billing.read" />;
  const params = await searchParams;
  const ctx = await consoleCtx();
  const stripe = billingStripe();
  const overview = await getBillingOverview({ ctx, ...(stripe ? { stripe } : {}) });
  // Without Stripe nothing can be changed: no buttons that could only fail.
  const o = { ...overview, canManage: overview.canManage && stripe !== null };
  const interval: BillingInterval =
    params.interval === "year" || params.interval === "month" ? params.interval : (o.interval ?? "month");
  const endsOn = o.currentPeriodEnd
    ? formatDateTime(o.currentPeriodEnd, { style: "date", locale: "en-GB", timeZone: "UTC" })
    : "the end of the current period";
  // Back from Stripe Checkout: the plan changes when Stripe's webhook has been processed (seconds).
  const awaitingCheckout = params.checkout === "success" && o.plan === "free";

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, add-ons, invoices and payment method."
        actions={
          <Button asChild variant="outline">
            <Link href="/console/billing/usage">
              <ChartColumn aria-hidden />
              Usage
            </Link>
          </Button>
        }
      />
      {params.checkout === "success" ? (
        <ToastOnLoad title="Checkout complete: thank you!" param="checkout" />
      ) : params.checkout === "canceled" ? (
        <ToastOnLoad title="Checkout canceled; nothing was charged." tone="info" param="checkout" />
      ) : null}
      <AutoRefresh active={awaitingCheckout} ms={1500} />
      <div className="grid gap-6">
        {awaitingCheckout ? (
          <Alert tone="info" title="Checkout complete" data-testid="checkout-pending">
            Your new plan is being set up; this page updates by itself in a few seconds.
          </Alert>
        ) : null}
        {!stripe ? (
          <Alert tone="warning" title="Billing changes are unavailable">
            This deployment has no connection to Stripe configured. Your plan and invoices are shown as last recorded.
          </Alert>
        ) : null}
        {!overview.canManage ? (
          <Alert tone="info">Only owners and billing managers can change the plan or the payment method.</Alert>
        ) : null}
        <Summary o={o} endsOn={endsOn} />
        <div className="grid gap-6 lg:grid-cols-2">
          <NextInvoice o={o} />
          <PaymentMethod o={o} />
        </div>
        <Plans o={o} interval={interval} endsOn={endsOn} />
        <Addons o={o} />
        <InvoiceHistory o={o} />
      </div>
    </>
  );
}
