import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { type ArtistRow, artists } from "../db/schema/index";
import { newId } from "../ids";
import { limitFor } from "../plans/availability";
import { assertWithinLimit, type ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { assertOwnerIsMember, resolveOwnerId, UserIdSchema } from "./content";
import { ArtistFields } from "./fields";

export const CreateArtistInput = z
  .object({
    name: ArtistFields.name,
    genre: ArtistFields.genre.default(""),
    country: ArtistFields.country.default(""),
    bio: ArtistFields.bio.default(""),
    website: ArtistFields.website.optional(),
    /** Only for creating on someone else's behalf (see `resolveOwnerId`). */
    ownerId: UserIdSchema.optional(),
  })
  .strict();

/** Add an artist, within the plan's artists-per-tenant limit. */
export async function createArtist({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof CreateArtistInput>;
}): Promise<ArtistRow> {
  assertCan(ctx.ability, "artist.create");
  const data = parseInput(CreateArtistInput, input);
  assertTenantWritable(ctx);
  const ownerId = resolveOwnerId(ctx, data.ownerId, "artist.update");
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    if (data.ownerId !== undefined) await assertOwnerIsMember(tx, tenantId, ownerId);
    if (limitFor(ctx, "artists", ctx.signals) !== null) {
      // Count-then-insert is only safe if creates in this tenant take turns: the transaction-scoped
      // lock makes a concurrent create wait until this one commits, then count again. Unlimited
      // tenants skip it so their creates never queue behind each other.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${tenantId}:artists`}))`);
      const [existing] = await tx.select({ n: count() }).from(artists).where(eq(artists.tenantId, tenantId));
      assertWithinLimit(ctx, "artists", existing?.n ?? 0);
    }
    const [artist] = await tx
      .insert(artists)
      .values({
        id: newId("artist"),
        tenantId,
        ownerId,
        name: data.name,
        genre: data.genre,
        country: data.country,
        bio: data.bio,
        website: data.website ?? null,
      })
      .returning();
    if (!artist) throw new Error("artist insert returned no row");
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "artist.create",
      target: { type: "artist", id: artist.id },
      after: artist,
    });
    return artist;
  });
}
