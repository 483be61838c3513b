import { buttonVariants } from "@mw/ui/button";
import { NoticePage } from "../../../../components/notice";
import { isBillingAdmin } from "../../../../lib/gates";
import { consoleBillingLinkFor } from "../../../../lib/host";
import { currentSession } from "../../../../lib/session";
import { getTenantProfileOrThrow } from "../../../../lib/tenant";

export const metadata = { title: "Temporarily unavailable" };

/**
 * Shown (with HTTP 503, set by the proxy) while the tenant is suspended or being offboarded, or
 * suspended for non-payment (dunning). Visitors see the same neutral notice either way; a signed-in
 * admin or billing manager of a tenant suspended for non-payment is told why and where to pay.
 */
export default async function SuspendedPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const tenantId = (await params).tenantId;
  const t = await getTenantProfileOrThrow(tenantId);
  const forBilling = t.status === "active" && t.dunningState === "suspended";
  const session = forBilling ? await currentSession(tenantId) : null;
  if (session && isBillingAdmin(session)) {
    return (
      <NoticePage
        testId="suspended"
        title={`${t.name} is suspended for non-payment`}
        action={
          <a className={buttonVariants()} href={consoleBillingLinkFor(t)} data-testid="suspended-pay-link">
            Pay now in Billing
          </a>
        }
      >
        <span data-testid="suspended-billing">
          An invoice is unpaid, so visitors see a “temporarily unavailable” page. Your data is kept: pay the invoice or
          update the payment method in Billing and the site reopens at once.
        </span>
      </NoticePage>
    );
  }
  return (
    <NoticePage testId="suspended" title={`${t.name} is temporarily unavailable`}>
      This site is paused right now. Please check back later.
    </NoticePage>
  );
}
