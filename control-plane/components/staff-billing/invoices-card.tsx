import type { TenantBilling } from "@mw/core/billing/staff";
import { formatMoney } from "@mw/core/billing/staff";
import { LocalTime } from "@mw/core/ui/local-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { ExternalLink, ReceiptText } from "lucide-react";
import type { ReactNode } from "react";
import { InvoiceStatus } from "./labels";

/**
 * Invoices as the ledger learned them, newest first, with Stripe's hosted page and PDF. `action`
 * renders what staff may do with one invoice (record a credit note), when they may.
 */
export function InvoicesCard({
  billing,
  action,
  locale,
}: {
  billing: TenantBilling;
  locale: string;
  action?: (invoice: TenantBilling["invoices"][number]) => ReactNode;
}) {
  const invoices = billing.invoices;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Invoices</CardTitle>
          <CardDescription>
            {invoices.length ? `The latest ${invoices.length}, as Stripe reported them.` : "As Stripe reports them."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {invoices.length === 0 ? (
          <EmptyState icon={ReceiptText} title="No invoices yet" />
        ) : (
          <Table label="Invoices">
            <THead>
              <TR>
                <TH>Invoice</TH>
                <TH>Date</TH>
                <TH>Status</TH>
                <TH className="text-right">Total</TH>
                <TH className="text-right">Paid</TH>
                <TH>Links</TH>
                {action ? <TH>Actions</TH> : null}
              </TR>
            </THead>
            <TBody>
              {invoices.map((i) => (
                <TR key={i.id} data-testid="invoice-row">
                  <TD className="whitespace-nowrap font-mono text-xs">{i.number ?? i.id}</TD>
                  <TD className="whitespace-nowrap">
                    <LocalTime date={i.stripeCreatedAt} style="date" />
                  </TD>
                  <TD>
                    <InvoiceStatus status={i.status} />
                  </TD>
                  <TD className="whitespace-nowrap text-right tabular-nums">
                    {formatMoney(i.totalCents, i.currency, locale)}
                  </TD>
                  <TD className="whitespace-nowrap text-right tabular-nums">
                    {formatMoney(i.amountPaidCents, i.currency, locale)}
                  </TD>
                  <TD className="whitespace-nowrap">
                    <span className="flex gap-3">
                      {i.hostedInvoiceUrl ? (
                        <a href={i.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                          View<span className="sr-only"> invoice {i.number ?? i.id}</span>{" "}
                          <ExternalLink aria-hidden className="inline size-3" />
                        </a>
                      ) : null}
                      {i.invoicePdf ? (
                        <a href={i.invoicePdf} target="_blank" rel="noreferrer">
                          PDF<span className="sr-only"> of invoice {i.number ?? i.id}</span>
                        </a>
                      ) : null}
                      {!i.hostedInvoiceUrl && !i.invoicePdf ? <span className="text-muted-foreground">—</span> : null}
                    </span>
                  </TD>
                  {action ? <TD className="whitespace-nowrap">{action(i)}</TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
