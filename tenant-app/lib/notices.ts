import type { NoticeTable } from "@mw/core/transport";

/**
 * Every message a tenant page shows because of its URL, by code (`noticeFor`): the query string
 * picks one of these and never supplies text of its own.
 */

/** `/sign-in?error=<code>`. */
export const SIGN_IN_ERRORS: NoticeTable = {
  session_ended: "Your session has ended. Please sign in again.",
  link_invalid: "That sign-in link is invalid, used or expired. Ask for a new one below.",
};

/**
 * `?done=<code>` after a mutation that redirects: the toast saying what happened (RedirectToast in
 * the root layout). Kept apart from page copy: a code names an outcome, the table says it.
 */
export const DONE_TOASTS = {
  artist_created: "Artist created.",
  artist_saved: "Changes saved.",
  artist_deleted: "Artist deleted.",
  event_created: "Event created.",
  signed_in: "You're signed in.",
  joined: "Welcome! Your account is ready and you're signed in.",
  signed_out: "You've signed out.",
} as const satisfies NoticeTable;

/** A path with the outcome code for its toast appended (`/artists?done=artist_deleted`). */
export function withDone(path: string, code: keyof typeof DONE_TOASTS): string {
  return `${path}${path.includes("?") ? "&" : "?"}done=${code}`;
}
