import type { ReactNode } from "react";
import { ConsoleNav } from "../../../components/console/console-nav";
import { isConsoleAdmin, permissionFlags } from "../../../lib/console/access";
import { currentConsole } from "../../../lib/console-session";
import { signOutAction } from "../(auth)/actions";

/**
 * The signed-in shell. Without an admin session it renders the page alone: every page calls
 * `requireConsoleAdmin(<its own path>)`, which redirects to sign-in with the right `next` — a layout
 * does not know the path, so redirecting here would lose it.
 */
export default async function ConsoleAdminLayout({ children }: { children: ReactNode }) {
  const c = await currentConsole();
  if (!c || !isConsoleAdmin(c.session.ability)) return children;
  const can = permissionFlags(c.session.ability, [
    "theme.read",
    "domain.read",
    "member.read",
    "role.read",
    "audit.read",
  ]);
  const { user } = c.session;
  return (
    <div className="ac-shell">
      <aside className="ac-sidebar">
        <div className="ac-org">
          <div className="ac-logo" aria-hidden>
            MW
          </div>
          <div>
            <div className="ac-org-name">{c.tenant.name}</div>
            <div className="ac-muted ac-small">{c.tenant.slug}</div>
          </div>
        </div>
        <ConsoleNav
          items={[
            { href: "/console", label: "Overview", show: true },
            { href: "/console/theme", label: "Theme", show: can["theme.read"] },
            { href: "/console/domains", label: "Domains", show: can["domain.read"] },
            { href: "/console/members", label: "Members", show: can["member.read"] },
            { href: "/console/roles", label: "Roles", show: can["role.read"] },
            { href: "/console/audit", label: "Audit log", show: can["audit.read"] },
          ]}
        />
        <div className="ac-user">
          <div className="ac-user-name" data-testid="console-user">
            {user.name || user.email}
          </div>
          {user.name ? <div className="ac-muted ac-small">{user.email}</div> : null}
          <form action={signOutAction}>
            <button type="submit" className="ac-button ghost small">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <div className="ac-content">
        {c.tenant.status !== "active" ? (
          <div className="mw-alert error" role="alert">
            This organization is {c.tenant.status}. You can look around, but changes are not possible right now.
          </div>
        ) : null}
        {children}
      </div>
    </div>
  );
}
