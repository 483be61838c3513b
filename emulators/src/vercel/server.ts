import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { DnsZone, handleDohQuery } from "../dns/zone";
import { createClock, type EmulatorClock } from "../shared/clock";
import { BodyTooLargeError, close, LOOPBACK_HOST, listen, readBody, sendJson } from "../shared/http";
import { isValidDomainName } from "./apex";
import { injectedError, VercelApiError, vercelErrors } from "./errors";
import { FailureInjector, FailureSpec } from "./failures";
import {
  type DnsState,
  type EmulatedProjectDomain,
  toDomainConfig,
  toProjectDomain,
  toVerifiedDomain,
  txtRecordName,
  txtRecordValue,
  VercelDomainStore,
} from "./store";

export interface VercelEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Accept only this bearer token, like a real account. Without it any non-empty token is accepted. */
  token?: string;
  /** The one project this emulator hosts (addressable by this id or by `projectName`). */
  projectId?: string;
  projectName?: string;
}

/** One API request as the emulator received it, for assertions (`teamId` sent? which path?). */
export interface EmulatedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  userAgent: string | null;
}

export interface VercelEmulator {
  /** Base URL for the SDK: `new Vercel({ bearerToken, serverURL: emulator.url })`. */
  url: string;
  port: number;
  projectId: string;
  projectName: string;
  /** The project's domains, domains held elsewhere, and the emulated DNS. */
  domains: VercelDomainStore;
  /**
   * The public DNS as a resolver sees it (TXT records only), served as DNS-over-HTTPS JSON at
   * `<url>/dns-query`. Custom domains need one world where DNS and Vercel agree, so this
   * emulator plays the internet's resolver too; it is not part of Vercel's API.
   */
  dns: DnsZone;
  /** Set a name's TXT records as a customer would at their DNS provider (`[]` deletes them). */
  setTxtRecord(name: string, values: string[]): void;
  /** Every API request received (control routes excluded), oldest first. */
  requests: EmulatedRequest[];
  clock: EmulatorClock;
  /** Make the next matching request(s) fail or stall. */
  failNext(spec: FailureSpec): void;
  /**
   * Put (`true`) or take away (`false`) the domain's `_vercel` TXT record. Verification needs a
   * `…/verify` call after the record appears; taking it away unverifies at once (Vercel's re-check).
   */
  setDomainVerified(hostname: string, verified: boolean): void;
  /** Point the domain's A / CNAME record at Vercel (`false`) or away from it (`true`, the default). */
  setMisconfigured(hostname: string, misconfigured: boolean): void;
  /** Another project holds the domain (`null` releases it): adding it answers 409 `domain_already_in_use`. */
  claimElsewhere(hostname: string, owner: string | null): void;
  /** Forget domains, claims, DNS, recorded requests and pending failures. */
  clear(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const TOKEN_SHAPE = /^\S+$/;

/** `POST /v10/projects/{idOrName}/domains`. Vercel ignores fields it does not know. */
const AddDomainBody = z.looseObject({
  name: z.string({ error: "Invalid request: missing required property `name`." }),
  gitBranch: z.string().nullable().optional(),
  customEnvironmentId: z.string().optional(),
  redirect: z.string().nullable().optional(),
  redirectStatusCode: z
    .union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)])
    .nullable()
    .optional(),
});

const DnsChange = z.strictObject({
  domain: z.string().min(1),
  txt: z.boolean().optional(),
  misconfigured: z.boolean().optional(),
});
const TxtChange = z.strictObject({ name: z.string().min(1), values: z.array(z.string().max(4096)).max(20) });
const ClaimChange = z.strictObject({ domain: z.string().min(1), owner: z.string().min(1).nullable() });
const ClockAdvance = z.strictObject({ advanceMs: z.number().int().min(0) });

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

