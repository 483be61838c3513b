import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mw/ui/card";
import { Building2, Palette, ShieldCheck, Workflow } from "lucide-react";
import Link from "next/link";

const FEATURES = [
  {
    icon: Palette,
    title: "Your brand",
    text: "Each organization gets its own site: theme, logo, fonts and its own domain.",
  },
  {
    icon: Building2,
    title: "Your people",
    text: "Members, roles and invitations, with every change in the audit log.",
  },
  {
    icon: Workflow,
    title: "Provisioned for you",
    text: "MusicalWheel staff onboard, watch and look after every instance.",
  },
] as const;

/** The control plane's front door: what MusicalWheel is and the two ways in. */
export default function Home() {
  return (
    <div className="min-h-dvh bg-background text-foreground">
      <header className="border-border/35 border-b">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <span className="font-heading font-semibold text-lg">MusicalWheel</span>
          <nav aria-label="Sign in" className="flex flex-wrap gap-2">
            <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/console/sign-in">
              Admin sign-in
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-16">
        <section className="max-w-2xl space-y-4">
          <h1 className="font-heading font-semibold text-3xl tracking-tight sm:text-4xl">
            Branded music platforms for choirs, schools and ensembles
          </h1>
          <p className="text-lg text-muted-foreground">
            MusicalWheel runs a site of its own for every organization — events, members and news under the
            organization&apos;s name and look. This is the control plane where those sites are configured.
          </p>
        </section>
        <ul className="mt-10 grid gap-4 sm:grid-cols-3">
          {FEATURES.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-lg border border-border/35 bg-surface p-4">
              <Icon aria-hidden className="mb-2 size-5 text-primary" />
              <h2 className="font-medium">{title}</h2>
              <p className="text-muted-foreground text-sm">{text}</p>
            </li>
          ))}
        </ul>
        <div className="mt-10 grid gap-4 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Organization administrators</CardTitle>
              <CardDescription>
                Configure your branded instance: theme, domains, members, roles and the audit log.
              </CardDescription>
            </CardHeader>
            <CardContent />
            <CardFooter>
              <Link className={buttonVariants()} href="/console/sign-in">
                Sign in to the admin console
              </Link>
            </CardFooter>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>MusicalWheel staff</CardTitle>
              <CardDescription>Onboard customers, watch provisioning, suspend and offboard tenants.</CardDescription>
            </CardHeader>
            <CardContent />
            <CardFooter>
              <Link className={buttonVariants({ variant: "outline" })} href="/staff/sign-in">
                <ShieldCheck aria-hidden /> Staff sign-in
              </Link>
            </CardFooter>
          </Card>
        </div>
      </main>
      <footer className="border-border/35 border-t">
        <p className="mx-auto max-w-5xl px-4 py-6 text-muted-foreground text-sm sm:px-6">© MusicalWheel</p>
      </footer>
    </div>
  );
}
