import { z } from "zod";
import { DnsLookupError, type TxtResolver } from "../ports/dns";

/** Cloudflare's public resolver; Google's `https://dns.google/resolve` speaks the same JSON. */
export const CLOUDFLARE_DOH_URL = "https://cloudflare-dns.com/dns-query";

const TYPE_TXT = 16;
const NOERROR = 0;
const NXDOMAIN = 3;

const DohAnswer = z.looseObject({
  Status: z.number().int(),
  Answer: z.array(z.looseObject({ name: z.string(), type: z.number().int(), data: z.string() })).optional(),
});

/**
 * One TXT record's presentation data (`"part one" "part two"`) as the value it stands for: the
 * quoted strings concatenated (RFC 7208 §3.3), `\"` and `\\` unescaped, and `\DDD` taken as a
 * byte, so escaped UTF-8 decodes to its characters.
 */
export function parseTxtData(data: string): string {
  const quoted = data.match(/"((?:[^"\\]|\\.)*)"/g);
  if (!quoted) return data;
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (const q of quoted) {
    const body = q.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i] as string;
      if (c === "\\" && /^\d{3}$/.test(body.slice(i + 1, i + 4))) {
        bytes.push(Number(body.slice(i + 1, i + 4)));
        i += 3;
      } else {
        const literal = c === "\\" ? (body[++i] ?? "") : c;
        bytes.push(...encoder.encode(literal));
      }
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * TXT lookups over DNS-over-HTTPS (the JSON API): a public resolver answers from the
 * authoritative servers, not from whatever this host's resolver cached, and it works the same
 * against the local emulator. `fetch` with a timeout; anything but NOERROR / NXDOMAIN is an error.
 */
export function createDohTxtResolver(options: { url?: string; timeoutMs?: number } = {}): TxtResolver {
  const endpoint = options.url ?? CLOUDFLARE_DOH_URL;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async resolveTxt(name) {
      const url = new URL(endpoint);
      url.searchParams.set("name", name);
      url.searchParams.set("type", "TXT");
      let body: unknown;
      try {
        const res = await fetch(url, {
          headers: { accept: "application/dns-json" },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        body = await res.json();
      } catch (err) {
        throw new DnsLookupError(`DNS lookup of ${name} failed: ${err instanceof Error ? err.message : err}`, {
          cause: err,
        });
      }
      const parsed = DohAnswer.safeParse(body);
      if (!parsed.success) throw new DnsLookupError(`DNS lookup of ${name} returned an unreadable answer`);
      if (parsed.data.Status === NXDOMAIN) return [];
      if (parsed.data.Status !== NOERROR) {
        throw new DnsLookupError(`DNS lookup of ${name} failed (status ${parsed.data.Status})`);
      }
      return (parsed.data.Answer ?? []).filter((a) => a.type === TYPE_TXT).map((a) => parseTxtData(a.data));
    },
  };
}
