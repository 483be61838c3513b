"use client";

import { subject } from "@casl/ability";
import type { ActionResult } from "@mw/core/transport";
import { FormMessage } from "@mw/core/ui";
import Link from "next/link";
import { type ReactNode, useActionState } from "react";
import { deleteArtistAction } from "../app/t/[tenantId]/(member)/actions";
import { Can } from "./ability";

const initial: ActionResult = { ok: true };

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
      {/* Outside <Can>: refused after a role change, the re-rendered page no longer offers
          Delete, and the form must still be mounted to show the refusal (403 page). */}
      <DeleteArtistForm artistId={artist.id}>
        <Can I="delete" this={row}>
          <button className="mw-button danger" type="submit">
            Delete
          </button>
        </Can>
      </DeleteArtistForm>
    </div>
  );
}

/** A refused delete says why here (or, forbidden, shows the 403 page) rather than failing with a 500. */
function DeleteArtistForm({ artistId, children }: { artistId: string; children: ReactNode }) {
  const [state, action] = useActionState(deleteArtistAction, initial);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="artistId" value={artistId} />
      {children}
    </form>
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
