import type Stripe from "stripe";
import { stripeErrors } from "./errors";
import type { Params } from "./params";
import type { StripeObject, StripeStore } from "./store";

/**
 * A list page as Stripe answers it: newest first, `limit` 1–100 (default 10), cursors
 * `starting_after` / `ending_before` naming an object id of the list.
 */
export function listPage<T extends StripeObject>(
  store: StripeStore,
  items: T[],
  params: Params,
  url: string,
): Stripe.ApiList<T> {
  const limit = params.int("limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw stripeErrors.badRequest("Invalid limit: must be between 1 and 100", {
      code: "parameter_invalid_integer",
      param: "limit",
    });
  }
  const after = params.str("starting_after");
  const before = params.str("ending_before");
  if (after && before) {
    throw stripeErrors.badRequest("You may only specify one of these parameters: ending_before, starting_after.");
  }
  let page: T[];
  let hasMore: boolean;
  if (before) {
    const index = items.findIndex((i) => i.id === before);
    if (index === -1) throw stripeErrors.noSuch("object", before, "ending_before");
    const preceding = items.slice(0, index);
    page = preceding.slice(Math.max(0, preceding.length - limit));
    hasMore = preceding.length > limit;
  } else {
    let start = 0;
    if (after) {
      const index = items.findIndex((i) => i.id === after);
      if (index === -1) throw stripeErrors.noSuch("object", after, "starting_after");
      start = index + 1;
    }
    page = items.slice(start, start + limit);
    hasMore = items.length > start + limit;
  }
  return { object: "list", data: page.map((i) => store.view(i)), has_more: hasMore, url };
}

/** A list embedded in an object (`subscription.items`): every element, `has_more` false. */
export function embeddedList<T>(data: T[], url: string): Stripe.ApiList<T> {
  return { object: "list", data, has_more: false, url };
}

const MAX_EXPAND_DEPTH = 4;

/**
 * Applies `expand[]` to a response: each dotted path replaces an id with the object it names
 * (`customer`, `latest_invoice.payment_intent`, `data.customer` on lists, `items.data.price.product`).
 */
export function applyExpand(body: unknown, paths: string[] | undefined, store: StripeStore): unknown {
  if (!paths?.length || !body || typeof body !== "object") return body;
  for (const path of paths) {
    const segments = path.split(".");
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw stripeErrors.badRequest(
        `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`,
      );
    }
    expandAt(body, segments, path, store);
  }
  return body;
}

function expandAt(node: unknown, segments: string[], path: string, store: StripeStore): void {
  if (segments.length === 0 || node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) expandAt(item, segments, path, store);
    return;
  }
  if (typeof node !== "object") throw stripeErrors.cannotExpand(path);
  const obj = node as Record<string, unknown>;
  const [key, ...rest] = segments as [string, ...string[]];
  if (!(key in obj)) throw stripeErrors.cannotExpand(path);
  const value = obj[key];
  if (typeof value === "string") {
    const target = store.get(value);
    if (!target) throw stripeErrors.cannotExpand(path);
    obj[key] = store.view(target);
  } else if (Array.isArray(value)) {
    obj[key] = value.map((v) => {
      if (typeof v !== "string") return v;
      const target = store.get(v);
      return target ? store.view(target) : v;
    });
  }
  expandAt(obj[key], rest, path, store);
}
