/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { formatDateTime } from "../ui/dates";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, plural, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, type EmailBrand, EmailLayout, paragraph } from "./layout";

/**
 * The dunning e-mails (payment failed, reminder, restricted / suspended, restored), sent to the
 * tenant's billing contacts in the tenant's brand. Dates are stored as instants and printed in UTC
 * at render time (a mail has no viewer time zone); amounts in the invoice's currency with Intl.
 */

const Instant = z.iso.datetime({ offset: true });
const Currency = z
  .string()
  .regex(/^[a-z]{3}$/i, { error: "must be a three-letter currency code" })
  .transform((c) => c.toUpperCase());

const brandFields = { tenantName: DisplayName(120), tokens: ThemeTokens };

export const PaymentFailedEmailInput = z.strictObject({
  ...brandFields,
  /** Null when the invoice is not known here yet (a reminder before the invoice was synced). */
  amountDueCents: z.number().int().min(0).nullable(),
  currency: Currency.nullable(),
  /** The tenant's dunning state when the mail was queued: a retry failing while restricted says so. */
  state: z.enum(["past_due", "restricted", "suspended"]),
  /** End of the grace period (past due only). */
  graceUntil: Instant.nullable(),
  /** True for the reminder shortly before the grace period ends. */
  reminder: z.boolean().default(false),
  /** Where to pay: Stripe's hosted invoice page when known, else the billing console. */
  payLink: HttpLink,
  billingLink: HttpLink,
});

export const DunningRestrictedEmailInput = z.strictObject({
  ...brandFields,
  stage: z.enum(["restricted", "suspended"]),
  /** When a restricted organization will be suspended. */
  suspendOn: Instant.nullable(),
  billingLink: HttpLink,
});

export const DunningRestoredEmailInput = z.strictObject({ ...brandFields, billingLink: HttpLink });

const day = (iso: string) => formatDateTime(new Date(iso), { locale: "en-US", timeZone: "UTC", style: "date" });
const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
const daysUntil = (iso: string, now: Date) =>
  Math.max(0, Math.ceil((new Date(iso).getTime() - now.getTime()) / (24 * 3600 * 1000)));

export function PaymentFailedEmail({
  brand,
  data,
  now,
}: {
  brand: EmailBrand;
  data: z.output<typeof PaymentFailedEmailInput>;
  now: Date;
}) {
  const amount = data.amountDueCents !== null && data.currency ? money(data.amountDueCents, data.currency) : null;
  const heading = data.reminder ? "Your payment is still outstanding" : "We couldn't take your payment";
  let consequence: string;
  if (data.state === "past_due" && data.graceUntil) {
    const left = daysUntil(data.graceUntil, now);
    consequence = `Everything keeps working for now. If the invoice is still unpaid on ${day(data.graceUntil)} (${plural(left, "day", "days")} from now), paid features of ${brand.tenantName} will be switched off until it is paid. Your data is kept.`;
  } else if (data.state === "past_due") {
    consequence = "Everything keeps working for now; please pay soon to avoid an interruption.";
  } else {
    consequence = `Paid features of ${brand.tenantName} stay off until the invoice is paid. Your data is kept.`;
  }
  return (
    <EmailLayout
      brand={brand}
      preview={
        amount ? `Payment of ${amount} for ${brand.tenantName} failed` : `Payment for ${brand.tenantName} failed`
      }
      heading={heading}
    >
      <Text style={paragraph}>
        The latest invoice of {brand.tenantName}
        {amount ? `, ${amount},` : ""} could not be charged to the payment method on file.
      </Text>
      <Text style={paragraph}>{consequence}</Text>
      <CallToAction brand={brand} href={data.payLink} label="Pay the invoice" />
      <Text style={paragraph}>To use another card, update the payment method in billing: {data.billingLink}</Text>
    </EmailLayout>
  );
}

export function DunningRestrictedEmail({
  brand,
  data,
}: {
  brand: EmailBrand;
  data: z.output<typeof DunningRestrictedEmailInput>;
}) {
  const suspended = data.stage === "suspended";
  return (
    <EmailLayout
      brand={brand}
      preview={suspended ? `${brand.tenantName} is suspended` : `Paid features of ${brand.tenantName} are off`}
      heading={suspended ? `${brand.tenantName} is suspended for non-payment` : "Paid features are switched off"}
    >
      {suspended ? (
        <Text style={paragraph}>
          The invoice is still unpaid, so {brand.tenantName}'s site now shows visitors a "temporarily unavailable" page.
          Your data is kept, and you can still sign in to billing and pay.
        </Text>
      ) : (
        <Text style={paragraph}>
          The grace period ended with the invoice unpaid, so paid features of {brand.tenantName} are switched off. Your
          data is kept and everything comes back as soon as the invoice is paid.
          {data.suspendOn ? ` If it is still unpaid on ${day(data.suspendOn)}, the site will be suspended.` : ""}
        </Text>
      )}
      <CallToAction brand={brand} href={data.billingLink} label="Pay now" />
    </EmailLayout>
  );
}

export function DunningRestoredEmail({ brand, billingLink }: { brand: EmailBrand; billingLink: string }) {
  return (
    <EmailLayout brand={brand} preview={`Thank you — ${brand.tenantName} is fully restored`} heading="Payment received">
      <Text style={paragraph}>
        Thank you: the outstanding invoice is paid and every feature of {brand.tenantName} is available again.
      </Text>
      <CallToAction brand={brand} href={billingLink} label="View billing" />
    </EmailLayout>
  );
}

export async function renderPaymentFailedEmail(
  input: z.input<typeof PaymentFailedEmailInput>,
  now = new Date(),
): Promise<RenderedEmail> {
  const data = parseInput(PaymentFailedEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  const subject = data.reminder
    ? `Reminder: ${data.tenantName}'s invoice is unpaid`
    : `Payment failed for ${data.tenantName}`;
  return renderEmail(<PaymentFailedEmail brand={brand} data={data} now={now} />, subject);
}

export async function renderDunningRestrictedEmail(
  input: z.input<typeof DunningRestrictedEmailInput>,
): Promise<RenderedEmail> {
  const data = parseInput(DunningRestrictedEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  const subject =
    data.stage === "suspended"
      ? `${data.tenantName} is suspended for non-payment`
      : `Paid features of ${data.tenantName} are switched off`;
  return renderEmail(<DunningRestrictedEmail brand={brand} data={data} />, subject);
}

export async function renderDunningRestoredEmail(
  input: z.input<typeof DunningRestoredEmailInput>,
): Promise<RenderedEmail> {
  const data = parseInput(DunningRestoredEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <DunningRestoredEmail brand={brand} billingLink={data.billingLink} />,
    `Payment received — ${data.tenantName} is restored`,
  );
}
