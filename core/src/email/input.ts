import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { z } from "zod";

/** What every template renders to: ready for the Mailer port (`OutgoingEmail` minus from/to). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// \p{Cc}: every C0/C1 control character, CR and LF included.
const CONTROL_CHARS = /\p{Cc}/gu;

/** One line of display text: control characters become spaces, runs of whitespace collapse. */
export function singleLine(value: string): string {
  return value.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
}

/** A name shown in a subject or a sentence (tenant, inviter, role). */
export const DisplayName = (max: number) =>
  z
    .string()
    .transform(singleLine)
    .pipe(
      z
        .string()
        .min(1, { error: "must not be empty" })
        .max(max, { error: `must be at most ${max} characters` }),
    );

/**
 * A link a recipient will click. Only absolute http(s) URLs: `javascript:`, `data:` and friends
 * are refused, and so are embedded credentials (`https://user@host`), a classic phishing disguise.
 * Returns the WHATWG-serialized URL.
 */
export const HttpLink = z
  .string()
  .max(4096, { error: "must be at most 4096 characters" })
  .superRefine((value, ctx) => {
    if (/[\s\p{Cc}]/u.test(value)) {
      ctx.addIssue({ code: "custom", message: "must not contain whitespace or control characters" });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute http(s) URL" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "must be an http(s) URL" });
    } else if (!url.hostname) {
      ctx.addIssue({ code: "custom", message: "must include a host name" });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "must not contain credentials" });
    }
  })
  .transform((value) => new URL(value).href);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS host name with at least two labels, lower-cased, without a trailing dot. */
export const Hostname = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ""))
  .refine(
    (value) => value.length <= 253 && value.split(".").length >= 2 && value.split(".").every((l) => LABEL.test(l)),
    {
      error: "must be a host name like app.example.com",
    },
  );

// html-to-text shouts headings by default; a tenant's name is not ours to upper-case ("Straße").
const PLAIN_TEXT_OPTIONS = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

/** Renders the HTML and the plain-text part (links kept as text) of one email. */
export async function renderEmail(element: ReactElement, subject: string): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT_OPTIONS }),
  ]);
  return { subject: singleLine(subject), html, text };
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
