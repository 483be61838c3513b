import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import { parse as parseDomain } from "tldts";
import { checkLabelScripts, latinLookalike } from "../validation/scripts";
import { findUnsafeChar, unsafeCharMessage } from "../validation/text-safety";

export type HostnameCheck = { ok: true; hostname: string } | { ok: false; message: string };

const EXAMPLE = "music.example.com";
const MAX_HOSTNAME = 253;
const MAX_LABEL = 63;
// A top-level domain is letters only, or an internationalized one in its punycode form; and it
// must be one ICANN has delegated (the public suffix list), so `evil.c0m` and `acme.comm` are out.
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Special-use names (RFC 6761, 7686, 9476) that never reach a public web server. */
const SPECIAL_USE_TLDS = new Set(["onion", "arpa", "alt", "local", "internal", "invalid", "test", "example"]);
/** Reserved for testing (RFC 2606): accepted only on a development platform (`localhost`), for journeys. */
const TESTING_TLDS = new Set(["test", "example"]);
/** Full stops that UTS #46 maps to "." (ideographic, fullwidth, halfwidth). */
const DOTS = /[.\u3002\uff0e\uff61]/;

const fail = (message: string): HostnameCheck => ({ ok: false, message });

const normalizeApex = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, "");

/**
 * Check a host name a customer typed for their custom domain and bring it to the stored form:
 * trimmed, lower-case, ASCII (punycode), no trailing dot. Pure; each refusal says what to change.
 *
 * Refused: URLs and anything URL-shaped (scheme, path, port, user), IP literals, `localhost` and
 * `*.localhost`, the platform's own domain and its subdomains (those are ours to hand out),
 * wildcards, single-label names, over-long names and labels, characters DNS does not allow,
 * invisible and text-direction characters (IDNA would silently drop a zero-width space, so
 * `bad\u200b.com` would become `bad.com`), labels that mix scripts (`аpple` with a Cyrillic а),
 * top-level domains that do not exist, and public suffixes themselves (`co.uk`).
 *
 * A label written entirely in Cyrillic, Greek or Armenian letters that look like Latin ones
 * (`аре.com` reads "ape.com") is accepted only when typed in its punycode form (`xn--80ak6aa.com`):
 * the refusal shows both forms, and typing the ASCII form is the explicit confirmation.
 */
export function validateCustomHostname(raw: string, opts: { platformDomain: string }): HostnameCheck {
  const input = typeof raw === "string" ? raw.trim() : "";
  if (input === "") return fail(`Enter a domain name, like ${EXAMPLE}.`);
  if (input.length > 1024) return fail(`That is too long for a domain name (at most ${MAX_HOSTNAME} characters).`);

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith("//")) {
    return fail(`Enter only the domain name, without "http://" or "https://" (for example ${EXAMPLE}).`);
  }
  if (/[\t\n\v\f\r ]/.test(input)) return fail("A domain name cannot contain spaces.");
  const unsafe = findUnsafeChar(input, "identifier");
  if (unsafe) return fail(`The domain name ${unsafeCharMessage(unsafe)}.`);
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

  const suffix = checkPublicSuffix(ascii, tld, platform);
  if (suffix) return fail(suffix);
  const homograph = checkHomographs(ascii, withoutDot);
  if (homograph) return fail(homograph);
  return { ok: true, hostname: ascii };
}

function checkPublicSuffix(ascii: string, tld: string, platform: string): string | null {
  const developing = platform === "localhost" || platform.endsWith(".localhost");
  if (TESTING_TLDS.has(tld) && developing) return null;
  if (SPECIAL_USE_TLDS.has(tld)) {
    return `".${tld}" is reserved for special use and cannot be reached on the internet; enter a public domain.`;
  }
  const parsed = parseDomain(ascii);
  if (!parsed.isIcann) {
    return `"${tld}" is not a top-level domain we know of; the name should end like .com, .org or a country code.`;
  }
  if (parsed.domain === null) {
    return `${ascii} is a public suffix that anyone can register under; enter your domain under it, like ${EXAMPLE.split(".")[0]}.example.${ascii}.`;
  }
  return null;
}

/** Mixed scripts are refused; a label that only imitates Latin needs its punycode form as confirmation. */
function checkHomographs(ascii: string, typed: string): string | null {
  const unicode = domainToUnicode(ascii);
  const labels = unicode.split(".");
  const typedLabels = typed.toLowerCase().split(DOTS);
  const tldLabel = labels.at(-1) ?? "";
  for (const label of labels) {
    const scripts = checkLabelScripts(label);
    if (!scripts.ok && scripts.reason === "mixed") {
      return `The part "${label}" mixes ${listOf(scripts.scripts)} letters, a common way to imitate another domain (its real address is ${ascii}); use letters of one script in each part.`;
    }
    if (!scripts.ok) {
      return `The part "${label}" mixes ${listOf(scripts.scripts)}; use digits of one kind in each part.`;
    }
  }
  for (const [i, label] of labels.entries()) {
    const latin = latinLookalike(label);
    const confirmed = typedLabels[i]?.startsWith("xn--") ?? false;
    const sameScriptTld = i < labels.length - 1 && !latinLookalike(tldLabel) && sameScript(label, tldLabel);
    if (latin === null || confirmed || sameScriptTld) continue;
    const looksLike = labels.map((l, j) => (j === i ? latin : l)).join(".");
    return `"${unicode}" is written in ${scriptName(label)} letters that look like the Latin "${looksLike}"; its real address is ${ascii}. If this ${scriptName(label)} domain is really yours, enter it as ${ascii} to confirm.`;
  }
  return null;
}

function scriptName(label: string): string {
  const check = checkLabelScripts(label);
  return check.ok && check.script ? check.script : "non-Latin";
}

function sameScript(a: string, b: string): boolean {
  const sa = checkLabelScripts(a);
  const sb = checkLabelScripts(b);
  return sa.ok && sb.ok && sa.script !== null && sa.script === sb.script;
}

function listOf(items: string[]): string {
  return items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
