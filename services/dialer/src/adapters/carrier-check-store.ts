import type { CarrierCheckStore } from "../app/ports";
import type { AttemptToCheck } from "../domain/reconciliation";
import type { Columns, StoreOptions } from "./postgres";

/**
 * Takes the live attempts due for a look at the carrier and stamps them checked in one statement
 * (SKIP LOCKED: instances share the work). Due: an unknown outcome not asked about for
 * `recheck` seconds; an attempt with a carrier id not looked at for `grace` seconds since its dial
 * or its answer (then every `grace`, while it lives: a lost final callback is found within one).
 */
const TAKE_DUE_SQL = `
  WITH due AS (
    SELECT a.call_id, a.attempt FROM "dial_attempts" a
      JOIN "dial_jobs" j ON j.call_id = a.call_id AND j.attempt_count = a.attempt
     WHERE a.status <> 'ended' AND j.status = 'calling'
       AND CASE
             WHEN a.status = 'unknown' THEN coalesce(a.checked_at, '-infinity') < clock_timestamp() - make_interval(secs => $2)
             WHEN a.carrier_call_id IS NULL THEN false
             ELSE coalesce(a.checked_at, a.answered_at, a.dialed_at) < clock_timestamp() - make_interval(secs => $3)
           END
     ORDER BY coalesce(a.checked_at, a.dialed_at)
     LIMIT $1
     FOR UPDATE OF a SKIP LOCKED
  )
  UPDATE "dial_attempts" a SET checked_at = clock_timestamp()
    FROM due, "dial_jobs" j
   WHERE a.call_id = due.call_id AND a.attempt = due.attempt AND j.call_id = a.call_id
  RETURNING a.call_id, a.attempt, a.carrier_call_id, a.dialed_at, a.unknown_since,
            j.call ->> 'to_number' AS to_number, j.call ->> 'from_number' AS from_number, clock_timestamp() AS now`;

type DueRow = Columns<"dial_attempts", "call_id" | "attempt" | "carrier_call_id" | "dialed_at" | "unknown_since"> & {
  to_number: string;
  from_number: string | null;
  now: Date;
};

/** The reconciliation rule's rows at a carrier that keeps calls: live attempts to look up. */
export function createCarrierCheckStore(options: StoreOptions): CarrierCheckStore {
  const { pool } = options;
  return {
    async takeDueChecks(limit, recheckSeconds, graceSeconds) {
      const { rows } = await pool.query<DueRow>(TAKE_DUE_SQL, [limit, recheckSeconds, graceSeconds]);
      return rows.map(
        (row): AttemptToCheck => ({
          callId: row.call_id,
          attempt: row.attempt,
          to: row.to_number,
          from: row.from_number,
          carrierCallId: row.carrier_call_id,
          dialedAt: row.dialed_at,
          unknownSince: row.unknown_since,
          now: row.now,
        }),
      );
    },
    async knownCarrierIds(carrierCallIds) {
      if (carrierCallIds.length === 0) return new Set();
      const { rows } = await pool.query<Columns<"dial_attempts", "carrier_call_id">>(
        `SELECT carrier_call_id FROM "dial_attempts" WHERE carrier_call_id = ANY($1::text[])`,
        [carrierCallIds],
      );
      return new Set(rows.flatMap((row) => (row.carrier_call_id ? [row.carrier_call_id] : [])));
    },
  };
}
