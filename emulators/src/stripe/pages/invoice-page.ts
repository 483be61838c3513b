import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { attemptPayment } from "../billing/invoicing";
import { onInvoicePaid } from "../billing/lifecycle";
import { money } from "../billing/periods";
import { createCardPaymentMethod } from "../resources/payment-methods";
import { cardFields } from "./checkout-page";
import { DECLINE_MESSAGES, readCard, readForm } from "./forms";
import { escapeHtml, page, redirect, sendHtml } from "./html";
import type { PageContext } from "./index";
import { textPdf } from "./pdf";

const PATH = /^\/(i|cn)\/((?:in|cn)_[A-Za-z0-9]+)(\/pdf|\/authenticate)?$/;
const day = (ts: number | null) => (ts ? new Date(ts * 1000).toISOString().slice(0, 10) : "—");

/** Cards waiting for 3-D Secure on an invoice's page. */
function pendingFor(ctx: PageContext): Map<string, string> {
  return ctx.store.side("invoice_page_auth", () => new Map<string, string>());
}

function invoicePdf(invoice: Stripe.Invoice): Buffer {
  return textPdf(`Invoice ${invoice.number ?? invoice.id}`, [
    { text: "MusicalWheel", bold: true, size: 18 },
    { text: `Invoice ${invoice.number ?? "(draft)"}`, bold: true, size: 14 },
    { text: `Date: ${day(invoice.status_transitions.finalized_at ?? invoice.created)}   Status: ${invoice.status}` },
    { text: `Billed to: ${invoice.customer_name ?? ""} ${invoice.customer_email ?? ""}` },
    { text: `Period: ${day(invoice.period_start)} to ${day(invoice.period_end)}` },
    { text: " " },
    ...invoice.lines.data.map((l) => ({ text: `${l.description ?? ""}    ${money(l.amount, l.currency)}` })),
    { text: " " },
    { text: `Subtotal: ${money(invoice.subtotal, invoice.currency)}` },
    ...(invoice.total_discount_amounts ?? []).map((d) => ({ text: `Discount: -${money(d.amount, invoice.currency)}` })),
    { text: `Total: ${money(invoice.total, invoice.currency)}`, bold: true },
    { text: `Amount paid: ${money(invoice.amount_paid, invoice.currency)}` },
    { text: `Amount due: ${money(invoice.amount_remaining, invoice.currency)}`, bold: true },
  ]);
}

function render(invoice: Stripe.Invoice, error: string | null, values: Record<string, string> = {}): string {
  const rows = invoice.lines.data
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.description ?? "")}</td><td class="amount">${money(l.amount, l.currency)}</td></tr>`,
    )
    .join("");
  const discounts = (invoice.total_discount_amounts ?? [])
    .map((d) => `<tr><td>Discount</td><td class="amount">−${money(d.amount, invoice.currency)}</td></tr>`)
    .join("");
  const payable = invoice.status === "open" && invoice.amount_remaining > 0;
  return page(
    `Invoice ${invoice.number ?? ""}`,
    `<h1>Invoice ${escapeHtml(invoice.number ?? "")}</h1>
<section class="card" aria-labelledby="details"><h2 id="details">${money(invoice.amount_remaining, invoice.currency)} ${
      invoice.status === "paid"
        ? "— paid"
        : invoice.status === "open"
          ? `due ${day(invoice.due_date ?? invoice.created)}`
          : `— ${escapeHtml(invoice.status ?? "")}`
    }</h2>
