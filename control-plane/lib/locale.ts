import "server-only";
import { preferredLocale } from "@mw/core/ui/numbers";
import { headers } from "next/headers";
import { cache } from "react";

/**
 * The viewer's locale for numbers on console pages (rendered per request, so the request's
 * Accept-Language is known; dates stay with <LocalTime>, which also knows the zone).
 */
export const viewerLocale = cache(
  async (): Promise<string> => preferredLocale((await headers()).get("accept-language")),
);
