import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { CreateEmailResponseSuccess, ListEmailsResponseSuccess } from "resend";
import { z } from "zod";
import { createClock, type EmulatorClock } from "../shared/clock";
import { BodyTooLargeError, canonicalJson, close, LOOPBACK_HOST, listen, readBody, sendJson } from "../shared/http";
import { ResendApiError, resendErrors } from "./errors";
import { FailureInjector, FailureSpec, injectedError } from "./failures";
import { parseSendEmailBody } from "./send-email-schema";
import { EmailStore, IdempotencyStore, toEmailObject, toListEmail, toMailboxEntry } from "./store";

export interface ResendEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Accept only this key, like a real account. Without it any `re_…` key is accepted. */
  apiKey?: string;
}

export interface ResendEmulator {
  /** Base URL for the SDK: `new Resend(key, { baseUrl: emulator.url })`. */
  url: string;
  port: number;
  /** Every accepted email, with the request body and headers as received. */
  store: EmailStore;
  /** The emulator's clock (idempotency keys expire after 24 h on it). */
  clock: EmulatorClock;
  /** Make the next matching request(s) fail or stall. */
  failNext(spec: FailureSpec): void;
  /** Forget emails, idempotency keys and pending failures. */
  clear(): void;
  stop(): Promise<void>;
}

// Resend caps attachments at 40 MB; base64 and JSON framing add about a third.
const MAX_BODY_BYTES = 56 * 1024 * 1024;
const API_KEY_SHAPE = /^re_\S+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ListQuery = z.object({
  limit: z.coerce
    .number({ error: "The `limit` parameter must be a number between 1 and 100." })
    .int({ error: "The `limit` parameter must be a number between 1 and 100." })
    .min(1, { error: "The `limit` parameter must be a number between 1 and 100." })
    .max(100, { error: "The `limit` parameter must be a number between 1 and 100." })
    .default(20),
  after: z.string().optional(),
  before: z.string().optional(),
});

const ClockAdvance = z.strictObject({ advanceMs: z.number().int().min(0) });

