// Dates render on the server, so they are shown in UTC and say so; a mixed-timezone team reading
// an audit trail needs one unambiguous clock.
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
  hour12: false,
});

export function formatDate(d: Date | string): string {
  return DATE.format(typeof d === "string" ? new Date(d) : d);
}

export function formatDateTime(d: Date | string): string {
  return `${DATE_TIME.format(typeof d === "string" ? new Date(d) : d)} UTC`;
}
