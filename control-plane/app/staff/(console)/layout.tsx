import { staffCan } from "@mw/core/authz";
import Link from "next/link";
import type { ReactNode } from "react";
import { controlEnv } from "../../../lib/env";
import { localMailboxUrl } from "../../../lib/mailbox";
import { requireStaff } from "../../../lib/staff-session";
import { staffSignOutAction } from "../actions";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const s = await requireStaff();
  const mailbox = localMailboxUrl(controlEnv) !== null && staffCan(s.ability, "platform.mailbox.read");
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
          {mailbox ? <Link href="/staff/mailbox">Mailbox</Link> : null}
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
