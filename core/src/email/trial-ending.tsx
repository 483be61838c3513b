/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { formatDateTime } from "../ui/dates";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const TrialEndingEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  planName: DisplayName(60),
  trialEnd: z.iso.datetime({ offset: true }),
  /** Whether Stripe has a payment method to charge when the trial ends. */
  hasPaymentMethod: z.boolean(),
  billingLink: HttpLink,
});

export function TrialEndingEmail({ brand, data }: { brand: EmailBrand; data: z.output<typeof TrialEndingEmailInput> }) {
  const end = formatDateTime(new Date(data.trialEnd), { locale: "en-US", timeZone: "UTC", style: "date" });
  return (
    <EmailLayout
      brand={brand}
      preview={`The ${data.planName} trial of ${brand.tenantName} ends on ${end}`}
      heading="Your trial ends soon"
    >
      <Text style={paragraph}>
        The {data.planName} trial of {brand.tenantName} ends on {end}.
      </Text>
      <Text style={paragraph}>
        {data.hasPaymentMethod
          ? "The subscription then starts and the card on file is charged. Nothing else to do — review the plan or change it in billing any time."
          : "Add a payment method before then to keep the plan's features; without one the first invoice cannot be paid."}
      </Text>
      <CallToAction
        brand={brand}
        href={data.billingLink}
        label={data.hasPaymentMethod ? "Review billing" : "Add a payment method"}
      />
    </EmailLayout>
  );
}

/** Sent to the billing contacts three days before a trial ends (Stripe's `trial_will_end`). */
export async function renderTrialEndingEmail(input: z.input<typeof TrialEndingEmailInput>): Promise<RenderedEmail> {
  const data = parseInput(TrialEndingEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <TrialEndingEmail brand={brand} data={data} />,
    `The ${data.planName} trial of ${data.tenantName} ends soon`,
  );
}
