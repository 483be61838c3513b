import { Alert } from "@mw/ui/alert";
import { AppShell, type NavItem } from "@mw/ui/app-shell";
import { Button } from "@mw/ui/button";
import { MODE_COOKIE, parseMode } from "@mw/ui/mode";
import { ModeToggle } from "@mw/ui/mode-toggle";
import { CreditCard, Globe, LayoutDashboard, LogOut, Palette, ScrollText, Shield, Users } from "lucide-react";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { signOutAction } from "../../app/console/(auth)/actions";
import { permissionFlags } from "../../lib/console/access";
import type { ConsoleContext } from "../../lib/console-session";
import { ConsoleDunningBanner } from "./dunning-banner";

/**
 * The signed-in admin console around a page: navigation to the sections the person's ability
 * reads (a billing manager sees Overview, Members, Audit log and Billing — nothing it cannot open),
 * mode toggle, who is signed in, and the tenant's status banner (or, for those who read billing,
 * the unpaid-invoice banner). Shared by the admin pages and the
 * billing pages, which live in their own folder.
 */
export async function ConsoleShell({ c, children }: { c: ConsoleContext; children: ReactNode }) {
  const can = permissionFlags(c.session.ability, [
    "theme.read",
    "domain.read",
    "member.read",
    "role.read",
    "audit.read",
    "billing.read",
    "billing.manage",
  ]);
  const { user } = c.session;
  const mode = parseMode((await cookies()).get(MODE_COOKIE)?.value);
  const nav: NavItem[] = [
    { href: "/console", label: "Overview", icon: <LayoutDashboard aria-hidden />, exact: true },
    ...(can["theme.read"] ? [{ href: "/console/theme", label: "Theme", icon: <Palette aria-hidden /> }] : []),
    ...(can["domain.read"] ? [{ href: "/console/domains", label: "Domains", icon: <Globe aria-hidden /> }] : []),
    ...(can["member.read"] ? [{ href: "/console/members", label: "Members", icon: <Users aria-hidden /> }] : []),
    ...(can["role.read"] ? [{ href: "/console/roles", label: "Roles", icon: <Shield aria-hidden /> }] : []),
    ...(can["audit.read"] ? [{ href: "/console/audit", label: "Audit log", icon: <ScrollText aria-hidden /> }] : []),
    ...(can["billing.read"] ? [{ href: "/console/billing", label: "Billing", icon: <CreditCard aria-hidden /> }] : []),
  ];
  return (
    <AppShell
      navLabel="Console"
      nav={nav}
      brand={
        <div className="flex min-w-0 items-center gap-2.5">
          <span
            aria-hidden
            className="grid size-9 shrink-0 place-items-center rounded-md bg-primary font-heading font-semibold text-primary-foreground text-sm"
          >
            {c.tenant.name.slice(0, 2).toUpperCase()}
          </span>
          <span className="min-w-0">
            <span className="block truncate font-heading font-semibold">{c.tenant.name}</span>
            <span className="block truncate text-muted-foreground text-xs">{c.tenant.slug}</span>
          </span>
        </div>
      }
      footer={
        <div className="grid gap-3">
          <div className="min-w-0 text-sm">
            <div className="truncate font-medium" data-testid="console-user">
              {user.name || user.email}
            </div>
            {user.name ? <div className="truncate text-muted-foreground text-xs">{user.email}</div> : null}
          </div>
          <div className="flex items-center justify-between gap-2">
            <ModeToggle initial={mode} />
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">
                <LogOut aria-hidden />
                Sign out
              </Button>
            </form>
          </div>
        </div>
      }
      banner={
        c.tenant.status !== "active" ? (
          <div className="px-4 pt-4 sm:px-6 lg:px-10">
            <Alert tone="danger" title={`This organization is ${c.tenant.status}.`}>
              You can look around, but changes are not possible right now.
            </Alert>
          </div>
        ) : can["billing.read"] && c.dunning.state !== "ok" ? (
          <div className="px-4 pt-4 sm:px-6 lg:px-10">
            <ConsoleDunningBanner
              state={c.dunning.state}
              graceUntil={c.dunning.graceUntil}
              canManage={can["billing.manage"]}
            />
          </div>
        ) : null
      }
    >
      {children}
    </AppShell>
  );
}
