import { consoleLanding } from "@mw/core/sessions";
import { Alert } from "@mw/ui/alert";
import { Card, CardContent } from "@mw/ui/card";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "../../../../components/console/sign-in-form";
import { isConsoleAdmin } from "../../../../lib/console/access";
import { consoleNext, findOrganizationBySlug } from "../../../../lib/console/auth";
import { currentConsole } from "../../../../lib/console-session";

export const metadata: Metadata = { title: "Sign in · MusicalWheel admin console" };

export default async function ConsoleSignInPage({ searchParams }: PageProps<"/console/sign-in">) {
  const sp = await searchParams;
  // No `next` asked for: after signing in, each member lands where their roles lead (a billing
  // manager on Billing), decided by the action once it knows them.
  const asked = typeof sp.next === "string" ? consoleNext(sp.next) : null;
  const next = asked ?? "/console";
  const notAdmin = sp.reason === "not-admin";
  // `org` comes from the tenant's site and e-mails: a hint that spares the admin the slug field,
  // looked up here and again by the sign-in itself, never a reason to let anyone in.
  const t = typeof sp.org === "string" ? await findOrganizationBySlug(sp.org) : null;
  const org = t ? { slug: t.slug, name: t.name } : null;
  const current = await currentConsole();
  // Already signed in as an administrator of this organization: nothing to do here.
  if (current && isConsoleAdmin(current.session.ability) && !notAdmin && (!org || org.slug === current.tenant.slug)) {
    redirect(asked ?? consoleLanding(current.session.ability));
  }
  const anotherOrg = `/console/sign-in${next === "/console" ? "" : `?next=${encodeURIComponent(next)}`}`;
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-4 py-10">
      <Card className="w-full max-w-md">
        <CardContent className="grid gap-5 pt-6">
          <span
            aria-hidden
            className="grid size-10 place-items-center rounded-md bg-primary font-heading font-semibold text-primary-foreground"
          >
            MW
          </span>
          <div className="space-y-1.5">
            <h1 className="font-heading font-semibold text-xl tracking-tight">
              {org ? `Sign in to the ${org.name} admin console` : "Sign in to your admin console"}
            </h1>
            <p className="text-muted-foreground text-sm">
              Manage your organization&apos;s branding, domains, members, roles and audit log.
            </p>
          </div>
          {notAdmin ? (
            <Alert tone="danger">
              This console is for administrators. Your account has no admin permissions in this organization.
            </Alert>
          ) : null}
          <SignInForm next={asked ?? ""} org={org} />
          {org ? (
            <p className="text-muted-foreground text-sm">
              Not an admin of {org.name}?{" "}
              <a href={anotherOrg} className="font-medium text-primary underline-offset-4 hover:underline">
                Sign in to another organization
              </a>
            </p>
          ) : null}
        </CardContent>
      </Card>
    </main>
  );
}
