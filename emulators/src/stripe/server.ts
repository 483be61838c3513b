import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createClock, type EmulatorClock } from "../shared/clock";
import { FailureInjector, type FailureSpec } from "../shared/failures";
import { BodyTooLargeError, close, LOOPBACK_HOST, listen, readBody, sendJson } from "../shared/http";
import { registerBillingViews } from "./billing/objects";
import { type ApiContext, compilePath, type Route } from "./context";
import { handleControl } from "./control";
import { injectedError, StripeApiError, stripeErrors } from "./errors";
import { EventBus } from "./events";
import { type FormObject, FormParseError, parseForm } from "./form";
import { IdempotencyStore } from "./idempotency";
import { applyExpand } from "./list";
import { handlePage } from "./pages";
import { Params } from "./params";
import { loadState, saveState } from "./persist";
import { catchUpEmulatorClock } from "./resources/test-clocks";
import { apiRoutes } from "./routes";
import { StripeStore } from "./store";
import { WebhookDispatcher, type WebhookEndpointConfig, type WebhookOptions } from "./webhooks";

/** The API version the emulator's bodies follow: the `stripe` SDK's pinned one (asserted in its tests). */
export const EMULATED_API_VERSION = "2026-11-18.endive";

export interface StripeEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Accept only this secret key, like a real account. Without it any `sk_test_…` / `rk_test_…` key is. */
  apiKey?: string;
  /** Endpoints registered at start (as `POST /v1/webhook_endpoints` would). */
  webhookEndpoints?: WebhookEndpointConfig[];
  webhook?: WebhookOptions;
  /**
   * Model Stripe's rate limit (test mode: 25 requests/s per key): requests over it in one second
   * answer 429 `rate_limit`. Off unless given; `POST /_emulator/rate-limit` changes it.
   */
  rateLimitPerSecond?: number | null;
  /**
   * A file to keep the account in across restarts (objects, side state, idempotency keys, the clock):
   * read at start, written every 30 s and at stop. Unset: memory only.
   */
  persistPath?: string;
}

/** One API request as the emulator received it, for assertions. */
export interface StripeRequestRecord {
  method: string;
  path: string;
  /** Decoded form body (POST) or query (GET/DELETE). */
  params: FormObject;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  userAgent: string | null;
  status: number | null;
  replayed: boolean;
}

