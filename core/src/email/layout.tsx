/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps JSX working when a tool compiles this file without core's tsconfig (tsx run from the repo root).

import { contrastRatio, FONT_STACKS, type ThemeTokens } from "@mw/themes";
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

/** The tenant's look, resolved once from its theme tokens. Emails use the light palette only. */
export interface EmailBrand {
  tenantName: string;
  accent: string;
  onAccent: string;
  colors: ThemeTokens["colors"]["light"];
  bodyFont: string;
  headingFont: string;
  radius: number;
  logo: ThemeTokens["logo"];
  footerText: string;
}

const MIN_BUTTON_CONTRAST = 4.5;

/**
 * The theme only guarantees `primaryForeground` on `primary`; a separate email accent color may
 * not pair with it, so the button text falls back to black or white when it would be unreadable.
 */
function textOn(accent: string, preferred: string): string {
  if (contrastRatio(preferred, accent) >= MIN_BUTTON_CONTRAST) return preferred;
  return contrastRatio("#ffffff", accent) >= contrastRatio("#000000", accent) ? "#ffffff" : "#000000";
}

export function brandOf(tokens: ThemeTokens, tenantName: string): EmailBrand {
  const colors = tokens.colors.light;
  const accent = tokens.email.accentColor ?? colors.primary;
  return {
    tenantName,
    accent,
    onAccent: textOn(accent, colors.primaryForeground),
    colors,
    bodyFont: FONT_STACKS[tokens.fonts.body],
    headingFont: FONT_STACKS[tokens.fonts.heading],
    radius: tokens.radius,
    logo: tokens.logo,
    footerText: tokens.email.footerText,
  };
}

function Logo({ brand }: { brand: EmailBrand }) {
  const { logo } = brand;
  // A site-relative logo has no host to load from inside a mail client: show the name instead.
  if (logo.url.startsWith("/")) {
    return (
      <Text style={{ fontFamily: brand.headingFont, fontSize: 20, fontWeight: 700, margin: "0 0 24px" }}>
        {brand.tenantName}
      </Text>
    );
  }
  return (
    <Img
      src={logo.url}
      alt={logo.alt}
      width={logo.width ?? (logo.height ? undefined : 40)}
      height={logo.height ?? (logo.width ? undefined : 40)}
      style={{ margin: "0 0 24px" }}
    />
  );
}

function Footer({ brand }: { brand: EmailBrand }) {
  const lines = brand.footerText.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length === 0) return null;
  return (
    <>
      <Hr style={{ borderColor: brand.colors.border, margin: "32px 0 16px" }} />
      <Text style={{ color: brand.colors.mutedForeground, fontSize: 12, lineHeight: "18px", margin: 0 }}>
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static lines in a fixed order; the index is a stable key
          <span key={i}>
            {i > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </Text>
    </>
  );
}

export function EmailLayout({
  brand,
  preview,
  heading,
  children,
}: {
  brand: EmailBrand;
  preview: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: brand.colors.surface, fontFamily: brand.bodyFont, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: brand.colors.background,
            color: brand.colors.foreground,
            border: `1px solid ${brand.colors.border}`,
            borderRadius: brand.radius,
            maxWidth: 560,
            padding: 32,
          }}
        >
          <Logo brand={brand} />
          <Heading
            as="h1"
            style={{ fontFamily: brand.headingFont, fontSize: 22, lineHeight: "30px", margin: "0 0 16px" }}
          >
            {heading}
          </Heading>
          {children}
          <Footer brand={brand} />
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph: CSSProperties = { fontSize: 15, lineHeight: "24px", margin: "0 0 16px" };

/** The call to action, followed by the same link spelled out for clients that hide buttons. */
export function CallToAction({ brand, href, label }: { brand: EmailBrand; href: string; label: string }) {
  return (
    <>
      <Button
        href={href}
        style={{
          backgroundColor: brand.accent,
          color: brand.onAccent,
          borderRadius: brand.radius,
          fontSize: 15,
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
          margin: "8px 0 24px",
        }}
      >
        {label}
      </Button>
      {/* The plain-text part already carries the link next to the button label. */}
      <Text style={{ ...paragraph, color: brand.colors.mutedForeground, fontSize: 13 }} data-skip-in-text="true">
        Or copy this link into your browser:{" "}
        <Link
          href={href}
          style={{ color: brand.colors.foreground, textDecorationLine: "underline", wordBreak: "break-all" }}
        >
          {href}
        </Link>
      </Text>
    </>
  );
}

/**
 * For administrators only: the admin console is on the control plane, not on the site the main
 * button opens, and nothing on a fresh site points there yet.
 */
export function ConsoleNote({ brand, href }: { brand: EmailBrand; href: string }) {
  return (
    <Text style={paragraph}>
      You can manage {brand.tenantName} — its branding, domains, members and roles — in the admin console:{" "}
      <Link href={href} style={{ color: brand.colors.foreground, textDecorationLine: "underline" }}>
        open the admin console
      </Link>
      .
    </Text>
  );
}
