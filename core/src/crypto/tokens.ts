import { createHash, randomBytes } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy, for cookies and e-mailed links. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What we store instead of a secret: its SHA-256 (secrets are random, so no salt or KDF is needed). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
