"use server";

import { createArtist, createEvent, deleteArtist, rsvpEvent, updateArtist } from "@mw/core/product";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, formValues, refusalResult, toActionResult } from "../../../../lib/action-result";
import { withDone } from "../../../../lib/notices";
import { memberCtx } from "../../../../lib/session";

// Every action: tenant from the Host, actor and ability from the session cookie, then the verb
// (which checks the permission first and audits in its transaction).

async function requireCtx() {
  const ctx = await memberCtx();
  if (!ctx) redirect("/sign-in");
  return ctx;
}

const ARTIST_FIELDS = ["name", "genre", "country", "bio", "website"] as const;

function artistInput(form: FormData) {
  const v = formValues(form, ARTIST_FIELDS);
  return {
    name: v.name ?? "",
    genre: v.genre ?? "",
    country: v.country ?? "",
    bio: v.bio ?? "",
    ...(v.website ? { website: v.website } : {}),
  };
}

export async function createArtistAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ARTIST_FIELDS);
  let id: string;
  try {
    const artist = await createArtist({ ctx: await requireCtx(), input: artistInput(form) });
    id = artist.id;
  } catch (err) {
    return toActionResult(err, values);
  }
  revalidatePath("/artists");
  redirect(withDone(`/artists/${id}`, "artist_created"));
}

export async function updateArtistAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, [...ARTIST_FIELDS, "artistId"]);
  const artistId = values.artistId ?? "";
  try {
    await updateArtist({
      ctx: await requireCtx(),
      input: { artistId, ...artistInput(form), website: values.website || null },
    });
  } catch (err) {
    return toActionResult(err, values);
  }
  redirect(withDone(`/artists/${artistId}`, "artist_saved"));
}

export async function deleteArtistAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  try {
    await deleteArtist({ ctx: await requireCtx(), input: { artistId: String(form.get("artistId") ?? "") } });
  } catch (err) {
    return refusalResult(err);
  }
  redirect(withDone("/artists", "artist_deleted"));
}

const EVENT_FIELDS = ["title", "venue", "description", "startsAt", "timeZone", "capacity", "artistId"] as const;

export async function createEventAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const v = formValues(form, EVENT_FIELDS);
  try {
    await createEvent({
      ctx: await requireCtx(),
      input: {
        title: v.title ?? "",
        venue: v.venue ?? "",
        description: v.description ?? "",
        // The wall time as entered, read by the verb in the event's zone (DST-safe), not the server's.
        startsAt: v.startsAt ?? "",
        timeZone: v.timeZone ?? "",
        ...(v.capacity ? { capacity: Number(v.capacity) } : {}),
        ...(v.artistId ? { artistId: v.artistId } : {}),
      },
    });
  } catch (err) {
    return toActionResult(err, v);
  }
  redirect(withDone("/events", "event_created"));
}

export async function rsvpAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const status = String(form.get("status") ?? "none") as "going" | "interested" | "none";
  try {
    await rsvpEvent({ ctx: await requireCtx(), input: { eventId: String(form.get("eventId") ?? ""), status } });
  } catch (err) {
    return refusalResult(err);
  }
  revalidatePath("/events");
  return { ok: true };
}
