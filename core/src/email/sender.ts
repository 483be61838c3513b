import type { ThemeTokens } from "@mw/themes";
import { singleLine } from "./input";

// Same pragmatic addr-spec the Resend emulator accepts: ASCII local part, dotted host name.
const ADDR_SPEC =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// RFC 5322 "specials": a display name containing one must be quoted.
const NEEDS_QUOTES = /[()<>[\]:;@\\,.]/;
const MAX_NAME_LENGTH = 64;

/**
 * The From header for a tenant's email: `Sender Name <no-reply@…>`. The name comes from the
 * tenant's theme; theme validation already forbids header-breaking characters, and this strips
 * them again (control characters, quotes, backslashes, angle brackets) because a From header is
 * the one place a stray CR/LF or `<` would let a tenant forge a sender. Names with RFC 5322
 * specials (`Acme, Inc.`) are quoted. `fromAddress` is the platform's bare sending address.
 */
export function senderAddress(tokens: Pick<ThemeTokens, "email" | "name">, fromAddress: string): string {
  const address = fromAddress.trim();
  if (!ADDR_SPEC.test(address)) {
    throw new TypeError("fromAddress must be a bare address like no-reply@mail.example.com");
  }
  const clean = (value: string) =>
    [...singleLine(value.replace(/["\\<>]/g, " "))].slice(0, MAX_NAME_LENGTH).join("").trim();
  const name = clean(tokens.email.senderName) || clean(tokens.name);
  if (!name) return address;
  return NEEDS_QUOTES.test(name) ? `"${name}" <${address}>` : `${name} <${address}>`;
}
