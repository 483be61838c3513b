"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { createArtistAction, updateArtistAction } from "../app/t/[tenantId]/(member)/actions";

interface ArtistValues {
  id?: string;
  name: string;
  genre: string;
  country: string;
  bio: string;
  website: string | null;
}

export function ArtistForm({ artist }: { artist?: ArtistValues }) {
  const [state, action, pending] = useActionState(artist ? updateArtistAction : createArtistAction, {
    ok: true,
  } as ActionResult);
  const v = (k: keyof ArtistValues) => state.values?.[k] ?? (artist?.[k] as string | undefined) ?? "";
  return (
    <form action={action} className="mw-form" aria-label={artist ? "Edit artist" : "New artist"}>
      <FormMessage state={state} />
      {artist?.id ? <input type="hidden" name="artistId" value={artist.id} /> : null}
      <Field label="Name" name="name" state={state}>
        <input name="name" required defaultValue={v("name")} />
      </Field>
      <Field label="Genre" name="genre" state={state}>
        <input name="genre" defaultValue={v("genre")} />
      </Field>
      <Field label="Country" name="country" state={state}>
        <input name="country" defaultValue={v("country")} />
      </Field>
      <Field label="Website (https://…)" name="website" state={state}>
        <input name="website" type="url" defaultValue={v("website")} />
      </Field>
      <Field label="Bio" name="bio" state={state}>
        <textarea name="bio" rows={5} defaultValue={v("bio")} />
      </Field>
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Saving…" : artist ? "Save changes" : "Create artist"}
      </button>
    </form>
  );
}
