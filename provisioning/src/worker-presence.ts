import pg from "pg";
import type { LogFn } from "./engine/types";

/**
 * First key of the two-key advisory locks that say "this graphile-worker worker id is alive"; the
 * second is `hashtext(worker id)`. Two-key locks live apart from the one-key (bigint) run locks.
 */
export const PRESENCE_LOCK_CLASS = 1_836_545_904; // "mwwp"

/**
 * A worker that locked a job less than this long ago may not have announced itself yet (it
 * announces on creation, but on another connection): never call it dead that soon.
 */
export const PRESENCE_GRACE_SECONDS = 2;

/**
 * graphile-worker (without Pro) has no heartbeat: a job locked by a worker pool whose process died
 * stays locked for 4 hours. Each worker process therefore holds, on a connection of its own, one
 * session advisory lock per worker id it runs. Postgres drops a session's locks the moment its
 * connection goes (SIGKILL, crash, power loss once TCP notices), so "a job is locked by a worker
 * id nobody holds a presence lock for" means "its worker is dead" — see `deadWorkersQuery`.
 */
export interface WorkerPresence {
  /** Worker ids this process runs (announced and, while connected, locked). */
  ids(): string[];
  announce(workerId: string): void;
  close(): Promise<void>;
}

export async function startWorkerPresence(ownerUrl: string, log: LogFn): Promise<WorkerPresence> {
  const ids = new Set<string>();
  let client: pg.Client | null = null;
  let closed = false;
  let reconnecting = false;

  // try-lock: another holder of the same hash is alive by definition, so the id counts as alive.
  // One query at a time per connection (pg deprecates overlapping queries on a client).
  let queue: Promise<unknown> = Promise.resolve();
  const lock = (c: pg.Client, id: string) => {
    const next = queue.then(() =>
      c.query("select pg_try_advisory_lock($1::int4, hashtext($2))", [PRESENCE_LOCK_CLASS, id]),
    );
    queue = next.catch(() => {});
    return next;
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: ownerUrl, application_name: "mw_worker_presence" });
    c.on("error", () => {}); // surfaces as 'end' below; errors during a Postgres restart are expected
    await c.connect();
    for (const id of ids) await lock(c, id);
    c.once("end", () => {
      if (client === c) client = null;
      if (!closed) void reconnect();
    });
    return c;
  };

  // After an outside Postgres restart the locks are gone with the old connection: take them again.
  const reconnect = async () => {
    if (reconnecting) return;
    reconnecting = true;
    let warned = false;
    while (!closed && !client) {
      try {
        const c = await connect();
        if (closed) await c.end().catch(() => {});
        else client = c;
      } catch (err) {
        if (!warned) log("warn", `worker presence lost (${(err as Error).message}); reconnecting`);
        warned = true;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    reconnecting = false;
  };

  client = await connect();
  return {
    ids: () => [...ids],
    announce(workerId) {
      ids.add(workerId);
      if (client) lock(client, workerId).catch(() => {}); // a lost connection re-locks every id
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/**
 * Worker ids holding jobs that must be released now: no live process announces them (and the job
 * was locked long enough ago for its worker to have announced itself), or — for the step and
 * e-mail jobs, which take seconds — the lock is older than `$1` whatever the presence says.
 * Parameters: $1 stale interval, $2 task identifiers subject to it, $3 this process's own ids.
 */
export const deadWorkersQuery = `
  select distinct j.locked_by
    from graphile_worker.jobs j
   where j.locked_by is not null
     and not (j.locked_by = any($3::text[]))
     and (
       (j.locked_at < now() - $1::interval and j.task_identifier = any($2::text[]))
       or (
         j.locked_at < now() - interval '${PRESENCE_GRACE_SECONDS} seconds'
         and not exists (
           select 1 from pg_locks l
            where l.locktype = 'advisory'
              and l.database = (select oid from pg_database where datname = current_database())
              and l.classid::int4 = ${PRESENCE_LOCK_CLASS}
              and l.objid::int4 = hashtext(j.locked_by)
              and l.objsubid = 2
              and l.granted)))`;
