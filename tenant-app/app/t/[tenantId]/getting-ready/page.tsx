import { NoticePage } from "../../../../components/notice";
import { getTenantProfileOrThrow } from "../../../../lib/tenant";

export const metadata = { title: "Getting ready" };

/** Shown (with HTTP 503 and Retry-After, set by the proxy) while the tenant is being provisioned. */
export default async function GettingReadyPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return (
    <NoticePage testId="getting-ready" title={`${t.name} is getting ready`}>
      We&apos;re setting things up. This page will be live in a moment.
    </NoticePage>
  );
}
