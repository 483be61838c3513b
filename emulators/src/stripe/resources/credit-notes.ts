import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { embeddedList, listPage } from "../list";
import { mergeMetadata } from "../params";

/** Credit notes on an invoice: before payment they lower what is due; after, they credit or refund. */
function createCreditNote({ params, store, events, baseUrl }: ApiContext): Stripe.CreditNote {
  params.only([
    "invoice",
    "amount",
    "lines",
    "reason",
    "memo",
    "metadata",
    "out_of_band_amount",
    "credit_amount",
    "refund_amount",
  ]);
  const invoice = store.getOrThrow<Stripe.Invoice>("invoice", params.reqStr("invoice"), "invoice", "invoice");
  if (invoice.status !== "open" && invoice.status !== "paid") {
    throw stripeErrors.badRequest("You can only create a credit note for an open or paid invoice.", {
      param: "invoice",
    });
  }
  const lines = params.objs("lines");
  let amount = params.int("amount");
  if (lines) {
    amount = lines.reduce((sum, l) => {
      l.only(["type", "amount", "invoice_line_item", "quantity", "description"]);
      return sum + (l.int("amount") ?? 0);
    }, 0);
  }
  if (amount === undefined) throw stripeErrors.missingParam("amount");
  const already = store
    .all<Stripe.CreditNote>("credit_note")
    .filter((c) => c.invoice === invoice.id && c.status === "issued")
    .reduce((s, c) => s + c.amount, 0);
  const creditable =
    (invoice.status === "paid" ? invoice.amount_paid : invoice.amount_due) + (invoice.status === "open" ? 0 : -already);
  if (amount <= 0 || amount > creditable) {
    throw stripeErrors.invalidParam(
      "amount",
      `The credit note amount (${amount}) must be positive and at most the invoice's remaining creditable amount (${creditable}).`,
    );
  }
  const now = store.nowFor(invoice.customer as string);
  const prePayment = invoice.status === "open";
  const id = store.id("cn");
  const seq = store.all("credit_note").length + 1;
  const note: Stripe.CreditNote = {
    id,
    object: "credit_note",
    amount,
    amount_shipping: 0,
    created: now,
    currency: invoice.currency,
    customer: invoice.customer as string,
    customer_account: null,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: now,
    invoice: invoice.id,
    lines: embeddedList(
      [
        {
          id: store.id("cnli"),
          object: "credit_note_line_item",
          amount,
          description: params.str("memo") || "Credit",
          discount_amount: 0,
          discount_amounts: [],
          livemode: false,
          metadata: {},
          pretax_credit_amounts: [],
          quantity: 1,
          tax_rates: [],
          taxes: [],
          type: "custom_line_item",
          unit_amount: amount,
          unit_amount_decimal: null,
        },
      ],
      `/v1/credit_notes/${id}/lines`,
    ),
    livemode: false,
    memo: params.str("memo") || null,
    metadata: mergeMetadata({}, params.metadata()),
    number: `${invoice.number ?? "CN"}-CN-${String(seq).padStart(2, "0")}`,
    out_of_band_amount: params.int("out_of_band_amount") ?? null,
    pdf: `${baseUrl}/cn/${id}/pdf`,
    post_payment_amount: prePayment ? 0 : amount,
    pre_payment_amount: prePayment ? amount : 0,
    pretax_credit_amounts: [],
    reason:
      params.oneOf("reason", ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"] as const) ?? null,
    refunds: [],
    shipping_cost: null,
    status: "issued",
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    total_taxes: [],
    type: prePayment ? "pre_payment" : "post_payment",
    voided_at: null,
  };
  store.put(note);
  const before = structuredClone(invoice);
  if (prePayment) {
    invoice.pre_payment_credit_notes_amount += amount;
    invoice.amount_due -= amount;
    invoice.amount_remaining = invoice.amount_due;
  } else {
    invoice.post_payment_credit_notes_amount += amount;
  }
  events.emit("credit_note.created", note);
  events.emit("invoice.updated", invoice, { previous: before });
  return store.view(note);
}

export const creditNoteRoutes: Route[] = [
  { method: "POST", path: "/v1/credit_notes", handler: createCreditNote },
  {
    method: "GET",
    path: "/v1/credit_notes",
    handler: ({ params, store }) => {
      params.only(["invoice", "customer", "limit", "starting_after", "ending_before"]);
      const invoice = params.str("invoice");
      const customer = params.str("customer");
      const items = store
        .all<Stripe.CreditNote>("credit_note")
        .filter((c) => (!invoice || c.invoice === invoice) && (!customer || c.customer === customer));
      return listPage(store, items, params, "/v1/credit_notes");
    },
  },
  {
    method: "GET",
    path: "/v1/credit_notes/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("credit_note", path.id ?? "", "credit_note")),
  },
  {
    method: "POST",
    path: "/v1/credit_notes/:id/void",
    handler: ({ store, events, path }) => {
      const note = store.getOrThrow<Stripe.CreditNote>("credit_note", path.id ?? "", "credit_note");
      if (note.status === "void") throw stripeErrors.badRequest("This credit note is already void.");
      note.status = "void";
      note.voided_at = store.now();
      events.emit("credit_note.voided", note);
      return store.view(note);
    },
  },
];
