import { can } from "@mw/core/authz";
import { limitFor } from "@mw/core/product";
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
  const max = ctx ? limitFor(ctx, "artists") : null;
  return (
    <>
      <PageHeader
        title="New artist"
        description={max !== null ? `Your plan includes up to ${max} artists.` : undefined}
      />
      <ArtistForm />
    </>
  );
}
