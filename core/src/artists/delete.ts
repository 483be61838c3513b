import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { artists } from "../db/schema/index";
import type { ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { ArtistIdSchema } from "./fields";
import { getArtistForUpdateOrThrow } from "./update";

export const DeleteArtistInput = z.object({ artistId: ArtistIdSchema }).strict();

/**
 * Delete an artist. Their events stay and lose the link (the foreign key sets `artist_id` null):
 * an event that happened is still history the tenant wants to keep.
 */
export async function deleteArtist({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof DeleteArtistInput>;
}): Promise<{ id: string }> {
  assertCan(ctx.ability, "artist.delete");
  const { artistId } = parseInput(DeleteArtistInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const before = await getArtistForUpdateOrThrow(tx, tenantId, artistId);
    assertCan(ctx.ability, "artist.delete", { ownerId: before.ownerId });
    await tx.delete(artists).where(and(eq(artists.tenantId, tenantId), eq(artists.id, artistId)));
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), { action: "artist.delete", target: { type: "artist", id: artistId }, before });
    return { id: artistId };
  });
}