export interface StripeEmulator {
  /** Base URL: give it to `createStripeClient({ apiUrl })` (host/port/protocol for the SDK). */
  url: string;
  port: number;
  store: StripeStore;
  events: EventBus;
  webhooks: WebhookDispatcher;
  clock: EmulatorClock;
  requests: StripeRequestRecord[];
  /** Whether the state was read from `persistPath` at start. */
  restored: boolean;
  /** Requests per second per API key before 429 (`null`: no limit). */
  rateLimitPerSecond: number | null;
  failNext(spec: FailureSpec): void;
  /** Forget every object, key, request, endpoint and pending failure. */
  clear(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const KEY_SHAPE = /^(sk|rk)_test_[A-Za-z0-9_]+$/;
const VERSION_SHAPE = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const clock = createClock();
  const store = new StripeStore(clock);
  registerBillingViews(store);
  const webhooks = new WebhookDispatcher(store, options.webhook);
  const events = new EventBus(store, webhooks, EMULATED_API_VERSION);
  const failures = new FailureInjector();
  const idempotency = new IdempotencyStore();
  const requests: StripeRequestRecord[] = [];
  const routes = apiRoutes.map((r) => ({ route: r, match: compilePath(r.path) }));
  const lifetime = new AbortController();
  let baseUrl = "";

  const restored = options.persistPath ? loadState(options.persistPath, store, idempotency, clock) : false;
  for (const endpoint of options.webhookEndpoints ?? []) webhooks.addEndpoint(endpoint);
  const persist = () => {
    if (!options.persistPath) return;
    try {
      saveState(options.persistPath, store, idempotency, clock);
    } catch (err) {
      console.error("[stripe-emulator] could not save its state", err);
    }
  };

  function authenticate(req: IncomingMessage): string {
    const header = req.headers.authorization?.trim() ?? "";
    let key = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
    if (!key && /^Basic\s+/i.test(header)) {
      key =
        Buffer.from(header.replace(/^Basic\s+/i, ""), "base64")
          .toString("utf8")
          .split(":")[0] ?? "";
    }
    if (!key) throw stripeErrors.noApiKey();
    if (/^(sk|rk)_live_/.test(key)) throw stripeErrors.livemodeKey();
    const valid = options.apiKey === undefined ? KEY_SHAPE.test(key) : key === options.apiKey;
    if (!valid) throw stripeErrors.invalidApiKey(key);
    return key;
  }

  const windows = new Map<string, { second: number; count: number }>();
  function overRateLimit(apiKey: string): boolean {
    const limit = emulator.rateLimitPerSecond;
    if (!limit) return false;
    const second = Math.floor(Date.now() / 1000);
    const w = windows.get(apiKey);
    if (!w || w.second !== second) {
      windows.set(apiKey, { second, count: 1 });
      return false;
    }
    w.count += 1;
    return w.count > limit;
  }

  function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const { route, match } of routes) {
      if (route.method !== method) continue;
      const params = match(path);
      if (params) return { route, params };
    }
    return null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const requestId = `req_${randomBytes(10).toString("hex").slice(0, 14)}`;
    const idempotencyKey = headerOf(req, "idempotency-key");
    const stripeVersion = headerOf(req, "stripe-version");
    const record: StripeRequestRecord = {
      method,
      path,
      params: {},
      idempotencyKey,
      stripeVersion,
      userAgent: headerOf(req, "user-agent"),
      status: null,
      replayed: false,
    };
    requests.push(record);
    const version = stripeVersion ?? EMULATED_API_VERSION;
    const headers: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": version,
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    };
    const respond = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, body, { ...headers, ...extra });
    };
    try {
      const rule = failures.take(method, path);
      if (rule?.delayMs) await sleep(rule.delayMs, undefined, { signal: lifetime.signal });
      let raw: string;
      try {
        raw = method === "POST" ? await readBody(req, MAX_BODY_BYTES) : url.search.slice(1);
      } catch (err) {
        if (err instanceof BodyTooLargeError) throw stripeErrors.badRequest("Request body too large.");
        throw err;
      }
      let form: FormObject;
      try {
        form = parseForm(raw);
      } catch (err) {
        if (err instanceof FormParseError) throw stripeErrors.badRequest(err.message);
        throw err;
      }
      record.params = form;
      if (rule?.status !== undefined) throw injectedError(rule.status);
      const apiKey = authenticate(req);
      if (overRateLimit(apiKey)) throw stripeErrors.rateLimited();
      if (stripeVersion !== null && !VERSION_SHAPE.test(stripeVersion)) {
        throw stripeErrors.invalidApiVersion(stripeVersion);
      }
      const found = findRoute(method, path);
      if (!found) throw stripeErrors.unrecognizedUrl(method, path);

      let slot: string | null = null;
      if (method === "POST" && idempotencyKey) {
        const begun = idempotency.begin(apiKey, idempotencyKey, method, path, form, clock.now().getTime());
        if ("replay" in begun) {
          record.replayed = true;
          return respond(begun.replay.status, begun.replay.body, { "idempotent-replayed": "true" });
        }
        slot = begun.slot;
      }
      const params = new Params(form);
      const ctx: ApiContext = {
        params,
        path: found.params,
        store,
        events,
        webhooks,
        baseUrl,
        requestId,
        idempotencyKey,
      };
      try {
        events.current = { requestId, idempotencyKey };
        const result = await found.route.handler(ctx);
        const body = applyExpand(result, params.strs("expand"), store);
        if (slot) idempotency.finish(slot, { status: 200, body });
        return respond(200, body);
      } catch (err) {
        // Results are remembered once the endpoint ran (a declined card replays as declined), but
        // not a request refused for its parameters: fixing them needs no new key.
        const remember = err instanceof StripeApiError && (err.status === 402 || err.status >= 500);
        if (slot) idempotency.finish(slot, remember ? { status: err.status, body: err.body } : null);
        throw err;
      } finally {
        events.current = null;
      }
    } catch (err) {
      if (res.headersSent || lifetime.signal.aborted) {
        res.destroy();
        return;
      }
      if (err instanceof StripeApiError) return respond(err.status, err.body, err.headers);
      console.error("[stripe-emulator] unexpected error", err);
      const internal = stripeErrors.api();
      return respond(internal.status, internal.body);
    }
  }

  function clear(): void {
    store.clear();
    webhooks.clear();
    failures.clear();
    idempotency.clear();
    requests.length = 0;
  }

  const emulator: StripeEmulator = {
    url: "",
    port: 0,
    store,
    events,
    webhooks,
    clock,
    requests,
    rateLimitPerSecond: options.rateLimitPerSecond ?? null,
    restored: false,
    failNext: (spec) => {
      failures.add(spec);
    },
    clear,
    stop: async () => {
      clearInterval(ticker);
      lifetime.abort();
      await webhooks.stop();
      await close(server);
      persist();
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
    const done = (err: unknown) => {
      if (res.headersSent || lifetime.signal.aborted) {
        res.destroy();
        return;
      }
      if (err instanceof StripeApiError) {
        sendJson(res, err.status, err.body, err.headers);
        return;
      }
      console.error("[stripe-emulator] unexpected error", err);
      sendJson(res, 500, stripeErrors.api().body);
    };
    if (url.pathname.startsWith("/_emulator/")) {
      handleControl(req, res, url, { emulator, failures }).catch(done);
    } else if (url.pathname.startsWith("/v1/")) {
      handleApi(req, res, url).catch(done);
    } else {
      handlePage(req, res, url, { store, events, webhooks, baseUrl }).catch(done);
    }
  });

  // Renewals and trial ends of customers without a test clock come due as real time passes too.
  const ticker = setInterval(() => {
    try {
      catchUpEmulatorClock({ store, events, baseUrl });
    } catch (err) {
      console.error("[stripe-emulator] billing tick failed", err);
    }
    persist();
  }, 30_000);
  ticker.unref();

  const port = await listen(server, options.port ?? 0);
  baseUrl = `http://${LOOPBACK_HOST}:${port}`;
  emulator.url = baseUrl;
  emulator.port = port;
  emulator.restored = restored;
  return emulator;
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v?.trim() ? v.trim() : null;
}
