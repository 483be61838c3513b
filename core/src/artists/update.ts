import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantTx } from "../db/client";
import { type ArtistRow, artists } from "../db/schema/index";
import { NotFoundError } from "../errors";
import type { ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { pickChanges } from "./content";
import { ArtistFields, ArtistIdSchema } from "./fields";

export const UpdateArtistInput = z
  .object({
    artistId: ArtistIdSchema,
    name: ArtistFields.name.optional(),
    genre: ArtistFields.genre.optional(),
    country: ArtistFields.country.optional(),
    bio: ArtistFields.bio.optional(),
    website: ArtistFields.website.optional(),
  })
  .strict();

/** The artist, locked for the rest of the transaction. */
export async function getArtistForUpdateOrThrow(tx: TenantTx, tenantId: string, artistId: string): Promise<ArtistRow> {
  const [artist] = await tx
    .select()
    .from(artists)
    .where(and(eq(artists.tenantId, tenantId), eq(artists.id, artistId)))
    .for("update");
  if (!artist) throw new NotFoundError("No such artist.");
  return artist;
}

/** Change an artist's details. Holders of `artist.update:own` may change only artists they own. */
export async function updateArtist({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof UpdateArtistInput>;
}): Promise<ArtistRow> {
  // Without a row this asks "may they update any artist at all?", which turns away viewers before
  // anything is read; the row-level check below decides `:own`.
  assertCan(ctx.ability, "artist.update");
  const { artistId, ...patch } = parseInput(UpdateArtistInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const before = await getArtistForUpdateOrThrow(tx, tenantId, artistId);
    assertCan(ctx.ability, "artist.update", { ownerId: before.ownerId });
    const changes = pickChanges(before, patch);
    if (Object.keys(changes).length === 0) return before;
    const [after] = await tx
      .update(artists)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(artists.tenantId, tenantId), eq(artists.id, artistId)))
      .returning();
    if (!after) throw new Error("artist update returned no row");
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "artist.update",
      target: { type: "artist", id: artistId },
      before,
      after,
    });
    return after;
  });
}
