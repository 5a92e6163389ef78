import type { CancelStore } from "../app/ports";
import { type Columns, inTransaction, type StoreOptions } from "./postgres";

/** Cancels: a job not yet dialed ends canceled; a live one records the request and names its attempt for the hang-up. */
export function createCancelStore(options: StoreOptions): CancelStore {
  const { pool } = options;
  return {
    async cancel(callId) {
      return inTransaction(pool, async (client) => {
        const found = await client.query<Columns<"dial_jobs", "status">>(`SELECT status FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`, [
          callId,
        ]);
        const status = found.rows[0]?.status;
        if (status === undefined) return "absent";
        if (status === "queued") {
          await client.query(
            `UPDATE "dial_jobs" SET status = 'canceled', call = call || jsonb_build_object('status', 'canceled'), updated_at = clock_timestamp()
              WHERE call_id = $1`,
            [callId],
          );
          return "canceled";
        }
        if (status === "calling") {
          await client.query(`UPDATE "dial_jobs" SET cancel_requested = true, updated_at = clock_timestamp() WHERE call_id = $1`, [callId]);
          return "dialing";
        }
        return "ended";
      });
    },

    async liveAttempt(callId) {
      const found = await pool.query<Columns<"dial_attempts", "attempt" | "carrier_call_id"> & Columns<"dial_jobs", "owner_id">>(
        `SELECT a.attempt, a.carrier_call_id, j.owner_id FROM "dial_jobs" j
           JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
          WHERE j.call_id = $1 AND j.status = 'calling'`,
        [callId],
      );
      const row = found.rows[0];
      return row ? { attempt: row.attempt, carrierCallId: row.carrier_call_id, ownerId: row.owner_id } : null;
    },
  };
}
