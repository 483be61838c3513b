import Link from "next/link";
import type { ReactNode } from "react";
import { requireStaff } from "../../../lib/staff-session";
import { staffSignOutAction } from "../actions";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const s = await requireStaff();
  return (
    <>
      <header className="cp-header">
        <nav className="cp-nav" aria-label="Staff">
          <Link className="cp-brand" href="/staff">
            MusicalWheel · Staff
          </Link>
          <Link href="/staff">Tenants</Link>
          <Link href="/staff/onboard">Onboard a customer</Link>
          <Link href="/staff/runs">Provisioning runs</Link>
          <Link href="/staff/security">Security events</Link>
          <Link href="/staff/mailbox">Mailbox</Link>
        </nav>
        <div className="cp-nav">
          <span data-testid="staff-signed-in">
            {s.staff.name} ({s.staff.roles.join(", ")})
          </span>
          <form action={staffSignOutAction}>
            <button className="cp-button ghost" type="submit">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className="cp-main">{children}</main>
    </>
  );
}
