"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input, Textarea } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { createArtistAction, updateArtistAction } from "../app/t/[tenantId]/(member)/actions";
import { FormStatus } from "./form-status";

interface ArtistValues {
  id?: string;
  name: string;
  genre: string;
  country: string;
  bio: string;
  website: string | null;
}

export function ArtistForm({ artist }: { artist?: ArtistValues }) {
  const [state, action] = useActionState(artist ? updateArtistAction : createArtistAction, {
    ok: true,
  } as ActionResult);
  const v = (k: keyof ArtistValues) => state.values?.[k] ?? (artist?.[k] as string | undefined) ?? "";
  const errors = (k: string) => state.fields?.[k];
  return (
    <form action={action} className="grid max-w-xl gap-4" aria-label={artist ? "Edit artist" : "New artist"}>
      <FormStatus state={state} />
      {artist?.id ? <input type="hidden" name="artistId" value={artist.id} /> : null}
      <Field label="Name" errors={errors("name")}>
        <Input name="name" required defaultValue={v("name")} />
      </Field>
      <Field label="Genre" errors={errors("genre")}>
        <Input name="genre" defaultValue={v("genre")} />
      </Field>
      <Field label="Country" errors={errors("country")}>
        <Input name="country" defaultValue={v("country")} />
      </Field>
      <Field label="Website (https://…)" errors={errors("website")}>
        <Input name="website" type="url" defaultValue={v("website")} />
      </Field>
      <Field label="Bio" errors={errors("bio")}>
        <Textarea name="bio" rows={5} defaultValue={v("bio")} />
      </Field>
      <div>
        <SubmitButton pendingLabel="Saving…">{artist ? "Save changes" : "Create artist"}</SubmitButton>
      </div>
    </form>
  );
}
