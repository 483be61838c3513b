import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { EmulatorClock } from "../shared/clock";
import type { IdempotencyStore } from "./idempotency";
import type { StoreSnapshot, StripeStore } from "./store";

/**
 * The emulator's state on disk, so `npm start` keeps its Stripe account across restarts the way
 * the platform's Postgres keeps the customer ids that point into it. Webhook endpoints are not
 * kept: they are configuration, registered at each start (with that run's signing secret).
 */
interface PersistedState {
  version: 1;
  savedAt: string;
  clockOffsetMs: number;
  store: StoreSnapshot;
  idempotency: [string, unknown][];
}

const replacer = (_key: string, value: unknown) => (value instanceof Map ? { __map: [...value] } : value);
const reviver = (_key: string, value: unknown) =>
  value && typeof value === "object" && "__map" in value
    ? new Map((value as { __map: [unknown, unknown][] }).__map)
    : value;

export function saveState(path: string, store: StripeStore, idempotency: IdempotencyStore, clock: EmulatorClock): void {
  const state: PersistedState = {
    version: 1,
    savedAt: new Date().toISOString(),
    clockOffsetMs: clock.now().getTime() - Date.now(),
    store: store.snapshot(["webhook_endpoint"]),
    idempotency: idempotency.dump(),
  };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, replacer));
  renameSync(tmp, path);
}

/** Restores what `saveState` wrote; false when there is nothing (or nothing readable) to restore. */
export function loadState(
  path: string,
  store: StripeStore,
  idempotency: IdempotencyStore,
  clock: EmulatorClock,
): boolean {
  if (!existsSync(path)) return false;
  let state: PersistedState;
  try {
    state = JSON.parse(readFileSync(path, "utf8"), reviver) as PersistedState;
  } catch (err) {
    console.error(`[stripe-emulator] ignoring unreadable state in ${path}: ${(err as Error).message}`);
    return false;
  }
  if (state.version !== 1) return false;
  store.restore(state.store);
  idempotency.load(state.idempotency);
  if (state.clockOffsetMs > 0) clock.advance(state.clockOffsetMs);
  return true;
}
