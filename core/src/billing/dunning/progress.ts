import { and, desc, eq, gt, inArray, lte, ne } from "drizzle-orm";
import { type Database, withTenant } from "../../db/client";
import { billingInvoices, tenants } from "../../db/schema/index";
import { HttpLink } from "../../email/input";
import { dunningEnv } from "./env";
import { type DunningPolicy, dueTransitions } from "./machine";
import { billingLink, notifyBillingContacts } from "./notify";
import { dunningPolicy, lockDunning, systemAudit, writeTransition } from "./store";
import { announceTransition } from "./transitions";

export interface DunningProgress {
  restricted: number;
  suspended: number;
  reminded: number;
}

/**
 * The progression job (the worker's crontab, every minute): past-due tenants whose grace ended
 * become restricted, restricted ones past their deadline suspended — each transition audited and
 * announced in the tenant's own transaction — and past-due tenants within DUNNING_REMINDER_DAYS of
 * the end of grace get one reminder per deadline. Safe to run twice at once or again after a crash:
 * each tenant is row-locked and re-decided, and the e-mails are keyed by the transition.
 */
export async function advanceDunning(opts: {
  database: Database;
  now?: Date;
  policy?: DunningPolicy;
  reminderDays?: number;
}): Promise<DunningProgress> {
  const now = opts.now ?? new Date();
  const policy = opts.policy ?? dunningPolicy();
  const reminderDays = opts.reminderDays ?? dunningEnv.DUNNING_REMINDER_DAYS;
  const result: DunningProgress = { restricted: 0, suspended: 0, reminded: 0 };
  const { db } = opts.database;

  const due = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(
      and(
        inArray(tenants.dunningState, ["past_due", "restricted"]),
        lte(tenants.graceUntil, now),
        ne(tenants.status, "deleted"),
      ),
    );
  for (const { id } of due) {
    await withTenant(opts.database, id, async (tx) => {
      const tenant = await lockDunning(tx, id);
      const audit = systemAudit("billing.dunning.progress");
      for (const t of dueTransitions(tenant.snapshot, now, policy)) {
        await writeTransition(tx, id, t, audit);
        await announceTransition(tx, tenant.slug, t);
        if (t.to.state === "restricted") result.restricted++;
        if (t.to.state === "suspended") result.suspended++;
      }
    });
  }

  const soon = new Date(now.getTime() + reminderDays * 24 * 3600 * 1000);
  const ending = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(
      and(
        eq(tenants.dunningState, "past_due"),
        gt(tenants.graceUntil, now),
        lte(tenants.graceUntil, soon),
        ne(tenants.status, "deleted"),
      ),
    );
  for (const { id } of ending) {
    result.reminded += await withTenant(opts.database, id, async (tx) => {
      const tenant = await lockDunning(tx, id);
      const { graceUntil, state } = tenant.snapshot;
      if (state !== "past_due" || !graceUntil) return 0;
      const [invoice] = await tx
        .select()
        .from(billingInvoices)
        .where(and(eq(billingInvoices.tenantId, id), eq(billingInvoices.status, "open")))
        .orderBy(desc(billingInvoices.stripeCreatedAt))
        .limit(1);
      const billing = billingLink(tenant.slug);
      const hosted = HttpLink.safeParse(invoice?.hostedInvoiceUrl ?? "");
      const queued = await notifyBillingContacts(
        tx,
        "billing_payment_failed",
        {
          amountDueCents: invoice ? invoice.amountDueCents : null,
          currency: invoice ? invoice.currency : null,
          state: "past_due",
          graceUntil: graceUntil.toISOString(),
          reminder: true,
          payLink: hosted.success ? hosted.data : billing,
          billingLink: billing,
        },
        `dunning:reminder:${id}:${graceUntil.getTime()}`,
      );
      return queued > 0 ? 1 : 0;
    });
  }
  return result;
}
