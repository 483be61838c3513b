import { eq } from "drizzle-orm";
import type { Stripe } from "../adapters/stripe";
import { type AuditCtx, emitAudit } from "../audit/emit";
import type { TenantTx } from "../db/client";
import { billingAccounts, tenants } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import { log } from "../observability/log";
import { computeEntitlements } from "../plans/catalog";
import { syncDunningFromSubscription } from "./dunning/sync";
import {
  describeChange,
  isLiveStatus,
  readOverrides,
  type SubscriptionState,
  subscriptionState,
} from "./subscription-state";

export interface ApplyOptions {
  /** Who the audit events name (default: the system's billing sync). */
  audit?: AuditCtx;
  now?: Date;
  /** The customer's default payment method, when the subscription names none of its own. */
  customerPaymentMethod?: string | Stripe.PaymentMethod | null;
}

export interface ApplyResult {
  /** Whether the tenant or its billing account changed. */
  changed: boolean;
  /** False when the subscription is not the tenant's current one (a stale event): nothing written. */
  applied: boolean;
  /** In words, for the event log: "plan pro → business", "no change", "stale: …". */
  summary: string;
  state: SubscriptionState;
}

const ACCOUNT_FIELDS = [
  "stripeSubscriptionId",
  "subscriptionStatus",
  "billingInterval",
  "seats",
  "currentPeriodStart",
  "currentPeriodEnd",
  "trialEnd",
  "cancelAtPeriodEnd",
  "canceledAt",
  "collectionMethod",
  "daysUntilDue",
  "customPriceId",
  "couponId",
  "mrrCents",
  "currency",
  "paymentMethod",
] as const;

/** A value's identity for "did it change": dates by instant, objects with their keys sorted (jsonb reorders them). */
function comparable(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (x instanceof Date) return x.toISOString();
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === "object") {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, norm((x as Record<string, unknown>)[k])]),
      );
    }
    return x ?? null;
  };
  return JSON.stringify(norm(v));
}

/**
 * Copies a FRESHLY FETCHED Stripe subscription onto the tenant, in the caller's tenant transaction:
 * billing_accounts gets the ledger fields, the tenant its plan, add-ons and entitlements (computed
 * from the catalog with the tenant's enterprise overrides applied again), and dunning follows the
 * status. The tenant row is locked first, so two writers serialize and the later one — which
 * fetched later — wins. Idempotent: the same subscription twice changes nothing the second time
 * (no audit event, no write to tenants, so no NOTIFY either).
 *
 * A subscription that is not the tenant's current one is refused as stale when the current one
 * still runs (an old subscription's replayed event must not replace a live one); a canceled
 * subscription takes the tenant to Free.
 */
export async function applyStripeSubscription(
  tx: TenantTx,
  tenantId: string,
  sub: Stripe.Subscription,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  if (tx.tenantId !== tenantId) throw new Error("billing: the transaction belongs to another tenant");
  const now = opts.now ?? new Date();
  const audit = opts.audit ?? { actor: { type: "system", process: "billing.sync" }, requestId: newId("request") };
  const state = subscriptionState(sub, opts.customerPaymentMethod);
  const [tenant] = await tx
    .select({
      plan: tenants.plan,
      addons: tenants.addons,
      entitlements: tenants.entitlements,
      overrides: tenants.entitlementOverrides,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .for("update");
  if (!tenant) throw new NotFoundError(`Tenant ${tenantId} does not exist.`);
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));

  if (account?.stripeCustomerId && account.stripeCustomerId !== state.customerId) {
    return {
      changed: false,
      applied: false,
      summary: `ignored: ${state.subscriptionId} belongs to customer ${state.customerId}, not this tenant's ${account.stripeCustomerId}`,
      state,
    };
  }
  if (
    account?.stripeSubscriptionId &&
    account.stripeSubscriptionId !== state.subscriptionId &&
    isLiveStatus(account.subscriptionStatus) &&
    !isLiveStatus(state.status)
  ) {
    return {
      changed: false,
      applied: false,
      summary: `stale: ${state.subscriptionId} is ${state.status}; the tenant is on ${account.stripeSubscriptionId} (${account.subscriptionStatus})`,
      state,
    };
  }

  const overrides = readOverrides(tenant.overrides);
  if (!overrides) log.warn({ tenantId }, "billing: unreadable entitlement overrides ignored");
  const entitlements = computeEntitlements(state.plan, state.addons, overrides ?? {});
  const next = {
    stripeCustomerId: state.customerId,
    stripeSubscriptionId: state.subscriptionId,
    subscriptionStatus: state.status,
    billingInterval: state.interval,
    seats: state.seats,
    currentPeriodStart: state.currentPeriodStart,
    currentPeriodEnd: state.currentPeriodEnd,
    trialEnd: state.trialEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    canceledAt: state.canceledAt,
    collectionMethod: state.collectionMethod,
    daysUntilDue: state.daysUntilDue,
    customPriceId: state.customPriceId,
    couponId: state.couponId,
    mrrCents: state.mrrCents,
    currency: state.currency,
    paymentMethod: state.paymentMethod === undefined ? (account?.paymentMethod ?? null) : state.paymentMethod,
  };
  const accountChanged = !account || ACCOUNT_FIELDS.some((f) => comparable(account[f]) !== comparable(next[f]));
  const tenantChanged =
    tenant.plan !== state.plan ||
    comparable([...tenant.addons].sort()) !== comparable([...state.addons].sort()) ||
    comparable(tenant.entitlements) !== comparable(entitlements);

  if (account) {
    await tx
      .update(billingAccounts)
      .set({ ...next, syncedAt: now, ...(accountChanged ? { updatedAt: now } : {}) })
      .where(eq(billingAccounts.tenantId, tenantId));
  } else {
    await tx.insert(billingAccounts).values({ tenantId, ...next, syncedAt: now });
  }
  if (tenantChanged) {
    await tx
      .update(tenants)
      .set({ plan: state.plan, addons: state.addons, entitlements, updatedAt: now })
      .where(eq(tenants.id, tenantId));
  }
  const changes = describeChange(
    { plan: tenant.plan, addons: tenant.addons, status: account?.subscriptionStatus ?? null },
    { plan: state.plan, addons: state.addons, status: state.status },
  );
  if (accountChanged || tenantChanged) {
    const pick = (o: Record<string, unknown> | undefined) =>
      o
        ? Object.fromEntries(
            ACCOUNT_FIELDS.filter((f) => comparable(o[f]) !== comparable(next[f])).map((f) => [f, o[f]]),
          )
        : {};
    const changedFields = account ? pick(account) : {};
    await emitAudit(tx, audit, {
      action: "billing.subscription.sync",
      target: { type: "subscription", id: state.subscriptionId },
      before: { plan: tenant.plan, addons: tenant.addons, ...changedFields },
      after: {
        plan: state.plan,
        addons: state.addons,
        ...Object.fromEntries(Object.keys(changedFields).map((f) => [f, next[f as keyof typeof next]])),
        ...(account ? {} : { stripeCustomerId: state.customerId, status: state.status }),
      },
    });
  }
  await syncDunningFromSubscription(tx, tenantId, state.status, now, { audit });
  const summary =
    changes.length > 0
      ? changes.join(", ")
      : accountChanged
        ? `updated ${state.subscriptionId} (${state.status})`
        : `no change (${state.plan}, ${state.status})`;
  return { changed: accountChanged || tenantChanged, applied: true, summary, state };
}
