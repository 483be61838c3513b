import { can } from "@mw/core/authz";
import { listEvents } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import { Badge } from "@mw/ui/badge";
import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { CalendarDays } from "lucide-react";
import Link from "next/link";
import { RsvpForm } from "../../../../../components/rsvp-form";
import { featureUsable, planGate } from "../../../../../lib/gates";
import { directoryClass } from "../../../../../lib/layout";
import { memberCtx, requireSession } from "../../../../../lib/session";
import { getTenantProfileOrThrow } from "../../../../../lib/tenant";

export const metadata = { title: "Events" };

export default async function EventsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const tenantId = (await params).tenantId;
  const session = await requireSession("/events", tenantId, "event.read");
  const ctx = await memberCtx();
  if (!ctx) return null;
  // A tenant restricted for an unpaid invoice keeps its events readable; nothing new until it pays.
  const blocked = planGate(ctx, "events", "Events", "read");
  if (blocked) return blocked;
  const result = await listEvents({ ctx, input: { upcomingOnly: true, pageSize: 50 } });
  const usable = featureUsable(ctx, "events");
  const canRsvp = usable && can(session.ability, "event.rsvp");
  const canCreate = usable && can(session.ability, "event.create");
  const { layout } = (await getTenantProfileOrThrow(tenantId)).theme;
  return (
    <>
      <PageHeader
        title="Upcoming events"
        actions={
          canCreate ? (
            <Link className={buttonVariants()} href="/events/new">
              New event
            </Link>
          ) : null
        }
      />
      {result.items.length === 0 ? (
        <EmptyState
          icon={CalendarDays}
          title="Nothing scheduled yet."
          description={canCreate ? "Create the first event." : "New events appear here."}
        />
      ) : null}
      <div className={directoryClass(layout.cards)} data-testid="event-list">
        {result.items.map((e) => (
          <article key={e.id}>
            <Card className="flex h-full flex-col">
              <CardHeader className="block">
                <CardTitle as="h2" className="font-heading text-lg">
                  {e.title}
                </CardTitle>
                <p className="mt-1 text-muted-foreground text-sm">
                  {/* In the event's own zone, named: it happens there, wherever the reader is. */}
                  <LocalTime date={e.startsAt} timeZone={e.timeZone} /> · <LocalTime date={e.startsAt} relative />
                  {e.venue ? ` · ${e.venue}` : ""}
                </p>
              </CardHeader>
              <CardContent className="flex flex-1 flex-wrap items-center gap-2 text-sm">
                <Badge tone="primary">{e.going} going</Badge>
                <span className="text-muted-foreground">{e.interested} interested</span>
                {e.capacity ? <span className="text-muted-foreground">· capacity {e.capacity}</span> : null}
              </CardContent>
              {/* Always at the same place in the tree: refused after a role change, the re-rendered page
                  has no buttons, and this form's hook must survive to show the 403 page. */}
              <CardFooter className="empty:hidden">
                <RsvpForm eventId={e.id} myRsvp={e.myRsvp ?? null} allowed={canRsvp} />
              </CardFooter>
            </Card>
          </article>
        ))}
      </div>
    </>
  );
}
