"use client";

import { subject } from "@casl/ability";
import Link from "next/link";
import { deleteArtistAction } from "../app/t/[tenantId]/(member)/actions";
import { Can } from "./ability";

/** Edit/delete controls, shown only to members whose ability allows them on this artist. */
export function ArtistActions({ artist }: { artist: { id: string; ownerId: string } }) {
  const row = subject("Artist", { ...artist });
  return (
    <div className="mw-row">
      <Can I="update" this={row}>
        <Link className="mw-button secondary" href={`/artists/${artist.id}/edit`}>
          Edit
        </Link>
      </Can>
      <Can I="delete" this={row}>
        <form action={deleteArtistAction}>
          <input type="hidden" name="artistId" value={artist.id} />
          <button className="mw-button danger" type="submit">
            Delete
          </button>
        </form>
      </Can>
    </div>
  );
}

export function NewArtistButton() {
  return (
    <Can I="create" a="Artist">
      <Link className="mw-button" href="/artists/new">
        New artist
      </Link>
    </Can>
  );
}
