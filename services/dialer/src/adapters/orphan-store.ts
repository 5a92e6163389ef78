import type { OrphanStore } from "../app/ports";
import type { Orphan } from "../domain/reconciliation";
import { LIVENESS_LOCK_CLASS } from "./instance-store";
import type { Columns, StoreOptions } from "./postgres";

/**
 * The reconciliation rule's rows: live attempts whose dialer instance is dead. An attempt already
 * marked unknown is no longer its instance's: the carrier check reconciles it.
 */
export function createOrphanStore(options: StoreOptions): OrphanStore {
  const { pool } = options;
  return {
    async findOrphans(leaseSeconds, graceSeconds) {
      // An owner is dead when its session is gone: it took the liveness lock, no longer holds it and
      // has not heartbeaten for the grace (a lost LISTEN connection of a live instance is back by
      // then). Right after a Postgres restart nobody holds a lock yet, so only the lease rule
      // applies for a lease: the owner stopped heartbeating and the attempt is older than a lease.
      const { rows } = await pool.query<Columns<"dial_jobs", "call_id"> & Columns<"dial_attempts", "attempt" | "carrier_call_id">>(
        `SELECT j.call_id, a.attempt, a.carrier_call_id FROM "dial_jobs" j
           JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
           LEFT JOIN "dialer_instances" i ON i.id = j.owner_id
          WHERE j.status = 'calling' AND a.status <> 'unknown'
            AND (
              (j.updated_at < clock_timestamp() - make_interval(secs => $1)
                AND (i.id IS NULL OR i.heartbeat_at <= clock_timestamp() - make_interval(secs => $1)))
              OR (i.liveness_lock AND i.heartbeat_at < clock_timestamp() - make_interval(secs => $2)
                AND pg_postmaster_start_time() < clock_timestamp() - make_interval(secs => $1)
                AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                                  AND l.classid = $3::oid AND l.objid = hashtext(i.id::text)::oid))
            )
          LIMIT 500`,
        [leaseSeconds, graceSeconds, LIVENESS_LOCK_CLASS],
      );
      return rows.map((row): Orphan => ({ callId: row.call_id, attempt: row.attempt, carrierCallId: row.carrier_call_id }));
    },
  };
}
