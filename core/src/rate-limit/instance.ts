import type { Database } from "../db/client";
import { lockRecorder } from "./events";
import { defaultLimiterStore } from "./store";
import { AuthThrottle } from "./throttle";

const throttles = new WeakMap<Database, AuthThrottle>();

/**
 * The throttle for a pool: its store is the process's (Redis when `REDIS_URL` is set, otherwise
 * Postgres through this pool), and its locks are recorded through this pool.
 */
export function authThrottle(database: Database): AuthThrottle {
  let t = throttles.get(database);
  if (!t) {
    t = new AuthThrottle(defaultLimiterStore(database), lockRecorder(database));
    throttles.set(database, t);
  }
  return t;
}
