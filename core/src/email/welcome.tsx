/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, ConsoleNote, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const WelcomeEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  link: HttpLink,
  /** Set when the member's roles open the admin console. */
  consoleLink: HttpLink.optional(),
});

export function WelcomeEmail({
  brand,
  link,
  consoleLink,
}: {
  brand: EmailBrand;
  link: string;
  consoleLink?: string | undefined;
}) {
  return (
    <EmailLayout
      brand={brand}
      preview={`Your ${brand.tenantName} account is ready`}
      heading={`Welcome to ${brand.tenantName}`}
    >
      <Text style={paragraph}>Your account is ready. Sign in any time with the button below.</Text>
      <CallToAction brand={brand} href={link} label={`Open ${brand.tenantName}`} />
      {consoleLink ? <ConsoleNote brand={brand} href={consoleLink} /> : null}
    </EmailLayout>
  );
}

/** Sent once a member's account exists (invitation accepted or first sign-in). */
export async function renderWelcomeEmail(input: z.input<typeof WelcomeEmailInput>): Promise<RenderedEmail> {
  const data = parseInput(WelcomeEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <WelcomeEmail brand={brand} link={data.link} consoleLink={data.consoleLink} />,
    `Welcome to ${data.tenantName}`,
  );
}
