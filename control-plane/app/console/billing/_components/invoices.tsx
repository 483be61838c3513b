import type { BillingOverview } from "@mw/core/billing/portal";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatMoney } from "@mw/core/ui/money";
import { Alert } from "@mw/ui/alert";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { ExternalLink, FileText, ReceiptText } from "lucide-react";
import { invoiceStatus } from "./labels";

/** The next invoice as Stripe previews it now; when Stripe cannot be asked, why, in this card only. */
export function NextInvoice({ o }: { o: BillingOverview }) {
  const u = o.upcoming;
  return (
    <Card aria-labelledby="next-invoice-title">
      <CardHeader>
        <div>
          <CardTitle id="next-invoice-title">Next invoice</CardTitle>
          <CardDescription>As Stripe would bill it today.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {u.state === "unavailable" ? (
          <Alert tone="warning" title="The next invoice cannot be shown right now" data-testid="upcoming-unavailable">
            {u.message}
          </Alert>
        ) : u.state === "none" ? (
          <p className="text-muted-foreground text-sm" data-testid="upcoming-none">
            {o.cancelAtPeriodEnd
              ? "None: your subscription ends with the current period."
              : "None: the Free plan is not billed."}
          </p>
        ) : (
          <div className="grid gap-3" data-testid="upcoming-invoice">
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-semibold text-2xl tabular-nums" data-testid="upcoming-amount">
                {formatMoney(u.amountDueCents, u.currency)}
              </span>
              {u.dueAt ? (
                <span className="text-muted-foreground text-sm">
                  on <LocalTime date={u.dueAt} style="date" />
                </span>
              ) : null}
            </p>
            <ul className="grid gap-1.5 text-sm" aria-label="Next invoice lines">
              {u.lines.map((line) => (
                <li key={line.id} className="flex items-start justify-between gap-3">
                  <span className="min-w-0 break-words">{line.description}</span>
                  <span className="shrink-0 tabular-nums">{formatMoney(line.amountCents, u.currency)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** Invoices learned from Stripe, newest first, with Stripe's hosted page and PDF. */
export function InvoiceHistory({ o }: { o: BillingOverview }) {
  return (
    <Card aria-labelledby="invoices-title">
      <CardHeader>
        <CardTitle id="invoices-title">Invoices</CardTitle>
      </CardHeader>
      <CardContent>
        {o.invoices.length === 0 ? (
          <EmptyState
            icon={ReceiptText}
            title="No invoices yet"
            description="Invoices appear here once your first one is issued."
          />
        ) : (
          <Table label="Invoices">
            <THead>
              <TR>
                <TH>Date</TH>
                <TH>Number</TH>
                <TH>Status</TH>
                <TH className="text-right">Amount</TH>
                <TH>
                  <span className="sr-only">Links</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {o.invoices.map((inv) => {
                const s = invoiceStatus(inv.status);
                return (
                  <TR key={inv.id} data-testid="invoice-row">
                    <TD className="whitespace-nowrap">
                      <LocalTime date={inv.stripeCreatedAt} style="date" />
                    </TD>
                    <TD className="whitespace-nowrap font-mono text-xs">{inv.number ?? inv.id}</TD>
                    <TD>
                      <Badge tone={s.tone}>{s.label}</Badge>
                    </TD>
                    <TD className="whitespace-nowrap text-right tabular-nums">
                      {formatMoney(inv.totalCents, inv.currency)}
                    </TD>
                    <TD>
                      <div className="flex justify-end gap-3 whitespace-nowrap text-sm">
                        {inv.hostedInvoiceUrl ? (
                          <a
                            href={inv.hostedInvoiceUrl}
                            target="_blank"
                            rel="noopener"
                            className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
                          >
                            View
                            <ExternalLink aria-hidden className="size-3.5" />
                            <span className="sr-only">invoice {inv.number ?? inv.id} (opens in a new tab)</span>
                          </a>
                        ) : null}
                        {inv.invoicePdf ? (
                          <a
                            href={inv.invoicePdf}
                            target="_blank"
                            rel="noopener"
                            className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
                          >
                            <FileText aria-hidden className="size-3.5" />
                            PDF<span className="sr-only"> of invoice {inv.number ?? inv.id}</span>
                          </a>
                        ) : null}
                      </div>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
