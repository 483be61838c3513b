import type { NoticeTable } from "@mw/core/transport";

/**
 * `?done=<code>` after a mutation that redirects: the toast saying what happened (RedirectToast in
 * the root layout). The URL only picks a message from this table, never supplies text.
 */
export const DONE_TOASTS = {
  role_created: "Role created.",
  role_saved: "Role saved.",
  onboarding_started: "Onboarding started: the steps below run one after another.",
  offboarding_started: "Offboarding started: the tenant's site is going offline.",
  signed_out: "You've signed out.",
} as const satisfies NoticeTable;

/** A path with the outcome code for its toast appended (`/console/roles?done=role_created`). */
export function withDone(path: string, code: keyof typeof DONE_TOASTS): string {
  return `${path}${path.includes("?") ? "&" : "?"}done=${code}`;
}
