import { can } from "@mw/core/authz";
import { limitFor, limitHeldByDunning } from "@mw/core/product";
import { PageHeader } from "@mw/ui/page-header";
import { ArtistForm } from "../../../../../../components/artist-form";
import { NoticePage } from "../../../../../../components/notice";
import { memberCtx, requireSession } from "../../../../../../lib/session";

export const metadata = { title: "New artist" };

export default async function NewArtistPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const session = await requireSession("/artists/new", (await params).tenantId);
  const ctx = await memberCtx();
  if (!can(session.ability, "artist.create")) {
    return <NoticePage title="New artist">Your role does not allow adding artists.</NoticePage>;
  }
  const max = ctx ? limitFor(ctx, "artists", ctx.signals) : null;
  const held = ctx ? limitHeldByDunning(ctx, "artists", ctx.signals) : false;
  let description: string | undefined;
  if (max !== null) {
    description = held
      ? `The latest invoice is unpaid: up to ${max} artists (the Free plan's limit) until it is paid.`
      : `Your plan includes up to ${max} artists.`;
  }
  return (
    <>
      <PageHeader title="New artist" description={description} />
      <ArtistForm />
    </>
  );
}
