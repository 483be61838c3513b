import { can } from "@mw/core/authz";
import { limitFor } from "@mw/core/product";
import { ArtistForm } from "../../../../../../components/artist-form";
import { memberCtx, requireSession } from "../../../../../../lib/session";

export const metadata = { title: "New artist" };

export default async function NewArtistPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const session = await requireSession("/artists/new", (await params).tenantId);
  const ctx = await memberCtx();
  if (!can(session.ability, "artist.create")) {
    return (
      <section className="mw-card">
        <h1>New artist</h1>
        <p>Your role does not allow adding artists.</p>
      </section>
    );
  }
  const max = ctx ? limitFor(ctx, "artists") : null;
  return (
    <section>
      <h1>New artist</h1>
      {max !== null ? <p className="mw-muted">Your plan includes up to {max} artists.</p> : null}
      <ArtistForm />
    </section>
  );
}
