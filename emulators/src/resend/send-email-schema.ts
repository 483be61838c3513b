import { z } from "zod";
import { ResendApiError, type ResendErrorName, resendErrors } from "./errors";

/**
 * Validation of `POST /emails` bodies, with the error names and messages Resend answers:
 * a missing required field is `missing_required_field` ("Missing `subject` field."), a malformed
 * one is `validation_error` naming the field, an attachment without content is `invalid_attachment`.
 */

// Pragmatic, ASCII-only: what a sending API accepts in practice (IDN domains arrive as punycode).
const ADDR_SPEC =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// `Name <addr>` or `"Name" <addr>`; a bare name may not contain quotes or angle brackets.
const NAME_ADDR = /^(?:"((?:[^"\\\r\n]|\\.)*)"|([^<>"\r\n]*?))\s*<([^<>\s]+)>$/;

export interface Mailbox {
  name: string | null;
  address: string;
}

/** Parses `email@domain`, `Name <email@domain>` or `"Name" <email@domain>`; null when malformed. */
export function parseMailbox(value: string): Mailbox | null {
  const trimmed = value.trim();
  if (ADDR_SPEC.test(trimmed)) return { name: null, address: trimmed };
  const match = NAME_ADDR.exec(trimmed);
  if (!match) return null;
  const address = match[3] ?? "";
  if (!ADDR_SPEC.test(address)) return null;
  const name = (match[1] ?? match[2] ?? "").trim();
  return { name: name || null, address };
}

const formatHint = "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
const invalidAddress = (field: string) => `Invalid \`${field}\` field. ${formatHint}`;

function addressList(field: string, max: number) {
  return z
    .union([z.string(), z.array(z.string())], { error: invalidAddress(field) })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .superRefine((list, ctx) => {
      if (list.length === 0 || list.some((entry) => parseMailbox(entry) === null)) {
        ctx.addIssue({ code: "custom", message: invalidAddress(field) });
      } else if (list.length > max) {
        ctx.addIssue({
          code: "custom",
          message: `Invalid \`${field}\` field. You can only send to ${max} recipients.`,
        });
      }
    });
}

// Resend: tag names and values are ASCII letters, digits, underscores and dashes, at most 256 long.
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const tagsMessage =
  "Invalid `tags` field. Tag names and values can only contain ASCII letters (a–z, A–Z), numbers (0–9), underscores (_), or dashes (-), and at most 256 characters.";

const Attachment = z.object({
  content: z.string({ error: "Invalid `attachments` field. `content` must be a base64 string." }).optional(),
  filename: z.string({ error: "Invalid `attachments` field. `filename` must be a string." }).optional(),
  path: z.url({ error: "Invalid `attachments` field. `path` must be a URL." }).optional(),
  content_type: z.string({ error: "Invalid `attachments` field. `content_type` must be a string." }).optional(),
  content_id: z.string({ error: "Invalid `attachments` field. `content_id` must be a string." }).optional(),
});

/** Fields of Resend's send-email API that this emulator does not implement: refused, never faked. */
const UNSUPPORTED_FIELDS = ["template", "scheduled_at"] as const;

const optionalAddressList = (field: string) => addressList(field, 50).optional();

export const SendEmailBody = z
  .object({
    from: z.string({ error: invalidAddress("from") }).refine((v) => parseMailbox(v) !== null, invalidAddress("from")),
    to: addressList("to", 50),
    subject: z.string({ error: "Invalid `subject` field. It must be a string." }),
    html: z.string({ error: "Invalid `html` field. It must be a string." }).optional(),
    text: z.string({ error: "Invalid `text` field. It must be a string." }).optional(),
    cc: optionalAddressList("cc"),
    bcc: optionalAddressList("bcc"),
    reply_to: optionalAddressList("reply_to"),
    headers: z
      .record(z.string(), z.string(), { error: "Invalid `headers` field. It must be an object of string values." })
      .optional(),
    tags: z
      .array(z.object({ name: z.string().regex(TAG_PART), value: z.string().regex(TAG_PART) }), {
        error: tagsMessage,
      })
      .optional(),
    attachments: z.array(Attachment, { error: "Invalid `attachments` field. It must be an array." }).optional(),
    topic_id: z.string({ error: "Invalid `topic_id` field. It must be a string." }).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.html === undefined && body.text === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["html"],
        message: "Missing `html` or `text` field.",
        params: { resendName: "missing_required_field" },
      });
    }
    body.attachments?.forEach((attachment, index) => {
      if (attachment.content === undefined && attachment.path === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["attachments", index],
          message: "Attachment must have either a `content` or `path`.",
          params: { resendName: "invalid_attachment" },
        });
      }
    });
  });

export type SendEmailBody = z.infer<typeof SendEmailBody>;

/** Validates a parsed JSON body; throws the ResendApiError Resend would answer with. */
export function parseSendEmailBody(raw: unknown): SendEmailBody {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw resendErrors.validation("Invalid request body. It must be a JSON object.");
  }
  const record = raw as Record<string, unknown>;
  for (const field of UNSUPPORTED_FIELDS) {
    if (record[field] !== undefined && record[field] !== null) {
      throw resendErrors.validation(`The Resend emulator does not implement \`${field}\`.`);
    }
  }
  const result = SendEmailBody.safeParse(raw);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  if (!issue) throw resendErrors.validation("We found an error with one or more fields in the request.");
  const field = String(issue.path[0] ?? "");
  const named = issue.code === "custom" ? (issue.params?.resendName as ResendErrorName | undefined) : undefined;
  if (named) throw new ResendApiError(422, named, issue.message);
  if (field && issue.path.length === 1 && record[field] === undefined) throw resendErrors.missingField(field);
  if (field === "tags") throw resendErrors.validation(tagsMessage);
  if (issue.message.startsWith("Invalid `")) throw resendErrors.validation(issue.message);
  throw resendErrors.validation(`Invalid \`${issue.path.join(".")}\` field. ${issue.message}`);
}
