/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, plural, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const SignUpConfirmEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  link: HttpLink,
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

export const SignUpExistingEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  /** The tenant's sign-in page (where a sign-in link can also be asked for). */
  link: HttpLink,
});

const note = (brand: EmailBrand) => ({ ...paragraph, color: brand.colors.mutedForeground, fontSize: 13 });

export function SignUpConfirmEmail({
  brand,
  link,
  expiresInMinutes,
}: {
  brand: EmailBrand;
  link: string;
  expiresInMinutes: number;
}) {
  return (
    <EmailLayout
      brand={brand}
      preview={`Confirm your e-mail to join ${brand.tenantName}`}
      heading={`Finish signing up to ${brand.tenantName}`}
    >
      <Text style={paragraph}>
        Confirm that this address is yours to create your account. The link works once and expires in{" "}
        {plural(expiresInMinutes, "minute", "minutes")}.
      </Text>
      <CallToAction brand={brand} href={link} label="Confirm and create my account" />
      <Text style={note(brand)}>
        If you did not sign up, ignore this email: no account is created without the link.
      </Text>
    </EmailLayout>
  );
}

export function SignUpExistingEmail({ brand, link }: { brand: EmailBrand; link: string }) {
  return (
    <EmailLayout
      brand={brand}
      preview={`Someone tried to sign up to ${brand.tenantName} with your address`}
      heading="You already have an account"
    >
      <Text style={paragraph}>
        Someone — probably you — just tried to create an account on {brand.tenantName} with this e-mail address, which
        already has one. Sign in instead; if you forgot your password, ask for a sign-in link on the same page.
      </Text>
      <CallToAction brand={brand} href={link} label="Sign in" />
      <Text style={note(brand)}>If it was not you, ignore this email: nothing about your account has changed.</Text>
    </EmailLayout>
  );
}

/** Sent to confirm a new sign-up: the account exists only once the link is used. */
export async function renderSignUpConfirmEmail(input: z.input<typeof SignUpConfirmEmailInput>): Promise<RenderedEmail> {
  const data = parseInput(SignUpConfirmEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <SignUpConfirmEmail brand={brand} link={data.link} expiresInMinutes={data.expiresInMinutes} />,
    `Confirm your e-mail for ${data.tenantName}`,
  );
}

/** Sent instead when the address already has an account, so the sign-up form reveals nothing. */
export async function renderSignUpExistingEmail(
  input: z.input<typeof SignUpExistingEmailInput>,
): Promise<RenderedEmail> {
  const data = parseInput(SignUpExistingEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <SignUpExistingEmail brand={brand} link={data.link} />,
    `Your ${data.tenantName} account: someone tried to sign up again`,
  );
}