export async function startResendEmulator(options: ResendEmulatorOptions = {}): Promise<ResendEmulator> {
  const clock = createClock();
  const store = new EmailStore();
  const idempotency = new IdempotencyStore(clock);
  const failures = new FailureInjector();
  // Aborted by stop(), so a request held by an injected delay does not keep the process alive.
  const lifetime = new AbortController();

  function authenticate(req: IncomingMessage): string {
    const header = req.headers.authorization?.trim() ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
    if (!token) throw resendErrors.missingApiKey();
    const valid = options.apiKey === undefined ? API_KEY_SHAPE.test(token) : token === options.apiKey;
    if (!valid) throw resendErrors.invalidApiKey();
    return token;
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    let raw: string;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw resendErrors.bodyTooLarge();
      throw err;
    }
    try {
      return JSON.parse(raw);
    } catch {
      throw resendErrors.invalidJson();
    }
  }

  async function sendEmail(req: IncomingMessage, apiKey: string): Promise<CreateEmailResponseSuccess> {
    const header = req.headers["idempotency-key"];
    const idempotencyKey = typeof header === "string" ? header : null;
    if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      throw resendErrors.invalidIdempotencyKey();
    }
    const requestBody = await readJson(req);
    const body = parseSendEmailBody(requestBody);

    const fingerprint = createHash("sha256").update(canonicalJson(requestBody)).digest("hex");
    if (idempotencyKey !== null) {
      const previous = idempotency.lookup(apiKey, idempotencyKey);
      if (previous && previous.fingerprint !== fingerprint) throw resendErrors.invalidIdempotentRequest();
      if (previous) return previous.response;
    }

    const id = randomUUID();
    store.add({
      id,
      createdAt: clock.now(),
      requestBody,
      body,
      idempotencyKey,
      userAgent: req.headers["user-agent"] ?? null,
    });
    const response: CreateEmailResponseSuccess = { id };
    if (idempotencyKey !== null) idempotency.remember(apiKey, idempotencyKey, fingerprint, response);
    return response;
  }

  function listEmails(query: URLSearchParams): ListEmailsResponseSuccess {
    const parsed = ListQuery.safeParse(Object.fromEntries(query));
    if (!parsed.success) throw resendErrors.validation(parsed.error.issues[0]?.message ?? "Invalid query.");
    const { limit, after, before } = parsed.data;
    if (after && before) throw resendErrors.validation("You can only use `after` or `before`, not both.");
    const all = store.list();
    let start = 0;
    let end = all.length;
    if (after) {
      const index = all.findIndex((e) => e.id === after);
      if (index === -1) throw resendErrors.validation("Invalid `after` cursor.");
      start = index + 1;
    } else if (before) {
      const index = all.findIndex((e) => e.id === before);
      if (index === -1) throw resendErrors.validation("Invalid `before` cursor.");
      end = index;
      start = Math.max(0, end - limit);
    }
    const page = all.slice(start, Math.min(end, start + limit));
    const hasMore = before ? start > 0 : start + page.length < end;
    return { object: "list", has_more: hasMore, data: page.map(toListEmail) };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const rule = failures.take(method, url.pathname);
    if (rule?.delayMs) await sleep(rule.delayMs, undefined, { signal: lifetime.signal });
    if (rule?.status !== undefined) throw injectedError(rule.status);

    const segments = url.pathname.split("/").filter(Boolean);
    if (segments[0] !== "emails" || segments.length > 2) throw resendErrors.endpointNotFound();
    const apiKey = authenticate(req);

    if (segments.length === 1) {
      if (method === "POST") return sendJson(res, 200, await sendEmail(req, apiKey));
      if (method === "GET") return sendJson(res, 200, listEmails(url.searchParams));
      throw resendErrors.methodNotAllowed();
    }
    if (method !== "GET") throw resendErrors.methodNotAllowed();
    const id = decodeURIComponent(segments[1] ?? "");
    if (!UUID.test(id)) throw resendErrors.invalidParameter("The `id` must be a valid UUID.");
    const email = store.get(id);
    if (!email) throw resendErrors.emailNotFound();
    return sendJson(res, 200, toEmailObject(email));
  }

  // Dev-only routes, not part of Resend's API: no auth, loopback only.
  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /_emulator/health":
        return sendJson(res, 200, { ok: true, vendor: "resend" });
      case "GET /_emulator/emails": {
        const to = url.searchParams.get("to") ?? undefined;
        return sendJson(res, 200, { object: "list", data: store.find({ to }).map(toMailboxEntry) });
      }
      case "POST /_emulator/fail": {
        const parsed = FailureSpec.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "invalid failure spec", issues: parsed.error.issues });
        failures.add(parsed.data);
        return sendJson(res, 200, { ok: true });
      }
      case "POST /_emulator/clear":
        clear();
        return sendJson(res, 200, { ok: true });
      case "POST /_emulator/clock": {
        const parsed = ClockAdvance.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "expected { advanceMs: integer ≥ 0 }" });
        return sendJson(res, 200, { now: clock.advance(parsed.data.advanceMs).toISOString() });
      }
      default:
        return sendJson(res, 404, { error: `no emulator route ${route}` });
    }
  }

  function clear(): void {
    store.clear();
    idempotency.clear();
    failures.clear();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
    const handler = url.pathname.startsWith("/_emulator/") ? handleControl : handleApi;
    handler(req, res, url).catch((err: unknown) => {
      if (res.headersSent || lifetime.signal.aborted) {
        res.destroy();
        return;
      }
      if (err instanceof ResendApiError) {
        sendJson(res, err.status, err.body, err.headers);
        return;
      }
      console.error("[resend-emulator] unexpected error", err);
      const internal = resendErrors.internal();
      sendJson(res, internal.status, internal.body);
    });
  });

  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    store,
    clock,
    failNext: (spec) => {
      failures.add(spec);
    },
    clear,
    stop: async () => {
      lifetime.abort();
      await close(server);
    },
  };
}
