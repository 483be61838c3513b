import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "../../../../components/console/sign-in-form";
import { isConsoleAdmin } from "../../../../lib/console/access";
import { consoleNext } from "../../../../lib/console/auth";
import { currentConsole } from "../../../../lib/console-session";

export const metadata: Metadata = { title: "Sign in · MusicalWheel admin console" };

export default async function ConsoleSignInPage({ searchParams }: PageProps<"/console/sign-in">) {
  const sp = await searchParams;
  const next = consoleNext(typeof sp.next === "string" ? sp.next : null);
  const notAdmin = sp.reason === "not-admin";
  const current = await currentConsole();
  // Already signed in as an administrator: nothing to do here.
  if (current && isConsoleAdmin(current.session.ability) && !notAdmin) redirect(next);
  return (
    <main className="ac-auth">
      <div className="ac-auth-card">
        <div className="ac-logo" aria-hidden>
          MW
        </div>
        <h1>Sign in to your admin console</h1>
        <p className="ac-muted">Manage your organization&apos;s branding, domains, members, roles and audit log.</p>
        {notAdmin ? (
          <div className="mw-alert error" role="alert">
            This console is for administrators. Your account has no admin permissions in this organization.
          </div>
        ) : null}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
