import { z } from "zod";
import type { Stripe } from "../../adapters/stripe";
import { assertCan, can } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { readTenant } from "../../db/client";
import type { BillingInvoiceRow } from "../../db/schema/index";
import { DomainError, ServiceUnavailableError } from "../../errors";
import { log } from "../../observability/log";
import { type AddonId, type BillingInterval, type PlanId } from "../../plans/catalog";
import { type BillingDeps, fromUnix } from "./deps";
import { type BillingLedger, hasLiveSubscription, readBillingLedger } from "./ledger";
import { PREVIEW_UNAVAILABLE, stripeFailure } from "./stripe-errors";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The card on file as the ledger holds it (written from Stripe's payment method by the webhook). */
const StoredCard = z
  .object({
    brand: z.string(),
    last4: z.string(),
    expMonth: z.coerce.number().int().optional(),
    expYear: z.coerce.number().int().optional(),
    exp_month: z.coerce.number().int().optional(),
    exp_year: z.coerce.number().int().optional(),
    exp: z.string().optional(),
  })
  .loose();

export interface CardOnFile {
  brand: string;
  last4: string;
  /** "MM/YYYY" when known. */
  expires: string | null;
}

export function readCard(stored: unknown): CardOnFile | null {
  const parsed = StoredCard.safeParse(stored);
  if (!parsed.success) return null;
  const c = parsed.data;
  const month = c.expMonth ?? c.exp_month;
  const year = c.expYear ?? c.exp_year;
  const expires = month && year ? `${String(month).padStart(2, "0")}/${year}` : (c.exp ?? null);
  return { brand: c.brand, last4: c.last4, expires };
}

export interface UpcomingLine {
  id: string;
  description: string;
  amountCents: number;
  quantity: number | null;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export type UpcomingInvoice =
  | {
      state: "ok";
      currency: string;
      amountDueCents: number;
      totalCents: number;
      dueAt: Date | null;
      lines: UpcomingLine[];
    }
  /** No subscription, or one that ends with this period: nothing more will be billed. */
  | { state: "none" }
  /** Stripe could not be asked; the rest of the page comes from the ledger. */
  | { state: "unavailable"; message: string };

export interface BillingOverview {
  plan: PlanId;
  addons: AddonId[];
  /** Stripe's status as last synced (`null`: never subscribed). */
  status: string | null;
  interval: BillingInterval | null;
  seats: number | null;
  activeMembers: number;
  trialEnd: Date | null;
  /** Whole days until the trial ends (while trialing). */
  trialDaysLeft: number | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  collectionMethod: string;
  hasCustomer: boolean;
  hasSubscription: boolean;
  card: CardOnFile | null;
  dunningState: string;
  graceUntil: Date | null;
  invoices: BillingInvoiceRow[];
  upcoming: UpcomingInvoice;
  syncedAt: Date | null;
  /** Whether the viewer may change anything (plan, add-ons, payment method). */
  canManage: boolean;
}

/**
 * The billing page: the ledger (always), plus Stripe's preview of the next invoice (`invoices.
 * createPreview`), which is the one Stripe call here — when Stripe is down the page says so in that
 * card and renders everything else.
 */
export async function getBillingOverview({
  ctx,
  stripe,
  now = new Date(),
}: { ctx: TenantCtx; now?: Date } & Partial<BillingDeps>): Promise<BillingOverview> {
  assertCan(ctx.ability, "billing.read");
  const tenantId = ctx.tenant.id;
  const ledger = await readTenant(ctx.database, tenantId, (tx) => readBillingLedger(tx, tenantId));
  const a = ledger.account;
  const trialing = a?.subscriptionStatus === "trialing" && a.trialEnd !== null;
  return {
    plan: ledger.plan,
    addons: ledger.addons,
    status: a?.subscriptionStatus ?? null,
    interval: a?.billingInterval === "year" || a?.billingInterval === "month" ? a.billingInterval : null,
    seats: a?.seats ?? null,
    activeMembers: ledger.activeMembers,
    trialEnd: a?.trialEnd ?? null,
    trialDaysLeft:
      trialing && a?.trialEnd ? Math.max(0, Math.ceil((a.trialEnd.getTime() - now.getTime()) / DAY_MS)) : null,
    currentPeriodEnd: a?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: a?.cancelAtPeriodEnd ?? false,
    collectionMethod: a?.collectionMethod ?? "charge_automatically",
    hasCustomer: Boolean(a?.stripeCustomerId),
    hasSubscription: hasLiveSubscription(a),
    card: readCard(a?.paymentMethod),
    dunningState: ledger.dunningState,
    graceUntil: ledger.graceUntil,
    invoices: ledger.invoices,
    upcoming: await upcomingInvoice(ledger, stripe),
    syncedAt: a?.syncedAt ?? null,
    canManage: can(ctx.ability, "billing.manage"),
  };
}

async function upcomingInvoice(ledger: BillingLedger, stripe: Stripe | undefined): Promise<UpcomingInvoice> {
  const a = ledger.account;
  if (!hasLiveSubscription(a) || a.cancelAtPeriodEnd) return { state: "none" };
  if (!stripe) return { state: "unavailable", message: PREVIEW_UNAVAILABLE };
  try {
    const invoice = await stripe.invoices.createPreview(
      { customer: a.stripeCustomerId, subscription: a.stripeSubscriptionId },
      // A page view must not hang on Stripe: one quick try, then the ledger alone.
      { timeout: 5000, maxNetworkRetries: 0 },
    );
    return {
      state: "ok",
      currency: invoice.currency,
      amountDueCents: invoice.amount_due,
      totalCents: invoice.total,
      dueAt: fromUnix(invoice.next_payment_attempt ?? invoice.period_end),
      lines: invoice.lines.data.map((line) => ({
        id: line.id,
        description: line.description ?? "Subscription",
        amountCents: line.amount,
        quantity: line.quantity ?? null,
        periodStart: fromUnix(line.period?.start),
        periodEnd: fromUnix(line.period?.end),
      })),
    };
  } catch (err) {
    const mapped = stripeFailure(err);
    if (mapped instanceof ServiceUnavailableError) return { state: "unavailable", message: PREVIEW_UNAVAILABLE };
    log.warn({ err, tenantId: a.tenantId }, "upcoming invoice preview failed");
    return {
      state: "unavailable",
      message: mapped instanceof DomainError ? mapped.message : "The next invoice could not be previewed right now.",
    };
  }
}
