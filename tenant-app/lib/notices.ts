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
