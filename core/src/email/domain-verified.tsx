/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { parseInput } from "../validation";
import { DisplayName, Hostname, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const DomainVerifiedEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  hostname: Hostname,
});

export function DomainVerifiedEmail({ brand, hostname }: { brand: EmailBrand; hostname: string }) {
  return (
    <EmailLayout brand={brand} preview={`${hostname} is verified`} heading="Your domain is verified">
      <Text style={paragraph}>
        {hostname} is verified and now serves {brand.tenantName}. Members and visitors can use it from now on.
      </Text>
      <CallToAction brand={brand} href={`https://${hostname}/`} label={`Visit ${hostname}`} />
    </EmailLayout>
  );
}

/** Sent to the tenant's admins when a custom domain passes verification. */
export async function renderDomainVerifiedEmail(
  input: z.input<typeof DomainVerifiedEmailInput>,
): Promise<RenderedEmail> {
  const data = parseInput(DomainVerifiedEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <DomainVerifiedEmail brand={brand} hostname={data.hostname} />,
    `${data.hostname} is verified for ${data.tenantName}`,
  );
}
