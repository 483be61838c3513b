import { staffCan } from "@mw/core/authz";
import { LocalTime } from "@mw/core/ui/local-time";
import { cn } from "@mw/ui";
import { Alert } from "@mw/ui/alert";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Inbox } from "lucide-react";
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
  if (!res?.ok)
    return (
      <>
        <PageHeader title="Mailbox" />
        <Alert tone="danger">The Resend emulator at {base} is not answering.</Alert>
      </>
    );
  const mails = ((await res.json()) as { data: Mail[] }).data;
  const { id } = await searchParams;
  const open = mails.find((m) => m.id === id) ?? mails[0];
  return (
    <>
      <PageHeader title="Mailbox" description="E-mails accepted by the local Resend emulator, newest first." />
      {mails.length === 0 ? (
        <EmptyState icon={Inbox} title="No e-mail yet" description="Invitations and sign-in links show up here." />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(16rem,1fr)_2fr]">
          <ul
            className="grid max-h-[40rem] content-start divide-y divide-border/35 overflow-y-auto rounded-lg border border-border/35 bg-surface"
            data-testid="mailbox"
          >
            {mails.map((m) => (
              <li key={m.id}>
                <a
                  href={`/staff/mailbox?id=${m.id}`}
                  aria-current={m.id === open?.id ? "true" : undefined}
                  className={cn(
                    "block px-3 py-2 text-sm hover:bg-muted",
                    m.id === open?.id && "bg-accent text-accent-foreground",
                  )}
                >
                  <span className="block font-medium">{m.subject}</span>
                  <span className="block break-words text-muted-foreground text-xs">
                    {/* Only the addresses may break anywhere (they have no spaces); the rest at words. */}
                    to <span className="[overflow-wrap:anywhere]">{m.to.join(", ")}</span> ·{" "}
                    <LocalTime date={m.created_at} relative />
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {open?.html ? (
            <iframe
              title="E-mail"
              sandbox=""
              srcDoc={open.html}
              className="min-h-[35rem] w-full rounded-lg border border-border/35 bg-white"
            />
          ) : null}
        </div>
      )}
    </>
  );
}
