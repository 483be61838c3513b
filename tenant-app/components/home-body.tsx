import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { CalendarDays, Mic2, UserRound } from "lucide-react";
import Link from "next/link";

const SECTIONS = [
  {
    icon: Mic2,
    title: "Artists",
    text: "Profiles of the artists, with genres and links.",
    href: "/artists",
    cta: "Open the directory",
  },
  {
    icon: CalendarDays,
    title: "Events",
    text: "Upcoming shows. RSVP to let the organizers know you are coming.",
    href: "/events",
    cta: "See what's on",
  },
  {
    icon: UserRound,
    title: "Your account",
    text: "Sign in with your password or a one-time link by e-mail.",
    href: "/account",
    cta: "Go to your account",
  },
] as const;

/**
 * The body of a tenant's home page. Static for every visitor: no signed-in state here (the cached
 * page cannot know it), so it offers sign-in rather than "Join" — the sign-in page links to sign-up.
 */
export function HomeBody({ name }: { name: string }) {
  return (
    <>
      <section
        data-testid="home-hero"
        className="mb-8 rounded-xl bg-primary px-6 py-12 text-primary-foreground sm:px-10 sm:py-14"
      >
        <h1 className="mb-3 font-bold font-heading text-3xl leading-tight sm:text-4xl">Welcome to {name}</h1>
        <p className="mb-6 max-w-2xl text-lg opacity-90">
          Discover our artists, catch the next show, and join the community.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link className={buttonVariants({ variant: "secondary", size: "lg" })} href="/artists">
            Browse artists
          </Link>
          <Link
            className={buttonVariants({
              variant: "outline",
              size: "lg",
              className:
                "border-primary-foreground/60 bg-transparent text-primary-foreground hover:bg-primary-foreground/10",
            })}
            href="/sign-in"
          >
            Sign in
          </Link>
        </div>
      </section>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((s) => (
          <Card key={s.title}>
            <CardHeader>
              <s.icon aria-hidden className="size-6 text-primary" />
              <CardTitle>{s.title}</CardTitle>
              <CardDescription>{s.text}</CardDescription>
            </CardHeader>
            <CardContent>
              <Link href={s.href} className="font-medium text-primary underline-offset-4 hover:underline">
                {s.cta} →
              </Link>
            </CardContent>
          </Card>
        ))}
      </div>
    </>
  );
}
