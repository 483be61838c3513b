import { isConsoleAdmin } from "@mw/core/authz";
import type { ReactNode } from "react";
import { AbilityProvider } from "../../../../components/ability";
import { consoleLinkFor } from "../../../../lib/host";
import { currentSession } from "../../../../lib/session";
import { requireHostTenant } from "../../../../lib/tenant";
import { signOutAction } from "../(auth)/actions";

/**
 * Pages for signed-in members. Reads the session cookie, so everything below is rendered per
 * request; the ability's rules go to the browser for UI gating only.
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
  const consoleLink =
    session && isConsoleAdmin(session.ability) ? consoleLinkFor(await requireHostTenant(tenantId)) : null;
  return (
    <AbilityProvider rules={session ? JSON.parse(JSON.stringify(session.ability.rules)) : []}>
      {session ? (
        <div className="mw-spread mw-muted" style={{ marginBottom: 20 }}>
          <span data-testid="signed-in-as">
            Signed in as <strong>{session.user.name || session.user.email}</strong> ({session.roleKeys.join(", ")})
          </span>
          <nav className="mw-spread" aria-label="Account">
            {consoleLink ? (
              <a className="mw-button ghost" href={consoleLink} data-testid="admin-console-link">
                Admin console
              </a>
            ) : null}
            <form action={signOutAction}>
              <button className="mw-button ghost" type="submit">
                Sign out
              </button>
            </form>
          </nav>
        </div>
      ) : null}
      {children}
    </AbilityProvider>
  );
}
