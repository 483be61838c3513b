import { listArtists } from "@mw/core/product";
import { Button, buttonVariants } from "@mw/ui/button";
import { Card } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { Input } from "@mw/ui/input";
import { PageHeader } from "@mw/ui/page-header";
import { Mic2 } from "lucide-react";
import Link from "next/link";
import { NewArtistButton } from "../../../../../components/artist-actions";
import { directoryClass, rowClass } from "../../../../../lib/layout";
import { memberCtx, requireSession } from "../../../../../lib/session";
import { getTenantProfileOrThrow } from "../../../../../lib/tenant";

export const metadata = { title: "Artists" };

export default async function ArtistsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const sp = await searchParams;
  const tenantId = (await params).tenantId;
  await requireSession("/artists", tenantId, "artist.read");
  const { layout } = (await getTenantProfileOrThrow(tenantId)).theme;
  const ctx = await memberCtx();
  if (!ctx) return null;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const q = (sp.q ?? "").slice(0, 100);
  const result = await listArtists({ ctx, input: { ...(q ? { q } : {}), page, pageSize: 12 } });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (p: number) => `/artists?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Artists" actions={<NewArtistButton />} />
      <form className="mb-6 flex max-w-md gap-2" aria-label="Search artists">
        <Input name="q" placeholder="Search by name or genre" defaultValue={q} aria-label="Search artists" />
        <Button variant="outline" type="submit">
          Search
        </Button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState
          icon={Mic2}
          title={q ? `No artists match “${q}”.` : "No artists yet."}
          description={q ? "Try another name or genre." : "Artists added by members appear here."}
        />
      ) : (
        <ul className={directoryClass(layout.cards)} data-testid="artist-list">
          {result.items.map((a) => (
            <li key={a.id}>
              <Card className="h-full transition-colors hover:border-primary/60">
                <Link href={`/artists/${a.id}`} className={`${rowClass(layout.cards)} p-5`}>
                  <h2 className="font-heading font-semibold text-lg">{a.name}</h2>
                  <span className="text-muted-foreground text-sm">
                    {[a.genre, a.country].filter(Boolean).join(" · ") || "—"}
                  </span>
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <nav className="mt-6 flex flex-wrap items-center justify-between gap-3" aria-label="Pages">
        <span className="text-muted-foreground text-sm">
          {result.total} artist{result.total === 1 ? "" : "s"} · page {result.page} of {pages}
        </span>
        <span className="flex gap-2">
          {result.page > 1 ? (
            <Link className={buttonVariants({ variant: "outline", size: "sm" })} href={link(result.page - 1)}>
              ← Previous
            </Link>
          ) : null}
          {result.page < pages ? (
            <Link className={buttonVariants({ variant: "outline", size: "sm" })} href={link(result.page + 1)}>
              Next →
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
