/** Codes that only mean "DNS has not caught up yet": expected while a domain is being connected. */
const WAITING = new Set(["missing_txt_record", "missing_txt", "missing_ownership_txt", "dns_misconfigured"]);

/**
 * A domain's state in words and a badge tone: waiting for DNS is normal (amber), red is kept for
 * what needs someone to act (lost verification, the domain taken elsewhere).
 */
export function domainState(
  status: string,
  code: string | null,
): { label: string; tone: "success" | "warning" | "danger" | "neutral" } {
  if (status === "verified") {
    // A verified domain with a reported problem is not reaching visitors: that needs someone.
    return code ? { label: "Needs attention", tone: "danger" } : { label: "Connected", tone: "success" };
  }
  if (status !== "pending") return { label: status.replaceAll("_", " "), tone: "neutral" };
  if (code === null) return { label: "Waiting for DNS", tone: "warning" };
  if (code.startsWith("missing_")) return { label: "TXT record not found yet", tone: "warning" };
  if (WAITING.has(code)) return { label: "Waiting for DNS", tone: "warning" };
  return { label: "Could not connect", tone: "danger" };
}
