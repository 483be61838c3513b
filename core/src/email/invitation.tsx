/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).
import { ThemeTokens } from "@mw/themes";
import { Text } from "@react-email/components";
import { z } from "zod";
import { parseInput } from "../validation";
import { DisplayName, HttpLink, plural, type RenderedEmail, renderEmail } from "./input";
import { brandOf, CallToAction, ConsoleNote, type EmailBrand, EmailLayout, paragraph } from "./layout";

export const InvitationEmailInput = z.strictObject({
  tenantName: DisplayName(120),
  tokens: ThemeTokens,
  link: HttpLink,
  // An empty or blank inviter name reads as "no inviter", not as an error.
  inviterName: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(DisplayName(120).optional()),
  roleNames: z.array(DisplayName(64)).min(1, { error: "name at least one role" }).max(20),
  expiresInDays: z.number().int().min(1).max(365),
  /** Set when the invited roles open the admin console: where the new admin signs in to it. */
  consoleLink: HttpLink.optional(),
});

const listFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

export function InvitationEmail({
  brand,
  link,
  inviterName,
  roleNames,
  expiresInDays,
  consoleLink,
}: {
  brand: EmailBrand;
  link: string;
  inviterName?: string | undefined;
  roleNames: string[];
  expiresInDays: number;
  consoleLink?: string | undefined;
}) {
  const who = inviterName ? `${inviterName} has invited you` : "You have been invited";
  return (
    <EmailLayout
      brand={brand}
      preview={invitationSubject(brand.tenantName, inviterName)}
      heading={`Join ${brand.tenantName}`}
    >
      <Text style={paragraph}>
        {who} to join {brand.tenantName} as {listFormat.format(roleNames)}.
      </Text>
      <CallToAction brand={brand} href={link} label="Accept invitation" />
      {consoleLink ? <ConsoleNote brand={brand} href={consoleLink} /> : null}
      <Text style={{ ...paragraph, color: brand.colors.mutedForeground, fontSize: 13 }}>
        This invitation expires in {plural(expiresInDays, "day", "days")}. If you were not expecting it, you can ignore
        this email.
      </Text>
    </EmailLayout>
  );
}

function invitationSubject(tenantName: string, inviterName: string | undefined): string {
  return inviterName ? `${inviterName} invited you to join ${tenantName}` : `You are invited to join ${tenantName}`;
}

/** Sent by `inviteMember` and by provisioning's owner-invitation step. */
export async function renderInvitationEmail(input: z.input<typeof InvitationEmailInput>): Promise<RenderedEmail> {
  const data = parseInput(InvitationEmailInput, input);
  const brand = brandOf(data.tokens, data.tenantName);
  return renderEmail(
    <InvitationEmail
      brand={brand}
      link={data.link}
      inviterName={data.inviterName}
      roleNames={data.roleNames}
      expiresInDays={data.expiresInDays}
      consoleLink={data.consoleLink}
    />,
    invitationSubject(data.tenantName, data.inviterName),
  );
}
