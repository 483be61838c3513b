import type { ThemeTokens } from "@mw/themes";
import type { Database } from "../db/client";
import type { DunningStateValue, TenantStatus } from "../db/schema/tenants";
import { recordCacheLookup } from "../observability/metrics";
import { normalizeHost } from "./host";

export interface ResolvedTenant {
  tenantId: string;
  slug: string;
  name: string;
  status: TenantStatus;
  plan: string;
  addons: string[];
  /** Stored entitlements (read them with `readEntitlements`). */
  entitlements: unknown;
  hostname: string;
  domainKind: "platform" | "custom";
  primaryHost: string | null;
  themeVersion: number | null;
  themeTokens: ThemeTokens | null;
  /** Billing standing (one input of `featureAvailability`, and the admins' banner). */
  dunningState: DunningStateValue;
  /** Deadline of the current dunning state (end of grace while past due); null while ok. */
  graceUntil: Date | null;
}

interface Entry {
  value: ResolvedTenant | null;
  expires: number;
}

export interface HostResolverOptions {
  /** Upper bound on cached hosts (oldest evicted first). */
  maxEntries?: number;
  /** Safety net behind NOTIFY: entries are re-read at least this often. */
  ttlMs?: number;
  /** Unknown hosts are remembered briefly so random Host headers cannot hammer the database. */
  negativeTtlMs?: number;
  now?: () => number;
  /**
   * Where to LISTEN, when `database` goes through a transaction pooler: a LISTEN needs a session
   * of its own, which a transaction pooler hands to someone else after each statement (so no
   * notification would ever arrive). Default: `database`.
   */
  listener?: Database;
}

export const TENANT_CHANGED_CHANNEL = "mw_tenant_changed";

/**
 * Host → tenant for the runtime, through the `resolve_host()` security-definer function (the
 * runtime role cannot read platform tables). In-process cache, invalidated per tenant by Postgres
 * NOTIFY, with concurrent misses for one host sharing one query.
 */
export class HostResolver {
  private readonly cache = new Map<string, Entry>();
  private readonly hostsByTenant = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, Promise<ResolvedTenant | null>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly now: () => number;
  private readonly listener: Database;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly changeListeners = new Set<(tenantId: string | null) => void>();

  constructor(
    private readonly database: Database,
    opts: HostResolverOptions = {},
  ) {
    this.maxEntries = opts.maxEntries ?? 200_000;
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.negativeTtlMs = opts.negativeTtlMs ?? 5_000;
    this.now = opts.now ?? Date.now;
    this.listener = opts.listener ?? database;
  }

  /** Subscribe to change notifications; until this resolves, only the TTL bounds staleness. */
  async listen(): Promise<void> {
    if (this.unlisten) return;
    const sub = await this.listener.sql.listen(TENANT_CHANGED_CHANNEL, (payload) => this.onNotify(payload));
    this.unlisten = () => sub.unlisten();
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  /** Cached answer without touching the database: `undefined` means "not cached". */
  peek(rawHost: string): ResolvedTenant | null | undefined {
    const host = normalizeHost(rawHost);
    if (!host) return null;
    const e = this.cache.get(host);
    if (!e || e.expires < this.now()) return undefined;
    return e.value;
  }

  async resolve(rawHost: string | null | undefined): Promise<ResolvedTenant | null> {
    const host = normalizeHost(rawHost);
    if (!host) return null;
    const e = this.cache.get(host);
    if (e && e.expires >= this.now()) {
      recordCacheLookup("host", e.value ? "hit" : "negative");
      return e.value;
    }
    recordCacheLookup("host", "miss");
    const pending = this.inflight.get(host);
    if (pending) return pending;
    const p = this.load(host).finally(() => this.inflight.delete(host));
    this.inflight.set(host, p);
    return p;
  }

  /**
   * Be told when a tenant changes (NOTIFY), to drop caches of your own keyed by tenant; `null`
   * means "anything may have changed". Returns an unsubscribe function.
   */
  onTenantChanged(listener: (tenantId: string | null) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Drop what is cached for a tenant (also called on NOTIFY). */
  invalidateTenant(tenantId: string): void {
    for (const host of this.hostsByTenant.get(tenantId) ?? []) this.cache.delete(host);
    this.hostsByTenant.delete(tenantId);
    // A new or re-verified domain may make a host that was unknown resolve now.
    for (const [host, entry] of this.cache) if (entry.value === null) this.cache.delete(host);
  }

  get size(): number {
    return this.cache.size;
  }

  private onNotify(payload: string): void {
    try {
      const { tenantId } = JSON.parse(payload) as { tenantId?: string };
      if (typeof tenantId === "string") {
        this.invalidateTenant(tenantId);
        for (const l of this.changeListeners) l(tenantId);
      }
    } catch {
      this.cache.clear(); // unreadable payload: be safe, forget everything
      this.hostsByTenant.clear();
      for (const l of this.changeListeners) l(null);
    }
  }

  private async load(host: string): Promise<ResolvedTenant | null> {
    const rows = await this.database.sql<
      {
        tenant_id: string;
        slug: string;
        name: string;
        status: TenantStatus;
        plan: string;
        addons: string[];
        entitlements: unknown;
        hostname: string;
        domain_kind: "platform" | "custom";
        primary_host: string | null;
        theme_version: number | null;
        theme_tokens: ThemeTokens | null;
        dunning_state: DunningStateValue;
        grace_until: Date | string | null;
      }[]
    >`select * from resolve_host(${host})`;
    const r = rows[0];
    const value: ResolvedTenant | null = r
      ? {
          tenantId: r.tenant_id,
          slug: r.slug,
          name: r.name,
          status: r.status,
          plan: r.plan,
          addons: r.addons,
          entitlements: r.entitlements,
          hostname: r.hostname,
          domainKind: r.domain_kind,
          primaryHost: r.primary_host,
          themeVersion: r.theme_version,
          themeTokens: r.theme_tokens,
          dunningState: r.dunning_state,
          graceUntil: r.grace_until === null ? null : new Date(r.grace_until),
        }
      : null;
    this.store(host, value);
    return value;
  }

  private store(host: string, value: ResolvedTenant | null): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(host, { value, expires: this.now() + (value ? this.ttlMs : this.negativeTtlMs) });
    if (value) {
      const set = this.hostsByTenant.get(value.tenantId) ?? new Set<string>();
      set.add(host);
      this.hostsByTenant.set(value.tenantId, set);
    }
  }
}
