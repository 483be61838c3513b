import { can } from "@mw/core/authz";
import { listArtists } from "@mw/core/product";
import { supportedTimeZones } from "@mw/core/ui/dates";
import { PageHeader } from "@mw/ui/page-header";
import { EventForm } from "../../../../../../components/event-form";
import { NoticePage } from "../../../../../../components/notice";
import { planGate } from "../../../../../../lib/gates";
import { memberCtx, requireSession } from "../../../../../../lib/session";

export const metadata = { title: "New event" };

export default async function NewEventPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const session = await requireSession("/events/new", (await params).tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const blocked = planGate(ctx, "events", "Events");
  if (blocked) return blocked;
  if (!can(session.ability, "event.create")) {
    return <NoticePage title="New event">Your role does not allow creating events.</NoticePage>;
  }
  const artists = await listArtists({ ctx, input: { pageSize: 100 } });
  return (
    <>
      <PageHeader title="New event" />
      <EventForm artists={artists.items.map((a) => ({ id: a.id, name: a.name }))} timeZones={supportedTimeZones()} />
    </>
  );
}
