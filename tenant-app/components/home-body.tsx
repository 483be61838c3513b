import type { ThemeLayout } from "@mw/themes";
import { cn } from "@mw/ui";
import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { CalendarDays, Mic2, UserRound } from "lucide-react";
import Link from "next/link";
import { directoryClass } from "../lib/layout";

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

const onPrimaryOutline =
  "border-primary-foreground/60 bg-transparent text-primary-foreground hover:bg-primary-foreground/10";

/** The hero's arrangement by `layout.hero`: a band, a centered block, or text beside the brand. */
const HERO: Record<ThemeLayout["hero"], { section: string; actions: string; filled: boolean }> = {
  banner: {
    section: "rounded-xl bg-primary px-6 py-12 text-primary-foreground sm:px-10 sm:py-14",
    actions: "flex flex-wrap gap-3",
    filled: true,
  },
  centered: {
    section:
      "flex flex-col items-center rounded-xl bg-primary px-6 py-14 text-center text-primary-foreground sm:px-10 sm:py-20",
    actions: "flex flex-wrap justify-center gap-3",
    filled: true,
  },
  split: {
    section: "grid items-center gap-8 py-4 md:grid-cols-[3fr_2fr]",
    actions: "flex flex-wrap gap-3",
    filled: false,
  },
};

/**
 * The body of a tenant's home page, arranged by the theme's layout. Static for every visitor: no
 * signed-in state here (the cached page cannot know it), so it offers sign-in rather than "Join" —
 * the sign-in page links to sign-up.
 */
export function HomeBody({
  name,
  layout,
  logo,
}: {
  name: string;
  layout: ThemeLayout;
  logo: { url: string; alt: string };
}) {
  const hero = HERO[layout.hero];
  const text = (
    <div className={hero.filled ? "contents" : "min-w-0"}>
      <h1 className="mb-3 font-bold font-heading text-3xl leading-tight sm:text-4xl">Welcome to {name}</h1>
      <p className={cn("mb-6 max-w-2xl text-lg", hero.filled ? "opacity-90" : "text-muted-foreground")}>
        Discover our artists, catch the next show, and join the community.
      </p>
      <div className={hero.actions}>
        <Link
          className={buttonVariants({ variant: hero.filled ? "secondary" : "primary", size: "lg" })}
          href="/artists"
        >
          Browse artists
        </Link>
        <Link
          // cn, not cva's className: tailwind-merge drops the outline's own text colour for this one.
          className={cn(buttonVariants({ variant: "outline", size: "lg" }), hero.filled && onPrimaryOutline)}
          href="/sign-in"
        >
          Sign in
        </Link>
      </div>
    </div>
  );
  return (
    <>
      <section data-testid="home-hero" data-layout={layout.hero} className={cn("mb-8", hero.section)}>
        {text}
        {hero.filled ? null : (
          <div className="flex aspect-[4/3] items-center justify-center rounded-xl bg-primary p-8 max-md:hidden">
            {/* biome-ignore lint/performance/noImgElement: logos are data: or external URLs from the theme */}
            <img src={logo.url} alt="" className="h-24 w-auto" />
          </div>
        )}
      </section>
      <ul className={directoryClass(layout.cards)} data-layout={layout.cards}>
        {SECTIONS.map((s) => (
          <li key={s.title}>
            <Card className="h-full">
              <CardHeader className={layout.cards === "list" ? "flex-nowrap items-center" : "block"}>
                <s.icon aria-hidden className="size-6 shrink-0 text-primary" />
                <div className="min-w-0 flex-1">
                  <CardTitle className="mt-2">{s.title}</CardTitle>
                  <CardDescription>{s.text}</CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <Link href={s.href} className="font-medium text-primary underline-offset-4 hover:underline">
                  {s.cta} →
                </Link>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
