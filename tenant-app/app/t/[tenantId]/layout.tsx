import { featureAvailability } from "@mw/core/product";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFrame } from "../../../components/site-frame";
import { getTenantProfileOrThrow } from "../../../lib/tenant";

type Params = Promise<{ tenantId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return {
    title: { default: t.name, template: `%s · ${t.name}` },
    description: `${t.name} — artists, events and more.`,
    icons: { icon: t.theme.favicon.url },
    applicationName: t.name,
    robots: t.status === "active" ? undefined : { index: false },
  };
}

/**
 * The tenant's brand: theme CSS variables (light + dark), logo, name and favicon. Static: it reads
 * no cookies or headers, so each tenant's public pages are rendered once and cached until the
 * tenant's data changes (on-demand revalidation).
 */
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Params }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  const css = t.css;
  // White-label is a paid feature: a tenant restricted for an unpaid invoice shows the footer again.
  const whiteLabel = featureAvailability(t, "white_label", { dunning: t.dunningState }).available;
  return (
    <>
      {/* compileThemeCss emits only validated, allowlisted values from a closed variable list. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the CSS is built by compileThemeCss, the sanitizer */}
      <style id="mw-theme" data-version={t.themeVersion ?? 0} dangerouslySetInnerHTML={{ __html: css }} />
      <SiteFrame name={t.name} logo={t.theme.logo} poweredBy={!whiteLabel}>
        {children}
      </SiteFrame>
    </>
  );
}
