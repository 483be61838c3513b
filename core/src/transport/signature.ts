import { createHmac, timingSafeEqual } from "node:crypto";

/** `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, the same scheme Stripe signs with. */
export function signRevalidation(secret: string, body: string, now = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
  return `t=${now},v1=${mac}`;
}

export function verifyRevalidation(secret: string, body: string, header: string | null, toleranceS = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS || !parts.v1) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
