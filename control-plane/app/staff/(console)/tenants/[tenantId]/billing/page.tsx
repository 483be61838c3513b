import { staffCan } from "@mw/core/authz";
import { GRACE_EXTENSIONS, getTenantBilling } from "@mw/core/billing/staff";
import { ForbiddenError, NotFoundError, ValidationError } from "@mw/core/errors";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { buttonVariants } from "@mw/ui/button";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { DunningCard } from "../../../../../../components/staff-billing/dunning-card";
import { ExtendGraceForm } from "../../../../../../components/staff-billing/forms";
import { InvoicesCard } from "../../../../../../components/staff-billing/invoices-card";
import { PaymentMethodCard, SubscriptionCard } from "../../../../../../components/staff-billing/subscription-card";
import { staffCtx } from "../../../../../../lib/staff-session";

export const metadata = { title: "Tenant billing" };

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
  const canManage = staffCan(ctx.ability, "platform.billing.manage");
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
        <SubscriptionCard billing={billing} />
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
          <InvoicesCard billing={billing} />
        </div>
      </div>
    </>
  );
}
