import { PLAN_IDS, PLANS } from "@mw/core/plans";
import { PRESET_IDS } from "@mw/themes";
import { OnboardForm } from "../../../../components/onboard-form";
import { requireStaff } from "../../../../lib/staff-session";

export const metadata = { title: "Onboard a customer" };

const price = (cents: number | null) =>
  cents === null ? "custom pricing" : cents === 0 ? "free" : `$${(cents / 100).toFixed(2)}/month`;

export default async function OnboardPage() {
  await requireStaff("/staff/onboard");
  return (
    <>
      <h1>Onboard a customer</h1>
      <p className="cp-muted">
        Reserves the slug and platform subdomain, publishes the initial theme, connects custom domains, invites the
        owner and activates the tenant — each step durable and retried; you can watch it on the next page.
      </p>
      <div className="cp-card">
        <OnboardForm
          plans={PLAN_IDS.map((id) => ({ id, label: `${PLANS[id].name} — ${price(PLANS[id].monthlyPriceCents)}` }))}
          presets={[...PRESET_IDS]}
        />
      </div>
    </>
  );
}
