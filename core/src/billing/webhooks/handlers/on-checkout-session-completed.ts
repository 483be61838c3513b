import { eq } from "drizzle-orm";
import { billingAccounts } from "../../../db/schema/index";
import { describeSync, lockTenant, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf, metadataTenant } from "../types";

/**
 * `checkout.session.completed`: links the customer (and through it the subscription) to the
 * tenant that started the checkout — named by the session's client_reference_id or
 * metadata.tenantId, read from the session as Stripe holds it — then syncs the subscription.
 */
export const onCheckoutSessionCompleted: EventHandler = {
  type: "checkout.session.completed",
  customerOf: (object) => idOf(object.customer),
  tenantHint: (object) =>
    (typeof object.client_reference_id === "string" ? object.client_reference_id : null) ?? metadataTenant(object),
  async handle(ctx) {
    const sessionId = idOf(ctx.event.object.id);
    if (!sessionId) return "ignored: the event names no session";
    await lockTenant(ctx.tx, ctx.tenantId);
    const session = await ctx.stripe.checkout.sessions.retrieve(sessionId);
    const sessionTenant = session.client_reference_id ?? session.metadata?.tenantId ?? null;
    if (sessionTenant && sessionTenant !== ctx.tenantId) {
      return `ignored: ${sessionId} was started for ${sessionTenant}, not this tenant`;
    }
    const customerId = idOf(session.customer);
    if (!customerId) return `ignored: ${sessionId} has no customer (${session.status})`;
    const [account] = await ctx.tx
      .select({ customer: billingAccounts.stripeCustomerId })
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, ctx.tenantId));
    if (account?.customer && account.customer !== customerId) {
      return `ignored: the tenant is linked to ${account.customer}, the session to ${customerId}`;
    }
    let linked = "";
    if (!account?.customer) {
      await ctx.tx
        .insert(billingAccounts)
        .values({ tenantId: ctx.tenantId, stripeCustomerId: customerId })
        .onConflictDoUpdate({
          target: billingAccounts.tenantId,
          set: { stripeCustomerId: customerId, updatedAt: ctx.now },
        });
      linked = `linked ${customerId}; `;
    }
    if (session.status !== "complete") return `${linked}session ${sessionId} is ${session.status}`;
    const sync = await syncCustomer(ctx, customerId);
    return `${linked}${describeSync(sync, idOf(session.subscription))}`;
  },
};
