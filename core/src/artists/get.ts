import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan } from "../authz/ability";
import { readTenant } from "../db/client";
import { type ArtistRow, artists } from "../db/schema/index";
import { NotFoundError } from "../errors";
import type { ProductCtx } from "../plans/guards";
import { parseInput } from "../validation";
import { ArtistIdSchema } from "./fields";

export const GetArtistInput = z.object({ artistId: ArtistIdSchema }).strict();

export async function getArtistOrThrow({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof GetArtistInput>;
}): Promise<ArtistRow> {
  assertCan(ctx.ability, "artist.read");
  const { artistId } = parseInput(GetArtistInput, input);
  const [artist] = await readTenant(ctx.database, ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(artists)
      .where(and(eq(artists.tenantId, ctx.tenant.id), eq(artists.id, artistId))),
  );
  if (!artist) throw new NotFoundError("No such artist.");
  return artist;
}
