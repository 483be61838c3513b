import type { Database } from "@mw/core/db";

export type Unlock = () => Promise<void>;

/**
 * One run is advanced by one job at a time. graphile-worker's job key keeps at most one *queued*
 * job per run, but a job that is already running can overlap a newly queued one (staff cancel,
 * a retry), so the job holds a session advisory lock on its run while it works. The lock lives on
 * a connection of its own and holds no transaction open; if the process dies, Postgres drops the
 * connection and the lock with it.
 */
export interface RunLocks {
  tryLock(runId: string): Promise<Unlock | null>;
}

export function createRunLocks(database: Database): RunLocks {
  return {
    async tryLock(runId) {
      const key = `provisioning_run:${runId}`;
      const conn = await database.sql.reserve();
      try {
        const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`;
        if (!row?.ok) {
          conn.release();
          return null;
        }
      } catch (err) {
        conn.release();
        throw err;
      }
      return async () => {
        try {
          await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
        } finally {
          conn.release();
        }
      };
    },
  };
}
