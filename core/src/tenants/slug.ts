import { z } from "zod";
import { findUnsafeChar, unsafeCharMessage } from "../validation/text-safety";

/** Names a tenant cannot take: they are, or could be confused with, the platform's own hosts. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "www",
  "api",
  "app",
  "admin",
  "staff",
  "console",
  "control",
  "dashboard",
  "billing",
  "status",
  "mail",
  "email",
  "smtp",
  "imap",
  "ftp",
  "cdn",
  "static",
  "assets",
  "docs",
  "help",
  "support",
  "blog",
  "auth",
  "login",
  "sso",
  "oauth",
  "signup",
  "account",
  "accounts",
  "security",
  "root",
  "system",
  "internal",
  "platform",
  "musicalwheel",
  "tenant",
  "tenants",
  "test",
  "localhost",
  "webhook",
  "webhooks",
  "id",
  "dev",
  "staging",
  "prod",
]);

export const SlugSchema = z
  .string()
  .trim()
  // First and alone: "may contain a–z" would not tell anyone which invisible character is there.
  .refine((s) => findUnsafeChar(s, "identifier") === null, {
    error: (iss) => {
      const issue = findUnsafeChar(String(iss.input), "identifier");
      return issue ? `slug ${unsafeCharMessage(issue)}` : "slug is invalid";
    },
    abort: true,
  })
  .toLowerCase()
  .min(3, "slug must be at least 3 characters")
  .max(32, "slug must be at most 32 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "slug may contain a–z, 0–9 and inner hyphens only")
  .refine((s) => !s.includes("--"), "slug may not contain two hyphens in a row")
  .refine((s) => !RESERVED_SLUGS.has(s), { error: (iss) => `"${String(iss.input)}" is reserved` });
