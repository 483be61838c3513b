import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "../../../../components/console/sign-in-form";
import { isConsoleAdmin } from "../../../../lib/console/access";
import { consoleNext, findOrganizationBySlug } from "../../../../lib/console/auth";
import { currentConsole } from "../../../../lib/console-session";

export const metadata: Metadata = { title: "Sign in · MusicalWheel admin console" };

export default async function ConsoleSignInPage({ searchParams }: PageProps<"/console/sign-in">) {
  const sp = await searchParams;
  const next = consoleNext(typeof sp.next === "string" ? sp.next : null);
  const notAdmin = sp.reason === "not-admin";
  // `org` comes from the tenant's site and e-mails: a hint that spares the admin the slug field,
  // looked up here and again by the sign-in itself, never a reason to let anyone in.
  const t = typeof sp.org === "string" ? await findOrganizationBySlug(sp.org) : null;
  const org = t ? { slug: t.slug, name: t.name } : null;
  const current = await currentConsole();
  // Already signed in as an administrator of this organization: nothing to do here.
  if (current && isConsoleAdmin(current.session.ability) && !notAdmin && (!org || org.slug === current.tenant.slug)) {
    redirect(next);
  }
  const anotherOrg = `/console/sign-in${next === "/console" ? "" : `?next=${encodeURIComponent(next)}`}`;
  return (
    <main className="ac-auth">
      <div className="ac-auth-card">
        <div className="ac-logo" aria-hidden>
          MW
        </div>
        <h1>{org ? `Sign in to the ${org.name} admin console` : "Sign in to your admin console"}</h1>
        <p className="ac-muted">Manage your organization&apos;s branding, domains, members, roles and audit log.</p>
        {notAdmin ? (
          <div className="mw-alert error" role="alert">
            This console is for administrators. Your account has no admin permissions in this organization.
          </div>
        ) : null}
        <SignInForm next={next} org={org} />
        {org ? (
          <p className="ac-muted">
            Not an admin of {org.name}? <a href={anotherOrg}>Sign in to another organization</a>
          </p>
        ) : null}
      </div>
    </main>
  );
}
