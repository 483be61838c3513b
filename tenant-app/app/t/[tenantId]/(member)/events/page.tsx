import { can } from "@mw/core/authz";
import { listEvents } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import Link from "next/link";
import { RsvpForm } from "../../../../../components/rsvp-form";
import { planGate } from "../../../../../lib/gates";
import { memberCtx, requireSession } from "../../../../../lib/session";

export const metadata = { title: "Events" };

export default async function EventsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const session = await requireSession("/events", (await params).tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const blocked = planGate(ctx, "events", "Events");
  if (blocked) return blocked;
  const result = await listEvents({ ctx, input: { upcomingOnly: true, pageSize: 50 } });
  const canRsvp = can(session.ability, "event.rsvp");
  return (
    <>
      <div className="mw-spread">
        <h1>Upcoming events</h1>
        {can(session.ability, "event.create") ? (
          <Link className="mw-button" href="/events/new">
            New event
          </Link>
        ) : null}
      </div>
      {result.items.length === 0 ? <p className="mw-muted">Nothing scheduled yet.</p> : null}
      <div className="mw-grid" data-testid="event-list">
        {result.items.map((e) => (
          <article key={e.id} className="mw-card">
            <h3 style={{ margin: "0 0 4px" }}>{e.title}</h3>
            <p className="mw-muted" style={{ margin: "0 0 8px" }}>
              {/* In the event's own zone, named: it happens there, wherever the reader is. */}
              <LocalTime date={e.startsAt} timeZone={e.timeZone} /> · <LocalTime date={e.startsAt} relative />
              {e.venue ? ` · ${e.venue}` : ""}
            </p>
            <p style={{ margin: "0 0 12px" }}>
              <span className="mw-badge">{e.going} going</span>{" "}
              <span className="mw-muted">{e.interested} interested</span>
              {e.capacity ? <span className="mw-muted"> · capacity {e.capacity}</span> : null}
            </p>
            <RsvpForm eventId={e.id} myRsvp={e.myRsvp ?? null} allowed={canRsvp} />
          </article>
        ))}
      </div>
    </>
  );
}
