import { z } from "zod";
import { isId } from "../ids";
import { displayName, lineText, multilineText } from "../validation/names";

/** Field rules for artists, shared by create and update so both report the same messages. */

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

export const ArtistIdSchema = z.string().refine((v) => isId("artist", v), "not an artist id");

export const ArtistFields = {
  name: displayName("name", 120),
  genre: lineText("genre", 60),
  country: lineText("country", 60),
  bio: multilineText("bio", 4000),
  /** An empty form field means "no website"; stored as `null`. */
  website: z
    .string()
    .trim()
    .max(300, "website must be at most 300 characters")
    .refine((v) => v === "" || httpsUrl.safeParse(v).success, "website must be an https:// address")
    .transform((v) => (v === "" ? null : v))
    .nullable(),
};
