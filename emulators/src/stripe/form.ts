/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys, as the SDK
 * writes it (`metadata[tenantId]=t`, `items[0][price]=p`, `expand[0]=customer`; `expand[]=x` from
 * other clients). Decoded into nested objects and arrays; every leaf stays a string, as Stripe
 * receives it (the endpoint coerces). An empty value is kept as "": Stripe reads it as "unset".
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export class FormParseError extends Error {}

const MAX_DEPTH = 8;

export function parseForm(raw: string): FormObject {
  const root: FormObject = {};
  if (raw.trim() === "") return root;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    setPath(root, splitKey(key), value);
  }
  return finalize(root) as FormObject;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw new FormParseError(`Invalid URL encoding in "${s.slice(0, 40)}"`);
  }
}

/** `a[b][0][]` → ["a", "b", "0", ""]. */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open === -1) return [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) throw new FormParseError(`Invalid parameter name: ${key}`);
    parts.push(m[1] ?? "");
    consumed = m.index + m[0].length;
  }
  if (consumed !== rest.length) throw new FormParseError(`Invalid parameter name: ${key}`);
  if (parts.length > MAX_DEPTH) throw new FormParseError(`Parameter nested too deeply: ${key}`);
  return parts;
}

// While parsing, arrays are objects with numeric keys (or APPEND for `[]`); finalize turns them into arrays.
const APPEND = "\u0000append";

function setPath(root: FormObject, path: string[], value: string): void {
  let node = root as unknown as Record<string, unknown>;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    const last = i === path.length - 1;
    if (seg === "") {
      // `x[]=v`: append to a list held under the parent key.
      if (!node[APPEND]) node[APPEND] = [];
      const list = node[APPEND] as unknown[];
      if (last) {
        list.push(value);
        return;
      }
      const child = {};
      list.push(child);
      node = child as Record<string, unknown>;
      continue;
    }
    if (last) {
      if (typeof node[seg] === "object" && node[seg] !== null) {
        throw new FormParseError(`Parameter ${path.join(".")} given both as a value and as an object`);
      }
      node[seg] = value;
      return;
    }
    const existing = node[seg];
    if (typeof existing === "string") {
      throw new FormParseError(`Parameter ${path.slice(0, i + 1).join(".")} given both as a value and as an object`);
    }
    node[seg] ??= {};
    node = node[seg] as Record<string, unknown>;
  }
}

function finalize(node: unknown): FormValue {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(finalize);
  const obj = node as Record<string, unknown>;
  const appended = obj[APPEND] as unknown[] | undefined;
  const keys = Object.keys(obj).filter((k) => k !== APPEND);
  if (appended) return [...keys.map((k) => obj[k]), ...appended].map(finalize);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => finalize(obj[String(k)]));
  }
  const out: FormObject = {};
  for (const k of keys) out[k] = finalize(obj[k]);
  return out;
}
