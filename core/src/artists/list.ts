import { and, asc, count, eq, getTableColumns, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { assertCan } from "../authz/ability";
import { readTenant } from "../db/client";
import { type ArtistRow, artists } from "../db/schema/index";
import type { ProductCtx } from "../plans/guards";
import { parseInput } from "../validation";
import { containsPattern, type Page, PageSchema } from "./content";

export const ListArtistsInput = z
  .object({
    /** Case-insensitive substring of the name or genre. */
    q: z.string().trim().max(100, "q must be at most 100 characters").optional(),
    ...PageSchema,
  })
  .strict();

/** A page of the tenant's artists, by name. */
export async function listArtists({
  ctx,
  input = {},
}: {
  ctx: ProductCtx;
  input?: z.input<typeof ListArtistsInput>;
}): Promise<Page<ArtistRow>> {
  assertCan(ctx.ability, "artist.read");
  const { q, page, pageSize } = parseInput(ListArtistsInput, input);
  const tenantId = ctx.tenant.id;
  const conditions: SQL[] = [eq(artists.tenantId, tenantId)];
  if (q) {
    const pattern = containsPattern(q);
    const match = or(ilike(artists.name, pattern), ilike(artists.genre, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  // The total rides along on every row (one round trip, one snapshot); only a page past the end
  // comes back empty and needs its own count.
  const rows = await readTenant(ctx.database, tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(artists), total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(artists)
      .where(where)
      .orderBy(asc(artists.name), asc(artists.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [counted] = await readTenant(ctx.database, tenantId, (tx) =>
      tx.select({ n: count() }).from(artists).where(where),
    );
    total = counted?.n ?? 0;
  }
  const items = rows.map(({ total: _total, ...artist }) => artist);
  return { items, total, page, pageSize };
}
