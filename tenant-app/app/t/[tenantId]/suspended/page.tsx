import { NoticePage } from "../../../../components/notice";
import { getTenantProfileOrThrow } from "../../../../lib/tenant";

export const metadata = { title: "Temporarily unavailable" };

/** Shown (with HTTP 503, set by the proxy) while the tenant is suspended or being offboarded. */
export default async function SuspendedPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return (
    <NoticePage testId="suspended" title={`${t.name} is temporarily unavailable`}>
      This site is paused right now. Please check back later.
    </NoticePage>
  );
}
