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
      {/* Mounted whether or not the ability allows it (hidden when not): refused after a role
          change, the re-rendered page no longer offers Delete, and the dialog's form must still be
          mounted to show the refusal (the 403 page) rather than vanish. */}
      <Can I="delete" this={row} passThrough>
        {({ isAllowed }) => (
          <span hidden={!isAllowed}>
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
          </span>
        )}
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
