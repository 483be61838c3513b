import { staffCan } from "@mw/core/authz";
import { AppShell, type NavItem } from "@mw/ui/app-shell";
import { Button } from "@mw/ui/button";
import { MODE_COOKIE, parseMode } from "@mw/ui/mode";
import { ModeToggle } from "@mw/ui/mode-toggle";
import { Building2, ChartLine, Inbox, PlusCircle, ShieldAlert, Workflow } from "lucide-react";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { controlEnv } from "../../../lib/env";
import { localMailboxUrl } from "../../../lib/mailbox";
import { requireStaff } from "../../../lib/staff-session";
import { staffSignOutAction } from "../actions";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const s = await requireStaff();
  const mailbox = localMailboxUrl(controlEnv) !== null && staffCan(s.ability, "platform.mailbox.read");
  const mode = parseMode((await cookies()).get(MODE_COOKIE)?.value);
  const nav: NavItem[] = [
    { href: "/staff", label: "Tenants", icon: <Building2 aria-hidden />, exact: true, also: ["/staff/tenants"] },
    { href: "/staff/onboard", label: "Onboard", icon: <PlusCircle aria-hidden /> },
    { href: "/staff/runs", label: "Runs", icon: <Workflow aria-hidden /> },
    { href: "/staff/security", label: "Security", icon: <ShieldAlert aria-hidden /> },
    ...(staffCan(s.ability, "platform.revenue.read")
      ? [{ href: "/staff/revenue", label: "Revenue", icon: <ChartLine aria-hidden /> }]
      : []),
    ...(mailbox ? [{ href: "/staff/mailbox", label: "Mailbox", icon: <Inbox aria-hidden /> }] : []),
  ];
  return (
    <AppShell
      navLabel="Staff"
      nav={nav}
      brand={
        <Link href="/staff" className="font-heading font-semibold text-foreground no-underline">
          MusicalWheel <span className="text-muted-foreground">· Staff</span>
        </Link>
      }
      footer={
        <div className="grid gap-3 text-sm">
          <p className="min-w-0 break-words" data-testid="staff-signed-in">
            <span className="font-medium">{s.staff.name}</span>{" "}
            <span className="text-muted-foreground">({s.staff.roles.join(", ")})</span>
          </p>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <form action={staffSignOutAction}>
              <Button variant="outline" size="sm" type="submit">
                Sign out
              </Button>
            </form>
            <ModeToggle initial={mode} />
          </div>
        </div>
      }
    >
      {children}
    </AppShell>
  );
}
