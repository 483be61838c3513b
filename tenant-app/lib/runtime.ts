import "server-only";
import { type Database, getAppDatabase, getAppListenDatabase } from "@mw/core/db";
import { log } from "@mw/core/observability";
import { HostResolver } from "@mw/core/runtime";

const g = globalThis as unknown as { __mwResolver?: HostResolver };

/** The runtime's pool: role `mw_runtime` (no access to platform tables). */
export function runtimeDb(): Database {
  return getAppDatabase("mw_runtime");
}

/** One resolver per process, listening for tenant changes (domains, status, theme) via NOTIFY. */
export function hostResolver(): HostResolver {
  if (!g.__mwResolver) {
    // Listens on a direct connection when the pool goes through a transaction pooler (docs/deploy.md).
    const resolver = new HostResolver(runtimeDb(), { listener: getAppListenDatabase("mw_runtime") });
    g.__mwResolver = resolver;
    resolver.listen().catch((err) => log.error({ err }, "LISTEN failed; relying on the cache TTL"));
  }
  return g.__mwResolver;
}
