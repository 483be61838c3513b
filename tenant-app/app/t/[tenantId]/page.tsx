import { readTenantShowcase } from "@mw/core/product";
import { HomeBody } from "../../../components/home-body";
import { runtimeDb } from "../../../lib/runtime";
import { getTenantProfileOrThrow } from "../../../lib/tenant";

// Rendered once per tenant and cached; revalidated when the tenant's data changes (its row, theme,
// domains, artists or events NOTIFY), and at least every minute so events that have started leave
// the "upcoming" list without anyone editing anything.
export const dynamicParams = true;
export const revalidate = 60;
export async function generateStaticParams(): Promise<{ tenantId: string }[]> {
  return [];
}

export default async function TenantHome({ params }: { params: Promise<{ tenantId: string }> }) {
  // The tenant id in the path is the proxy's, from the Host header: a client never names it.
  const t = await getTenantProfileOrThrow((await params).tenantId);
  const showcase = await readTenantShowcase({
    database: runtimeDb(),
    tenant: { id: t.id, plan: t.plan, status: t.status, entitlements: t.entitlements },
    signals: { dunning: t.dunningState },
  });
  return <HomeBody name={t.name} layout={t.theme.layout} logo={t.theme.logo} showcase={showcase} />;
}
