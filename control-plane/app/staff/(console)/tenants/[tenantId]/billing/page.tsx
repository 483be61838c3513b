import { staffCan } from "@mw/core/authz";
import {
  COMP_COUPON_ID,
  CREDIT_NOTE_REASONS,
  formatMoney,
  GRACE_EXTENSIONS,
  getTenantBilling,
} from "@mw/core/billing/staff";
import { ForbiddenError, NotFoundError, ValidationError } from "@mw/core/errors";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { buttonVariants } from "@mw/ui/button";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { DunningCard } from "../../../../../../components/staff-billing/dunning-card";
import { CompToggle, CreditNoteForm, ExtendGraceForm } from "../../../../../../components/staff-billing/forms";
import { InvoicesCard } from "../../../../../../components/staff-billing/invoices-card";
import { PaymentMethodCard, SubscriptionCard } from "../../../../../../components/staff-billing/subscription-card";
import { viewerLocale } from "../../../../../../lib/locale";
import { stripeConfigured } from "../../../../../../lib/staff-billing";
import { staffCtx } from "../../../../../../lib/staff-session";

export const metadata = { title: "Tenant billing" };

const REASON_LABELS: Record<(typeof CREDIT_NOTE_REASONS)[number], string> = {
  product_unsatisfactory: "Product unsatisfactory",
  order_change: "Order change",
  duplicate: "Duplicate charge",
  fraudulent: "Fraudulent",
};
const ENDED = new Set(["canceled", "incomplete_expired"]);

/** Staff billing panel for one tenant: what the ledger holds, and the staff billing actions. */
export default async function TenantBillingPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const ctx = await staffCtx();
  const billing = await getTenantBilling({ ctx, input: { tenantId } }).catch((err: unknown) => {
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const t = billing.tenant;
  const locale = await viewerLocale();
  const canManage = staffCan(ctx.ability, "platform.billing.manage");
  // Changes at Stripe need a Stripe to talk to, and a subscription that still runs.
  const atStripe = canManage && stripeConfigured();
  const a = billing.account;
  const live = Boolean(a?.stripeSubscriptionId && a.subscriptionStatus && !ENDED.has(a.subscriptionStatus));
  const comped = a?.couponId === COMP_COUPON_ID;
  const reasons = CREDIT_NOTE_REASONS.map((value) => ({ value, label: REASON_LABELS[value] }));
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Tenants", href: "/staff" },
          { label: t.name, href: `/staff/tenants/${t.id}` },
          { label: "Billing" },
        ]}
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="break-words font-semibold text-2xl tracking-tight">Billing · {t.name}</h1>
          <p className="text-muted-foreground text-sm">
            From the billing ledger; Stripe stays the source of truth.
            {canManage ? "" : " Your staff role can look but not change billing."}
          </p>
        </div>
        <Link
          className={buttonVariants({ variant: "outline", size: "sm" })}
          href={`/staff/tenants/${t.id}/billing/events`}
        >
          <ScrollText aria-hidden /> Webhook events
        </Link>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:items-start">
        <SubscriptionCard
          billing={billing}
          locale={locale}
          actions={atStripe && live ? <CompToggle tenantId={t.id} name={t.name} comped={comped} /> : null}
        />
        <div className="grid min-w-0 gap-6">
          <DunningCard
            billing={billing}
            action={
              canManage && t.dunningState !== "ok" ? (
                <ExtendGraceForm tenantId={t.id} name={t.name} options={GRACE_EXTENSIONS} />
              ) : null
            }
          />
          <PaymentMethodCard billing={billing} />
        </div>
        <div className="min-w-0 xl:col-span-2">
          <InvoicesCard
            billing={billing}
            locale={locale}
            {...(atStripe
              ? {
                  action: (i) => {
                    const left = billing.creditable[i.id];
                    return left ? (
                      <CreditNoteForm
                        tenantId={t.id}
                        invoiceId={i.id}
                        invoiceLabel={i.number ?? i.id}
                        maxLabel={formatMoney(left, i.currency, locale)}
                        reasons={reasons}
                        paid={i.status === "paid"}
                      />
                    ) : null;
                  },
                }
              : {})}
          />
        </div>
      </div>
    </>
  );
}