<p class="muted">Billed to ${escapeHtml(invoice.customer_email ?? "")} · period ${day(invoice.period_start)} – ${day(invoice.period_end)}</p>
<table><tbody>${rows}${discounts}
<tr><td><strong>Total</strong></td><td class="amount"><strong>${money(invoice.total, invoice.currency)}</strong></td></tr>
<tr><td>Amount paid</td><td class="amount">${money(invoice.amount_paid, invoice.currency)}</td></tr></tbody></table>
<p><a href="/i/${invoice.id}/pdf">Download invoice (PDF)</a></p></section>
${
  payable
    ? `<form class="card" method="post" action="/i/${invoice.id}" aria-labelledby="pay"><h2 id="pay">Pay this invoice</h2>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}${cardFields(values)}
<button type="submit">Pay ${money(invoice.amount_remaining, invoice.currency)}</button></form>`
    : ""
}`,
  );
}

/** The hosted invoice page (`hosted_invoice_url`), its PDF (`invoice_pdf`) and credit note PDFs. */
export async function handleInvoicePage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: PageContext,
): Promise<boolean> {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  const [, kind, id, suffix] = m;
  if (kind === "cn") {
    const note = ctx.store.get<Stripe.CreditNote>(id as string);
    if (note?.object !== "credit_note" || suffix !== "/pdf") return false;
    const pdf = textPdf(`Credit note ${note.number}`, [
      { text: "MusicalWheel", bold: true, size: 18 },
      { text: `Credit note ${note.number}`, bold: true, size: 14 },
      { text: `Invoice: ${note.invoice as string}   Status: ${note.status}` },
      { text: `Memo: ${note.memo ?? ""}` },
      { text: `Amount: ${money(note.amount, note.currency)}`, bold: true },
    ]);
    res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf.length });
    res.end(pdf);
    return true;
  }
  const invoice = ctx.store.get<Stripe.Invoice>(id as string);
  if (invoice?.object !== "invoice" || invoice.status === "draft") {
    sendHtml(res, 404, page("Invoice not found", "<h1>This invoice does not exist.</h1>"));
    return true;
  }
  if (suffix === "/pdf") {
    const pdf = invoicePdf(invoice);
    res.writeHead(200, {
      "content-type": "application/pdf",
      "content-length": pdf.length,
      "content-disposition": `inline; filename="Invoice-${invoice.number}.pdf"`,
    });
    res.end(pdf);
    return true;
  }
  const pending = pendingFor(ctx);
  if (suffix === "/authenticate") {
    const pm = pending.get(invoice.id);
    if (!pm) {
      redirect(res, `/i/${invoice.id}`);
      return true;
    }
    if (req.method === "GET") {
      sendHtml(
        res,
        200,
        page(
          "Authenticate your payment",
          `<h1>3-D Secure authentication</h1><section class="card"><p>Confirm this payment with your bank (test page).</p>
<form method="post"><input type="hidden" name="outcome" value="complete"><button type="submit">Complete authentication</button></form>
<form method="post"><input type="hidden" name="outcome" value="fail"><button type="submit" class="secondary">Fail authentication</button></form></section>`,
        ),
      );
      return true;
    }
    pending.delete(invoice.id);
    const form = await readForm(req);
    if (form.outcome !== "complete") {
      sendHtml(res, 402, render(invoice, DECLINE_MESSAGES.authentication_failed as string));
      return true;
    }
    return pay(res, ctx, invoice, pm, true);
  }
  if (req.method === "GET") {
    sendHtml(res, 200, render(invoice, null));
    return true;
  }
  if (invoice.status !== "open") {
    redirect(res, `/i/${invoice.id}`);
    return true;
  }
  const form = await readForm(req);
  const card = readCard(form, ctx.store.clock.now());
  if ("error" in card) {
    sendHtml(res, 400, render(invoice, card.error, form));
    return true;
  }
  const pm = createCardPaymentMethod(ctx.store, card.card, {
    expMonth: card.expMonth,
    expYear: card.expYear,
    name: card.name,
  });
  pm.customer = invoice.customer as string;
  if (card.card.behaviour === "requires_3ds") {
    pending.set(invoice.id, pm.id);
    redirect(res, `/i/${invoice.id}/authenticate`);
    return true;
  }
  return pay(res, ctx, invoice, pm.id, false);
}

function pay(res: ServerResponse, ctx: PageContext, invoice: Stripe.Invoice, pm: string, authenticated: boolean): true {
  const result = attemptPayment(ctx, invoice, { offSession: authenticated, paymentMethod: pm });
  if (!result.ok) {
    const message = result.outcome?.message ?? (DECLINE_MESSAGES.declined as string);
    sendHtml(res, 402, render(invoice, message));
    return true;
  }
  onInvoicePaid(ctx, invoice);
  redirect(res, `/i/${invoice.id}`);
  return true;
}
