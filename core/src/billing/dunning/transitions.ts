import type { TenantTx } from "../../db/client";
import type { DunningTransition } from "./machine";
import { billingLink, notifyBillingContacts } from "./notify";

/**
 * The e-mail a transition sends, keyed by the transition itself (tenant + state + when it began),
 * so replaying the cause — a redelivered webhook, a re-run job — never sends it twice.
 * Entering past due is announced by the payment-failed mail instead (it knows the invoice).
 */
export async function announceTransition(tx: TenantTx, slug: string, t: DunningTransition): Promise<void> {
  const link = billingLink(slug);
  const stamp = (d: Date | null) => (d ? d.getTime() : 0);
  switch (t.action) {
    case "billing.dunning.restricted":
      await notifyBillingContacts(
        tx,
        "billing_restricted",
        { stage: "restricted", suspendOn: t.to.graceUntil?.toISOString() ?? null, billingLink: link },
        `dunning:restricted:${tx.tenantId}:${stamp(t.to.since)}`,
      );
      return;
    case "billing.dunning.suspended":
      await notifyBillingContacts(
        tx,
        "billing_restricted",
        { stage: "suspended", suspendOn: null, billingLink: link },
        `dunning:suspended:${tx.tenantId}:${stamp(t.to.since)}`,
      );
      return;
    case "billing.dunning.restored":
      await notifyBillingContacts(
        tx,
        "billing_restored",
        { billingLink: link },
        `dunning:restored:${tx.tenantId}:${stamp(t.from.since)}`,
      );
      return;
    default:
      return;
  }
}
