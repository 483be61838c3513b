import { staffCan } from "@mw/core/authz";
import { LocalTime } from "@mw/core/ui/local-time";
import { notFound } from "next/navigation";
import { controlEnv } from "../../../../lib/env";
import { localMailboxUrl } from "../../../../lib/mailbox";
import { requireStaff } from "../../../../lib/staff-session";

export const metadata = { title: "Mailbox" };
export const dynamic = "force-dynamic";

interface Mail {
  id: string;
  to: string[];
  from: string;
  subject: string;
  created_at: string;
  html?: string;
}

/**
 * Development mailbox: what the Resend emulator accepted (the real `resend` SDK sent it there).
 * It shows every member's sign-in links, so reading it is signing in as them: platform admins
 * only, and a 404 for everyone else — as it is for everyone when a real mail provider is set.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const base = localMailboxUrl(controlEnv);
  if (!base) notFound();
  const staff = await requireStaff("/staff/mailbox");
  if (!staffCan(staff.ability, "platform.mailbox.read")) notFound();
  const res = await fetch(`${base}/_emulator/emails`, { cache: "no-store" }).catch(() => null);
  if (!res?.ok) return <p className="mw-alert error">The Resend emulator at {base} is not answering.</p>;
  const mails = ((await res.json()) as { data: Mail[] }).data;
  const { id } = await searchParams;
  const open = mails.find((m) => m.id === id) ?? mails[0];
  return (
    <>
      <h1>Mailbox</h1>
      <p className="cp-muted">E-mails accepted by the local Resend emulator, newest first.</p>
      <div style={{ display: "grid", gridTemplateColumns: "minmax(260px, 1fr) 2fr", gap: 16 }}>
        <table className="cp-table" data-testid="mailbox">
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={`/staff/mailbox?id=${m.id}`}>{m.subject}</a>
                  <div className="cp-muted">
                    to {m.to.join(", ")} · <LocalTime date={m.created_at} relative />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {open?.html ? (
          <iframe
            title="E-mail"
            sandbox=""
            srcDoc={open.html}
            style={{ width: "100%", minHeight: 560, border: "1px solid #e3e6eb", borderRadius: 10, background: "#fff" }}
          />
        ) : (
          <p className="cp-muted">No e-mail yet.</p>
        )}
      </div>
    </>
  );
}
