import { NotFoundError, ValidationError } from "@mw/core/errors";
import { getArtistOrThrow } from "@mw/core/product";
import { notFound } from "next/navigation";
import { ArtistActions } from "../../../../../../components/artist-actions";
import { memberCtx, requireSession } from "../../../../../../lib/session";

export default async function ArtistPage({ params }: { params: Promise<{ tenantId: string; artistId: string }> }) {
  const { tenantId, artistId } = await params;
  await requireSession(`/artists/${artistId}`, tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const artist = await getArtistOrThrow({ ctx, input: { artistId } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  return (
    <article className="mw-card">
      <div className="mw-spread">
        <h1 style={{ margin: 0 }}>{artist.name}</h1>
        <ArtistActions artist={{ id: artist.id, ownerId: artist.ownerId }} />
      </div>
      <p className="mw-muted">{[artist.genre, artist.country].filter(Boolean).join(" · ")}</p>
      {artist.bio ? <p style={{ whiteSpace: "pre-wrap" }}>{artist.bio}</p> : null}
      {artist.website ? (
        <p>
          <a href={artist.website} rel="noopener noreferrer nofollow" target="_blank">
            {artist.website}
          </a>
        </p>
      ) : null}
    </article>
  );
}