export async function startVercelEmulator(options: VercelEmulatorOptions = {}): Promise<VercelEmulator> {
  const projectId = options.projectId ?? "prj_emulator0000000000000000";
  const projectName = options.projectName ?? "musicalwheel";
  const clock = createClock();
  const domains = new VercelDomainStore(clock, projectId);
  const dns = new DnsZone();
  const failures = new FailureInjector();
  const requests: EmulatedRequest[] = [];
  // Aborted by stop(), so a request held by an injected delay does not keep the process alive.
  const lifetime = new AbortController();

  function authenticate(req: IncomingMessage): void {
    const header = req.headers.authorization?.trim() ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
    if (!token) throw vercelErrors.missingToken();
    const valid = options.token === undefined ? TOKEN_SHAPE.test(token) : token === options.token;
    if (!valid) throw vercelErrors.invalidToken();
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    let raw: string;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw vercelErrors.bodyTooLarge();
      throw err;
    }
    if (raw.trim() === "") return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      throw vercelErrors.invalidJson();
    }
  }

  function assertProject(idOrName: string): void {
    if (idOrName !== projectId && idOrName !== projectName) throw vercelErrors.projectNotFound();
  }

  function projectDomainOrThrow(name: string): EmulatedProjectDomain {
    const domain = domains.get(normalize(name));
    if (!domain) throw vercelErrors.domainNotFound(name);
    return domain;
  }

  function addDomain(body: unknown) {
    const parsed = AddDomainBody.safeParse(body);
    if (!parsed.success) throw vercelErrors.badRequest(parsed.error.issues[0]?.message ?? "Invalid request body.");
    const name = normalize(parsed.data.name);
    if (!isValidDomainName(name)) throw vercelErrors.invalidDomain(parsed.data.name);
    // Vercel answers a repeated add with 409 naming the project that holds it, even when that
    // is the caller's own project; that is what lets a client treat a retry as success.
    if (domains.get(name)) throw vercelErrors.domainAlreadyInUse(name, projectId, true);
    const owner = domains.claimedBy(name);
    if (owner !== undefined) throw vercelErrors.domainAlreadyInUse(name, owner, false);
    return toProjectDomain(domains.add(name));
  }

  function verifyDomain(name: string) {
    const domain = projectDomainOrThrow(name);
    if (!domains.tryVerify(domain)) throw vercelErrors.missingTxtRecord(txtRecordName(domain), txtRecordValue(domain));
    return toVerifiedDomain(domain);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const rule = failures.take(method, path) ?? failures.take(method, safeDecode(path));
    if (rule?.delayMs) await sleep(rule.delayMs, undefined, { signal: lifetime.signal });

    const body = method === "GET" || method === "HEAD" ? undefined : await readJson(req);
    requests.push({
      method,
      path: safeDecode(path),
      query: Object.fromEntries(url.searchParams),
      body,
      userAgent: req.headers["user-agent"] ?? null,
    });
    if (rule?.status !== undefined) throw injectedError(rule.status);
    authenticate(req);

    const s = path.split("/").filter(Boolean).map(safeDecode);
    // /v10/projects/{idOrName}/domains
    if (s.length === 4 && s[0] === "v10" && s[1] === "projects" && s[3] === "domains") {
      if (method !== "POST") throw vercelErrors.methodNotAllowed();
      assertProject(s[2] ?? "");
      return sendJson(res, 200, addDomain(body));
    }
    // /v9/projects/{idOrName}/domains/{domain}[/verify]
    if (s[0] === "v9" && s[1] === "projects" && s[3] === "domains" && (s.length === 5 || s.length === 6)) {
      assertProject(s[2] ?? "");
      const name = s[4] ?? "";
      if (s.length === 6) {
        if (s[5] !== "verify") throw vercelErrors.routeNotFound();
        if (method !== "POST") throw vercelErrors.methodNotAllowed();
        return sendJson(res, 200, verifyDomain(name));
      }
      if (method === "GET") return sendJson(res, 200, toProjectDomain(projectDomainOrThrow(name)));
      if (method === "DELETE") {
        domains.remove(projectDomainOrThrow(name).name);
        return sendJson(res, 200, {});
      }
      throw vercelErrors.methodNotAllowed();
    }
    // /v6/domains/{domain}/config
    if (s.length === 4 && s[0] === "v6" && s[1] === "domains" && s[3] === "config") {
      if (method !== "GET") throw vercelErrors.methodNotAllowed();
      const projectIdOrName = url.searchParams.get("projectIdOrName");
      if (projectIdOrName !== null) assertProject(projectIdOrName);
      const name = normalize(s[2] ?? "");
      if (!isValidDomainName(name)) throw vercelErrors.invalidDomain(s[2] ?? "");
      return sendJson(res, 200, toDomainConfig(name, domains.dns(name)));
    }
    throw vercelErrors.routeNotFound();
  }

  function setDns(name: string, change: Partial<DnsState>): DnsState {
    return domains.setDns(normalize(name), change);
  }

  // Dev-only routes, not part of Vercel's API: no auth, loopback only.
  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /_emulator/health":
        return sendJson(res, 200, { ok: true, vendor: "vercel", projectId, projectName });
      case "GET /_emulator/state":
        return sendJson(res, 200, {
          ...domains.snapshot(),
          txt: dns.snapshot(),
          projectName,
          now: clock.now().toISOString(),
        });
      case "GET /_emulator/requests":
        return sendJson(res, 200, { data: requests });
      case "POST /_emulator/dns": {
        const parsed = DnsChange.safeParse(await readJson(req));
        if (!parsed.success) {
          return sendJson(res, 400, { error: "expected { domain, txt?: boolean, misconfigured?: boolean }" });
        }
        const { domain, txt, misconfigured } = parsed.data;
        const dns = setDns(domain, {
          ...(txt === undefined ? {} : { txt }),
          ...(misconfigured === undefined ? {} : { routed: !misconfigured }),
        });
        return sendJson(res, 200, { domain: normalize(domain), ...dns });
      }
      case "POST /_emulator/txt": {
        const parsed = TxtChange.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "expected { name, values: string[] }" });
        dns.setTxt(parsed.data.name, parsed.data.values);
        return sendJson(res, 200, { name: parsed.data.name, values: dns.txt(parsed.data.name) ?? [] });
      }
      case "POST /_emulator/claim": {
        const parsed = ClaimChange.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "expected { domain, owner: string | null }" });
        domains.setClaim(normalize(parsed.data.domain), parsed.data.owner);
        return sendJson(res, 200, { ok: true });
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
    domains.clear();
    dns.clear();
    failures.clear();
    requests.length = 0;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
    if (url.pathname === "/dns-query") {
      handleDohQuery(dns, req, res, url);
      return;
    }
    const handler = url.pathname.startsWith("/_emulator/") ? handleControl : handleApi;
    handler(req, res, url).catch((err: unknown) => {
      if (res.headersSent || lifetime.signal.aborted) {
        res.destroy();
        return;
      }
      if (err instanceof VercelApiError) {
        sendJson(res, err.status, err.body, err.headers);
        return;
      }
      console.error("[vercel-emulator] unexpected error", err);
      const internal = vercelErrors.internal();
      sendJson(res, internal.status, internal.body);
    });
  });

  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    projectId,
    projectName,
    domains,
    dns,
    setTxtRecord: (name, values) => {
      dns.setTxt(name, values);
    },
    requests,
    clock,
    failNext: (spec) => {
      failures.add(spec);
    },
    setDomainVerified: (hostname, verified) => {
      setDns(hostname, { txt: verified });
    },
    setMisconfigured: (hostname, misconfigured) => {
      setDns(hostname, { routed: !misconfigured });
    },
    claimElsewhere: (hostname, owner) => {
      domains.setClaim(normalize(hostname), owner);
    },
    clear,
    stop: async () => {
      lifetime.abort();
      await close(server);
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
