import type { EventBus } from "./events";
import type { Params } from "./params";
import type { StripeStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

/** What a route handler gets: the request's parameters and the emulator's state. */
export interface ApiContext {
  params: Params;
  /** Path parameters (`/v1/prices/:id` → `{ id }`). */
  path: Record<string, string>;
  store: StripeStore;
  events: EventBus;
  webhooks: WebhookDispatcher;
  /** The emulator's own base URL (hosted pages link to it). */
  baseUrl: string;
  requestId: string;
  idempotencyKey: string | null;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** `/v1/prices/:id`; segments starting with `:` are parameters. */
  path: string;
  handler: (ctx: ApiContext) => unknown | Promise<unknown>;
}

/** `/v1/prices/:id` → matcher returning the path parameters, or null. */
export function compilePath(pattern: string): (path: string) => Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  return (path) => {
    const segs = path.split("/").filter(Boolean);
    if (segs.length !== parts.length) return null;
    const out: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      const s = segs[i] as string;
      if (p.startsWith(":")) {
        try {
          out[p.slice(1)] = decodeURIComponent(s);
        } catch {
          return null;
        }
      } else if (p !== s) return null;
    }
    return out;
  };
}
