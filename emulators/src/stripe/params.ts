import { stripeErrors } from "./errors";
import type { FormObject, FormValue } from "./form";

/**
 * Typed reads of one request's parameters, failing as Stripe does: unknown parameters are refused
 * (`parameter_unknown`), required ones named (`parameter_missing`), bad integers and booleans
 * reported with the parameter's full bracketed name (`items[0][quantity]`).
 */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = "",
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** Refuses any parameter not listed (`expand` is always allowed at the top level). */
  only(keys: readonly string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (key === "expand" && !this.prefix) continue;
      if (!keys.includes(key)) throw stripeErrors.unknownParam(this.name(key));
    }
    return this;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw stripeErrors.invalidParam(this.name(key), `Invalid string: ${this.name(key)}`);
    return v;
  }

  reqStr(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === "") throw stripeErrors.missingParam(this.name(key));
    return v;
  }

  int(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!/^-?\d+$/.test(v)) throw stripeErrors.invalidInteger(this.name(key), v);
    return Number(v);
  }

  reqInt(key: string): number {
    const v = this.int(key);
    if (v === undefined) throw stripeErrors.missingParam(this.name(key));
    return v;
  }

  num(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(v)) throw stripeErrors.invalidParam(this.name(key), `Invalid decimal: ${v}`);
    return Number(v);
  }

  bool(key: string): boolean | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (v !== "true" && v !== "false") throw stripeErrors.invalidBoolean(this.name(key), v);
    return v === "true";
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!allowed.includes(v as T)) throw stripeErrors.invalidEnum(this.name(key), allowed);
    return v as T;
  }

  obj(key: string): Params | undefined {
    const v = this.raw[key];
    if (v === undefined || v === "") return undefined;
    if (typeof v !== "object" || Array.isArray(v)) {
      throw stripeErrors.invalidParam(this.name(key), `Invalid object: ${this.name(key)}`);
    }
    return new Params(v, this.name(key));
  }

  /** An array of objects (`items[0][price]`). */
  objs(key: string): Params[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === "") return undefined;
    const list = asArray(v);
    if (!list) throw stripeErrors.invalidParam(this.name(key), `Invalid array: ${this.name(key)}`);
    return list.map((item, i) => {
      if (typeof item !== "object" || Array.isArray(item)) {
        throw stripeErrors.invalidParam(`${this.name(key)}[${i}]`, `Invalid object: ${this.name(key)}[${i}]`);
      }
      return new Params(item, `${this.name(key)}[${i}]`);
    });
  }

  /** An array of strings (`expand[0]`, `lookup_keys[]`). */
  strs(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === "") return undefined;
    const list = asArray(v);
    if (!list || list.some((s) => typeof s !== "string")) {
      throw stripeErrors.invalidParam(this.name(key), `Invalid array: ${this.name(key)}`);
    }
    return list as string[];
  }

  /**
   * Metadata: `undefined` (not given), `null` (`metadata=`: clear it all) or key/value strings, where
   * an empty value deletes that key on update. Stripe's limits: 50 keys, 40-char keys, 500-char values.
   */
  metadata(key = "metadata"): Record<string, string> | null | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (v === "") return null;
    if (typeof v !== "object" || Array.isArray(v)) {
      throw stripeErrors.invalidParam(this.name(key), `Invalid object: ${this.name(key)}`);
    }
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== "string") throw stripeErrors.invalidParam(`${this.name(key)}[${k}]`, "Invalid metadata value");
      if (k.length > 40) throw stripeErrors.badRequest(`Metadata keys can have up to 40 characters: ${k}`);
      if (val.length > 500) throw stripeErrors.badRequest(`Metadata values can have up to 500 characters: ${k}`);
      out[k] = val;
    }
    if (Object.keys(out).length > 50) throw stripeErrors.badRequest("You can have up to 50 metadata keys.");
    return out;
  }
}

function asArray(v: FormValue): FormValue[] | null {
  if (Array.isArray(v)) return v;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0) return [];
  }
  return null;
}

/** Applies a metadata update as Stripe does: `null` clears, "" deletes a key, others set. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | null | undefined) {
  if (update === undefined) return current;
  if (update === null) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}
