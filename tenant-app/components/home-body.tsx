import type { TenantShowcase } from "@mw/core/product";
import type { ThemeLayout } from "@mw/themes";
import { cn } from "@mw/ui";
import { buttonVariants } from "@mw/ui/button";
import Link from "next/link";
import { FeaturedArtists, UpcomingEvents } from "./home-showcase";

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
 * the sign-in page links to sign-up. Below the hero, the tenant's upcoming events (when its plan has
 * them) and featured artists.
 */
export function HomeBody({
  name,
  layout,
  logo,
  showcase,
}: {
  name: string;
  layout: ThemeLayout;
  logo: { url: string; alt: string };
  showcase: TenantShowcase;
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
      {showcase.events ? <UpcomingEvents events={showcase.events} layout={layout} /> : null}
      <FeaturedArtists artists={showcase.artists} layout={layout} />
    </>
  );
}
