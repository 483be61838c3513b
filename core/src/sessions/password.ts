import argon2 from "argon2";
import { z } from "zod";

export const PasswordSchema = z
  .string()
  .min(10, "use at least 10 characters")
  .max(200, "use at most 200 characters")
  .refine((p) => p.trim().length > 0, "the password cannot be only spaces");

// OWASP's argon2id baseline (19 MiB, 2 passes): ~20 ms here, slow enough for offline attacks.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

// Verified against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash("not-a-real-password", OPTIONS);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
