import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import {
  type BillingAccountRow,
  type BillingInvoiceRow,
  billingAccounts,
  billingInvoices,
} from "../../db/schema/billing";
import { type DunningStateValue, tenants } from "../../db/schema/tenants";
import { NotFoundError } from "../../errors";
import { isId } from "../../ids";
import { platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";

const INVOICE_LIMIT = 24;

export const TenantIdInput = z.strictObject({
  tenantId: z.string().refine((v) => isId("tenant", v), "not a tenant id"),
});

export interface PaymentMethodSummary {
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
}

export interface TenantBilling {
  tenant: {
    id: string;
    name: string;
    plan: string;
    addons: string[];
    dunningState: DunningStateValue;
    dunningSince: Date | null;
    graceUntil: Date | null;
  };
  /** Null until provisioning created the tenant's Stripe customer. */
  account: BillingAccountRow | null;
  paymentMethod: PaymentMethodSummary | null;
  /** Newest first. */
  invoices: BillingInvoiceRow[];
  /** What a credit note can still take from each invoice, by invoice id (paid or open ones only). */
  creditable: Record<string, number>;
}

/**
 * One tenant's billing as the ledger holds it, for the staff panel: the subscription, payment
 * method, recent invoices and dunning state. Reads only; staff with billing read see it.
 */
export async function getTenantBilling({
  ctx,
  input,
}: {
  ctx: PlatformCtx;
  input: { tenantId: string };
}): Promise<TenantBilling> {
  assertStaffCan(ctx.ability, "platform.billing.read");
  const { tenantId } = parseInput(TenantIdInput, input);
  return platformTenantTx(ctx, tenantId, async (tx) => {
    const [t] = await tx
      .select({
        id: tenants.id,
        name: tenants.name,
        plan: tenants.plan,
        addons: tenants.addons,
        dunningState: tenants.dunningState,
        dunningSince: tenants.dunningSince,
        graceUntil: tenants.graceUntil,
      })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    if (!t) throw new NotFoundError("No such tenant.");
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    const invoices = await tx
      .select()
      .from(billingInvoices)
      .where(eq(billingInvoices.tenantId, tenantId))
      .orderBy(desc(billingInvoices.stripeCreatedAt), desc(billingInvoices.id))
      .limit(INVOICE_LIMIT);
    return {
      tenant: t,
      account: account ?? null,
      paymentMethod: paymentMethodSummary(account?.paymentMethod),
      invoices,
      creditable: Object.fromEntries(
        invoices.filter((i) => CREDITABLE.has(i.status)).map((i) => [i.id, creditableCents(i)]),
      ),
    };
  });
}

/** Stripe issues credit notes on finalized invoices only: open or paid. */
export const CREDITABLE = new Set(["open", "paid"]);

/**
 * The most a new credit note may take from an invoice, as the ledger knows it: what is still due on
 * an open invoice, what was paid on a paid one. Stripe also subtracts earlier credit notes; the
 * staff verb asks it for the exact remainder before it posts.
 */
export function creditableCents(
  invoice: Pick<BillingInvoiceRow, "status" | "amountDueCents" | "amountPaidCents">,
): number {
  if (invoice.status === "open") return Math.max(0, invoice.amountDueCents - invoice.amountPaidCents);
  if (invoice.status === "paid") return Math.max(0, invoice.amountPaidCents);
  return 0;
}

const PaymentMethodJson = z.object({
  brand: z.string().nullish(),
  last4: z.string().nullish(),
  exp_month: z.number().int().nullish(),
  exp_year: z.number().int().nullish(),
  expMonth: z.number().int().nullish(),
  expYear: z.number().int().nullish(),
  exp: z.string().nullish(),
});

/** The stored card summary in whichever spelling the writer used ({ brand, last4, exp… }). */
export function paymentMethodSummary(raw: unknown): PaymentMethodSummary | null {
  const parsed = PaymentMethodJson.safeParse(raw);
  if (!parsed.success) return null;
  const p = parsed.data;
  const [m, y] = (p.exp ?? "").split("/").map((v) => Number.parseInt(v, 10));
  const expMonth = p.exp_month ?? p.expMonth ?? (Number.isFinite(m) ? (m as number) : null);
  let expYear = p.exp_year ?? p.expYear ?? (Number.isFinite(y) ? (y as number) : null);
  if (expYear !== null && expYear < 100) expYear += 2000;
  if (!p.brand && !p.last4) return null;
  return { brand: p.brand ?? null, last4: p.last4 ?? null, expMonth, expYear };
}
