import type { ReactNode } from "react";
import { AbilityProvider } from "../../../../components/ability";
import { currentSession } from "../../../../lib/session";
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
  const session = await currentSession((await params).tenantId);
  return (
    <AbilityProvider rules={session ? JSON.parse(JSON.stringify(session.ability.rules)) : []}>
      {session ? (
        <div className="mw-spread mw-muted" style={{ marginBottom: 20 }}>
          <span data-testid="signed-in-as">
            Signed in as <strong>{session.user.name || session.user.email}</strong> ({session.roleKeys.join(", ")})
          </span>
          <form action={signOutAction}>
            <button className="mw-button ghost" type="submit">
              Sign out
            </button>
          </form>
        </div>
      ) : null}
      {children}
    </AbilityProvider>
  );
}
