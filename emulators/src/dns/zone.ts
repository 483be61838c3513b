import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../shared/http";

/**
 * The emulated public DNS: TXT records a customer would create at their DNS provider, answered
 * over DNS-over-HTTPS in the JSON form that Cloudflare (`cloudflare-dns.com/dns-query`) and Google
 * (`dns.google/resolve`) serve: `GET /dns-query?name=…&type=TXT` with `Accept: application/dns-json`.
 * Only TXT is modelled; every other type answers "no records".
 */
export class DnsZone {
  #txt = new Map<string, string[]>();

  /** Replace the TXT record set of a name; an empty list deletes it (the name stops existing). */
  setTxt(name: string, values: string[]): void {
    const key = normalizeName(name);
    if (values.length === 0) this.#txt.delete(key);
    else this.#txt.set(key, [...values]);
  }

  txt(name: string): string[] | undefined {
    return this.#txt.get(normalizeName(name));
  }

  snapshot(): Record<string, string[]> {
    return Object.fromEntries(this.#txt);
  }

  clear(): void {
    this.#txt.clear();
  }
}

export const normalizeName = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

const TYPE_TXT = 16;
const TYPES: Record<string, number> = { A: 1, CNAME: 5, TXT: TYPE_TXT, AAAA: 28 };
const NOERROR = 0;
const NXDOMAIN = 3;

/** A TXT string as presentation data: quoted, `"` and `\` escaped, split into ≤255-byte strings. */
function presentTxt(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length || i === 0; i += 255) parts.push(value.slice(i, i + 255));
  return parts.map((p) => `"${p.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(" ");
}

/** `GET /dns-query`: the DoH JSON answer for the zone, or a 400 like the public resolvers give. */
export function handleDohQuery(zone: DnsZone, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== "GET") {
    sendJson(res, 405, { error: "only GET is supported" });
    return;
  }
  const rawName = url.searchParams.get("name");
  const rawType = (url.searchParams.get("type") ?? "A").toUpperCase();
  const type = /^\d+$/.test(rawType) ? Number(rawType) : TYPES[rawType];
  if (!rawName || type === undefined) {
    sendJson(res, 400, { error: "Invalid query name or type" });
    return;
  }
  const name = normalizeName(rawName);
  const question = [{ name: `${name}.`, type }];
  const values = zone.txt(name);
  const headers = { "content-type": "application/dns-json", "cache-control": "no-store" };
  const base = { TC: false, RD: true, RA: true, AD: false, CD: false, Question: question };
  if (!values) {
    sendJson(res, 200, { Status: NXDOMAIN, ...base }, headers);
    return;
  }
  const answer =
    type === TYPE_TXT ? values.map((v) => ({ name: `${name}.`, type: TYPE_TXT, TTL: 300, data: presentTxt(v) })) : [];
  sendJson(res, 200, { Status: NOERROR, ...base, ...(answer.length ? { Answer: answer } : {}) }, headers);
}
