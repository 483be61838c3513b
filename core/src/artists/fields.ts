import { z } from "zod";
import { isId } from "../ids";

/** Field rules for artists, shared by create and update so both report the same messages. */

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

export const ArtistIdSchema = z.string().refine((v) => isId("artist", v), "not an artist id");

export const ArtistFields = {
  name: z.string().trim().min(1, "name is required").max(120, "name must be at most 120 characters"),
  genre: z.string().trim().max(60, "genre must be at most 60 characters"),
  country: z.string().trim().max(60, "country must be at most 60 characters"),
  bio: z.string().trim().max(4000, "bio must be at most 4000 characters"),
  /** An empty form field means "no website"; stored as `null`. */
  website: z
    .string()
    .trim()
    .max(300, "website must be at most 300 characters")
    .refine((v) => v === "" || httpsUrl.safeParse(v).success, "website must be an https:// address")
    .transform((v) => (v === "" ? null : v))
    .nullable(),
};
