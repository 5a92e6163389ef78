import type { InstanceStore } from "../app/ports";
import type { Queryable, StoreOptions } from "./postgres";

/** Advisory lock class of the dialers' liveness locks; the second key is `hashtext(instance id)`. */
export const LIVENESS_LOCK_CLASS = 0x766f78;

/**
 * Takes this instance's liveness lock on a session that lives as long as the process (the LISTEN
 * connection) and records whether it got it. Postgres drops the lock the moment that session ends,
 * which is how peers learn of a SIGKILL or a crash within seconds (`adapters/orphan-store.ts`).
 */
export async function takeLivenessLock(client: Queryable, owner: string): Promise<void> {
  await client.query(
    `INSERT INTO "dialer_instances" (id, liveness_lock) SELECT $2, pg_try_advisory_lock($1, hashtext($3))
     ON CONFLICT (id) DO UPDATE SET liveness_lock = excluded.liveness_lock, heartbeat_at = clock_timestamp()`,
    [LIVENESS_LOCK_CLASS, owner, owner],
  );
}

/** Dialer instances: each one's heartbeat row, and its removal. */
export function createInstanceStore(options: StoreOptions): InstanceStore {
  const { pool } = options;
  return {
    async heartbeat(owner) {
      await pool.query(`INSERT INTO "dialer_instances" (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()`, [
        owner,
      ]);
    },
    async pruneStale() {
      const { rowCount } = await pool.query(`DELETE FROM "dialer_instances" WHERE heartbeat_at < clock_timestamp() - interval '1 day'`);
      return rowCount ?? 0;
    },
    async retire(owner) {
      await pool.query(`DELETE FROM "dialer_instances" WHERE id = $1`, [owner]);
    },
  };
}
