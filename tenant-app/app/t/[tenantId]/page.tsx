import { HomeBody } from "../../../components/home-body";
import { getTenantProfileOrThrow } from "../../../lib/tenant";

// Rendered once per tenant and cached; revalidated when the tenant's data changes.
export const dynamicParams = true;
export async function generateStaticParams(): Promise<{ tenantId: string }[]> {
  return [];
}

export default async function TenantHome({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return <HomeBody name={t.name} layout={t.theme.layout} logo={t.theme.logo} />;
}
