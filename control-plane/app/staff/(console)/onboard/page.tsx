import { PLAN_IDS, PLANS } from "@mw/core/plans";
import { formatMoney } from "@mw/core/ui/money";
import { PRESET_IDS } from "@mw/themes";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { OnboardForm } from "../../../../components/onboard-form";
import { viewerLocale } from "../../../../lib/locale";
import { requireStaff } from "../../../../lib/staff-session";

export const metadata = { title: "Onboard a customer" };

const price = (cents: number | null, locale: string) =>
  cents === null ? "custom pricing" : cents === 0 ? "free" : `${formatMoney(cents, "usd", { locale })}/month`;

export default async function OnboardPage() {
  await requireStaff("/staff/onboard");
  const locale = await viewerLocale();
  return (
    <div className="max-w-2xl">
      <Breadcrumbs items={[{ label: "Tenants", href: "/staff" }, { label: "Onboard a customer" }]} />
      <PageHeader
        title="Onboard a customer"
        description="Reserves the slug and platform subdomain, creates the Stripe customer and subscription (with the plan’s trial), publishes the initial theme, connects custom domains, invites the owner and activates the tenant — each step durable and retried; you can watch it on the next page."
      />
      <Card>
        <CardContent className="pt-6">
          <OnboardForm
            plans={PLAN_IDS.map((id) => ({
              id,
              label: `${PLANS[id].name} — ${price(PLANS[id].monthlyPriceCents, locale)}`,
            }))}
            presets={[...PRESET_IDS]}
          />
        </CardContent>
      </Card>
    </div>
  );
}
