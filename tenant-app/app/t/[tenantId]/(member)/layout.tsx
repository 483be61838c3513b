import { can, isConsoleAdmin } from "@mw/core/authz";
import { Button } from "@mw/ui/button";
import type { ReactNode } from "react";
import { AbilityProvider } from "../../../../components/ability";
import { DunningBanner } from "../../../../components/dunning-banner";
import { MemberNav } from "../../../../components/member-nav";
import { consoleBillingLinkFor, consoleLinkFor } from "../../../../lib/host";
import { currentSession } from "../../../../lib/session";
import { requireHostTenant } from "../../../../lib/tenant";
import { signOutAction } from "../(auth)/actions";

/**
 * Pages for signed-in members. Reads the session cookie, so everything below is rendered per
 * request; the ability's rules go to the browser for UI gating only. The site header is cached for
 * everyone, so what depends on who is signed in (Analytics, the console, sign-out) is here.
 */
export default async function MemberLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantId: string }>;
}) {
  const tenantId = (await params).tenantId;
  const session = await currentSession(tenantId);
  // Administrators (by their ability, as the console itself decides) get a way to the console,
  // which lives on the control plane; the link names the organization so its sign-in needs no slug.
  const tenant = session ? await requireHostTenant(tenantId) : null;
  const consoleLink = tenant && session && isConsoleAdmin(session.ability) ? consoleLinkFor(tenant) : null;
  // An unpaid invoice is the business of those who see billing (owners, admins, billing managers).
  const billingBanner = tenant && session && can(session.ability, "billing.read") && tenant.dunningState !== "ok";
  return (
    <AbilityProvider rules={session ? JSON.parse(JSON.stringify(session.ability.rules)) : []}>
      {session ? (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-border/35 border-b pb-4 text-muted-foreground text-sm">
          <span data-testid="signed-in-as" className="min-w-0 break-words">
            Signed in as <strong className="text-foreground">{session.user.name || session.user.email}</strong> (
            {session.roleKeys.join(", ")})
          </span>
          <nav className="flex flex-wrap items-center gap-2" aria-label="Account">
            {can(session.ability, "analytics.read") ? <MemberNav /> : null}
            {consoleLink ? (
              <Button asChild variant="ghost" size="sm">
                <a href={consoleLink} data-testid="admin-console-link">
                  Admin console
                </a>
              </Button>
            ) : null}
            <form action={signOutAction}>
              <Button variant="outline" size="sm" type="submit">
                Sign out
              </Button>
            </form>
          </nav>
        </div>
      ) : null}
      {billingBanner && tenant && session ? (
        <DunningBanner
          state={tenant.dunningState}
          graceUntil={tenant.graceUntil}
          canManage={can(session.ability, "billing.manage")}
          billingUrl={consoleBillingLinkFor(tenant)}
        />
      ) : null}
      {children}
    </AbilityProvider>
  );
}
