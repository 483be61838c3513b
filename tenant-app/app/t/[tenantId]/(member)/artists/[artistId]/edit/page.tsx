import { can } from "@mw/core/authz";
import { NotFoundError, ValidationError } from "@mw/core/errors";
import { getArtistOrThrow } from "@mw/core/product";
import { PageHeader } from "@mw/ui/page-header";
import { notFound } from "next/navigation";
import { ArtistForm } from "../../../../../../../components/artist-form";
import { NoticePage } from "../../../../../../../components/notice";
import { memberCtx, requireSession } from "../../../../../../../lib/session";

export const metadata = { title: "Edit artist" };

export default async function EditArtistPage({ params }: { params: Promise<{ tenantId: string; artistId: string }> }) {
  const { tenantId, artistId } = await params;
  const session = await requireSession(`/artists/${artistId}/edit`, tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const artist = await getArtistOrThrow({ ctx, input: { artistId } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  if (!can(session.ability, "artist.update", { ownerId: artist.ownerId })) {
    return (
      <NoticePage testId="forbidden" title={artist.name}>
        You can view this artist but not edit it.
      </NoticePage>
    );
  }
  return (
    <>
      <PageHeader title={`Edit ${artist.name}`} />
      <ArtistForm artist={artist} />
    </>
  );
}
