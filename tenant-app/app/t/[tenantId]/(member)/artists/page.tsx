import { listArtists } from "@mw/core/product";
import Link from "next/link";
import { NewArtistButton } from "../../../../../components/artist-actions";
import { memberCtx, requireSession } from "../../../../../lib/session";

export const metadata = { title: "Artists" };

export default async function ArtistsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const sp = await searchParams;
  await requireSession("/artists", (await params).tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const q = (sp.q ?? "").slice(0, 100);
  const result = await listArtists({ ctx, input: { ...(q ? { q } : {}), page, pageSize: 12 } });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (p: number) => `/artists?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <div className="mw-spread">
        <h1>Artists</h1>
        <NewArtistButton />
      </div>
      <form className="mw-search mw-row" aria-label="Search artists" style={{ marginBottom: 20 }}>
        <input name="q" placeholder="Search by name or genre" defaultValue={q} aria-label="Search artists" />
        <button className="mw-button ghost" type="submit">
          Search
        </button>
      </form>
      {result.items.length === 0 ? (
        <p className="mw-muted">{q ? `No artists match “${q}”.` : "No artists yet."}</p>
      ) : (
        <div className="mw-grid" data-testid="artist-list">
          {result.items.map((a) => (
            <Link key={a.id} href={`/artists/${a.id}`} className="mw-card" style={{ textDecoration: "none" }}>
              <h3 style={{ margin: "0 0 6px" }}>{a.name}</h3>
              <span className="mw-muted">{[a.genre, a.country].filter(Boolean).join(" · ") || "—"}</span>
            </Link>
          ))}
        </div>
      )}
      <nav className="mw-spread" style={{ marginTop: 20 }} aria-label="Pages">
        <span className="mw-muted">
          {result.total} artist{result.total === 1 ? "" : "s"} · page {result.page} of {pages}
        </span>
        <span className="mw-row">
          {result.page > 1 ? <Link href={link(result.page - 1)}>← Previous</Link> : null}
          {result.page < pages ? <Link href={link(result.page + 1)}>Next →</Link> : null}
        </span>
      </nav>
    </>
  );
}
