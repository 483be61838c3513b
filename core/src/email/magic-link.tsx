/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, plural, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const MagicLinkEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  link: HttpLink,
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

export function MagicLinkEmail({
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
      preview={`Your sign-in link for ${brand.tenantName}`}
      heading={`Sign in to ${brand.tenantName}`}
    >
      <Text style={paragraph}>
        Use the button below to sign in. The link works once and expires in{" "}
        {plural(expiresInMinutes, "minute", "minutes")}.
      </Text>
      <CallToAction brand={brand} href={link} label="Sign in" />
      <Text style={{ ...paragraph, color: brand.colors.mutedForeground, fontSize: 13 }}>
        If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.
      </Text>
    </EmailLayout>
  );
}

/** The passwordless sign-in email of the local auth provider. */
export async function renderMagicLinkEmail(input: z.input<typeof MagicLinkEmailInput>): Promise<RenderedEmail> {
  const data = parseInput(MagicLinkEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <MagicLinkEmail brand={brand} link={data.link} expiresInMinutes={data.expiresInMinutes} />,
    `Your sign-in link for ${data.tenantName}`,
  );
}
