"use client";

import { subject } from "@casl/ability";
import { buttonVariants } from "@mw/ui/button";
import { ConfirmAction } from "@mw/ui/confirm-action";
import Link from "next/link";
import { deleteArtistAction } from "../app/t/[tenantId]/(member)/actions";
import { Can } from "./ability";

/** Edit/delete controls, shown only to members whose ability allows them on this artist. */
export function ArtistActions({ artist }: { artist: { id: string; name: string; ownerId: string } }) {
  const row = subject("Artist", { id: artist.id, ownerId: artist.ownerId });
  return (
    <div className="flex flex-wrap gap-2">
      <Can I="update" this={row}>
        <Link className={buttonVariants({ variant: "secondary", size: "sm" })} href={`/artists/${artist.id}/edit`}>
          Edit
        </Link>
      </Can>
      {/* The dialog shows a refusal inside; a forbidden delete shows the 403 page. */}
      <Can I="delete" this={row}>
        <ConfirmAction
          action={deleteArtistAction}
          fields={{ artistId: artist.id }}
          label="Delete"
          title={`Delete ${artist.name}?`}
          description="The artist's profile is removed from this site. Events keep their other details."
          confirmLabel="Delete artist"
          pendingLabel="Deleting…"
          success="Artist deleted"
        />
      </Can>
    </div>
  );
}

export function NewArtistButton() {
  return (
    <Can I="create" a="Artist">
      <Link className={buttonVariants()} href="/artists/new">
        New artist
      </Link>
    </Can>
  );
}
