import type { ShowcaseArtist, ShowcaseEvent } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import type { ThemeLayout } from "@mw/themes";
import { cn } from "@mw/ui";
import { Card } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { CalendarDays, MapPin, Mic2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { directoryClass } from "../lib/layout";

/**
 * The home page's showcase: upcoming events and featured artists, arranged by the theme's
 * `layout.cards` (grid of cards or list of rows). Static markup for the cached page; times are in
 * each event's own zone, named, as on the events page.
 */

function Section({
  id,
  title,
  more,
  children,
}: {
  id: string;
  title: string;
  more: { href: string; label: string } | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-10" data-testid={id}>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={id} className="font-bold font-heading text-2xl">
          {title}
        </h2>
        {more ? (
          <Link href={more.href} className="font-medium text-primary text-sm underline-offset-4 hover:underline">
            {more.label} →
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}

/** Day and month of the event in its own zone, as a calendar leaf (decorative: the text says it). */
function DateLeaf({ date, timeZone }: { date: Date; timeZone: string }) {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, ...options }).format(date);
  return (
    <div
      aria-hidden
      className="flex w-14 shrink-0 flex-col items-center justify-center rounded-md bg-primary py-1.5 text-primary-foreground"
    >
      <span className="font-semibold text-[0.7rem] uppercase tracking-wide">{part({ month: "short" })}</span>
      <span className="font-bold font-heading text-2xl leading-none">{part({ day: "numeric" })}</span>
    </div>
  );
}

export function UpcomingEvents({ events, layout }: { events: readonly ShowcaseEvent[]; layout: ThemeLayout }) {
  return (
    <Section
      id="upcoming-events"
      title="Upcoming events"
      more={events.length ? { href: "/events", label: "All events" } : null}
    >
      {events.length === 0 ? (
        <EmptyState
          icon={CalendarDays}
          title="No upcoming events"
          description="New shows appear here as they are announced."
        />
      ) : (
        <ul className={directoryClass(layout.cards)} data-layout={layout.cards}>
          {events.map((e) => (
            <li key={e.id} data-testid="home-event">
              <Card className={cn("flex h-full gap-4 p-4", layout.cards === "list" ? "items-center" : "items-start")}>
                <DateLeaf date={e.startsAt} timeZone={e.timeZone} />
                <div className="min-w-0 flex-1">
                  <h3 className="break-words font-heading font-semibold text-lg leading-snug">{e.title}</h3>
                  {e.artistName ? <p className="break-words text-sm">{e.artistName}</p> : null}
                  <p className="mt-1 text-muted-foreground text-sm" data-testid="home-event-time">
                    <LocalTime date={e.startsAt} timeZone={e.timeZone} />
                  </p>
                  {e.venue ? (
                    <p className="mt-0.5 flex items-center gap-1 text-muted-foreground text-sm">
                      <MapPin aria-hidden className="size-3.5 shrink-0" />
                      <span className="min-w-0 break-words">{e.venue}</span>
                    </p>
                  ) : null}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function FeaturedArtists({ artists, layout }: { artists: readonly ShowcaseArtist[]; layout: ThemeLayout }) {
  return (
    <Section
      id="featured-artists"
      title="Featured artists"
      more={artists.length ? { href: "/artists", label: "All artists" } : null}
    >
      {artists.length === 0 ? (
        <EmptyState icon={Mic2} title="No artists yet" description="Artist profiles appear here once they are added." />
      ) : (
        <ul className={directoryClass(layout.cards)} data-layout={layout.cards}>
          {artists.map((a) => (
            <li key={a.id} data-testid="home-artist">
              <Card className="flex h-full items-center gap-4 p-4">
                <span
                  aria-hidden
                  className="grid size-12 shrink-0 place-items-center rounded-full bg-secondary font-bold font-heading text-lg text-secondary-foreground"
                >
                  {initials(a.name)}
                </span>
                <div className="min-w-0 flex-1">
                  <h3 className="break-words font-heading font-semibold text-lg leading-snug">
                    <Link href={`/artists/${a.id}`} className="underline-offset-4 hover:underline">
                      {a.name}
                    </Link>
                  </h3>
                  {a.genre || a.country ? (
                    <p className="break-words text-muted-foreground text-sm">
                      {[a.genre, a.country].filter(Boolean).join(" · ")}
                    </p>
                  ) : null}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** "Busy Band" → "BB"; a single word → its first two letters. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0], words[1]].map((w) => [...(w ?? "")][0] ?? "") : [...(words[0] ?? "")].slice(0, 2);
  return letters.join("").toUpperCase();
}
