import { isIP } from "node:net";
import { domainToASCII } from "node:url";

export type HostnameCheck = { ok: true; hostname: string } | { ok: false; message: string };

const EXAMPLE = "music.example.com";
const MAX_HOSTNAME = 253;
const MAX_LABEL = 63;
// A top-level domain is letters only, or an internationalized one in its punycode form.
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const fail = (message: string): HostnameCheck => ({ ok: false, message });

const normalizeApex = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, "");

/**
 * Check a host name a customer typed for their custom domain and bring it to the stored form:
 * trimmed, lower-case, ASCII (punycode), no trailing dot. Pure; each refusal says what to change.
 *
 * Refused: URLs and anything URL-shaped (scheme, path, port, user), IP literals, `localhost` and
 * `*.localhost`, the platform's own domain and its subdomains (those are ours to hand out),
 * wildcards, single-label names, over-long names and labels, and characters DNS does not allow.
 */
export function validateCustomHostname(raw: string, opts: { platformDomain: string }): HostnameCheck {
  const input = typeof raw === "string" ? raw.trim() : "";
  if (input === "") return fail(`Enter a domain name, like ${EXAMPLE}.`);
  if (input.length > 1024) return fail(`That is too long for a domain name (at most ${MAX_HOSTNAME} characters).`);

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith("//")) {
    return fail(`Enter only the domain name, without "http://" or "https://" (for example ${EXAMPLE}).`);
  }
  if (/\s/.test(input)) return fail("A domain name cannot contain spaces.");
  if (input.includes("@"))
    return fail(`Enter only the domain name, without a user name or "@" (for example ${EXAMPLE}).`);
  if (/[/?#\\]/.test(input)) {
    return fail(`Enter only the domain name, without a path or anything after it (for example ${EXAMPLE}).`);
  }

  const bracketed = /^\[(.*)\](?::\d*)?$/.exec(input);
  if (bracketed || isIP(input) === 6) return fail("An IP address cannot be a custom domain; enter a domain name.");
  if (input.includes(":")) {
    return /^[^:]+:\d*$/.test(input)
      ? fail(`Leave out the port: enter only the domain name (for example ${EXAMPLE}).`)
      : fail('A domain name cannot contain ":".');
  }
  if (input.includes("*")) {
    return fail("Wildcard domains (*.example.com) are not supported; add each host name on its own.");
  }

  const withoutDot = input.endsWith(".") ? input.slice(0, -1) : input;
  if (withoutDot.startsWith(".") || withoutDot.endsWith(".") || withoutDot.includes("..")) {
    return fail("A domain name cannot start or end with a dot or contain two dots in a row.");
  }
  const lower = withoutDot.toLowerCase();
  if (isIP(lower) === 4 || /^[\d.]+$/.test(lower)) {
    return fail("An IP address cannot be a custom domain; enter a domain name.");
  }

  const lastLabel = lower.slice(lower.lastIndexOf(".") + 1);
  if (lower === "localhost" || lastLabel === "localhost") {
    return fail("localhost cannot be a custom domain: use a domain that is reachable on the internet.");
  }
  if (/^\d+$/.test(lastLabel)) {
    return fail(`"${lastLabel}" is not a top-level domain; the name should end like .com or .org.`);
  }

  const badChar = [...lower].find((c) => c.charCodeAt(0) < 128 && !/[a-z0-9.-]/.test(c));
  if (badChar !== undefined) {
    return fail(`"${badChar}" is not allowed in a domain name: use letters, digits, hyphens and dots.`);
  }

  const ascii = domainToASCII(lower);
  if (!ascii) return fail("That is not a valid domain name: it contains characters that cannot be used in a domain.");
  if (ascii.length > MAX_HOSTNAME) {
    return fail(`That domain name is too long (${ascii.length} characters; at most ${MAX_HOSTNAME}).`);
  }

  const labels = ascii.split(".");
  if (labels.length < 2) return fail(`Enter a full domain name with a dot in it, like ${EXAMPLE}.`);
  for (const label of labels) {
    if (label.length > MAX_LABEL) {
      return fail(
        `The part "${label.slice(0, 20)}…" is ${label.length} characters long; each part can have at most ${MAX_LABEL}.`,
      );
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return fail(`The part "${label}" cannot start or end with a hyphen.`);
    }
  }
  const tld = labels.at(-1) ?? "";
  if (!TLD.test(tld)) return fail(`"${tld}" is not a top-level domain; the name should end like .com or .org.`);

  const platform = domainToASCII(normalizeApex(opts.platformDomain)) || normalizeApex(opts.platformDomain);
  if (platform && (ascii === platform || ascii.endsWith(`.${platform}`))) {
    return fail(`Addresses under ${platform} are provided by us already; enter a domain that you own.`);
  }
  return { ok: true, hostname: ascii };
}
