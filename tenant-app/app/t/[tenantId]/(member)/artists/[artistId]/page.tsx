import { NotFoundError, ValidationError } from "@mw/core/errors";
import { getArtistOrThrow } from "@mw/core/product";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { notFound } from "next/navigation";
import { ArtistActions } from "../../../../../../components/artist-actions";
import { memberCtx, requireSession } from "../../../../../../lib/session";

export default async function ArtistPage({ params }: { params: Promise<{ tenantId: string; artistId: string }> }) {
  const { tenantId, artistId } = await params;
  await requireSession(`/artists/${artistId}`, tenantId, "artist.read");
  const ctx = await memberCtx();
  if (!ctx) return null;
  const artist = await getArtistOrThrow({ ctx, input: { artistId } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const meta = [artist.genre, artist.country].filter(Boolean).join(" · ");
  return (
    <article>
      <Breadcrumbs items={[{ label: "Artists", href: "/artists" }, { label: artist.name }]} />
      <PageHeader
        title={artist.name}
        description={meta || undefined}
        actions={<ArtistActions artist={{ id: artist.id, name: artist.name, ownerId: artist.ownerId }} />}
      />
      {artist.bio || artist.website ? (
        <Card>
          <CardContent className="grid gap-4 pt-5">
            {artist.bio ? <p className="whitespace-pre-wrap">{artist.bio}</p> : null}
            {artist.website ? (
              <p>
                <a
                  className="break-all font-medium text-primary underline-offset-4 hover:underline"
                  href={artist.website}
                  rel="noopener noreferrer nofollow"
                  target="_blank"
                >
                  {artist.website}
                </a>
              </p>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
    </article>
  );
}
