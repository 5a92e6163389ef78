import type pg from "pg";

// The deliveries a worker could claim at $1: pending, due, not under a lease, and not held behind an
// earlier pending event of the same call and destination (the claim's own conditions). A delivery
// waiting on its retry backoff, or on an earlier one whose endpoint is failing, is not waiting for
// a worker, and more workers would not send it sooner.
const OLDEST_CLAIMABLE_SQL = `
  SELECT extract(epoch FROM $1::timestamptz - min(d.next_attempt_at))::float8 AS age
    FROM webhook_deliveries d
   WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
     AND NOT EXISTS (
       SELECT 1 FROM webhook_deliveries e
        WHERE e.call_id = d.call_id AND e.destination = d.destination AND e.sequence < d.sequence AND e.status = 'pending')`;

/** Seconds the oldest claimable delivery has been due at `now`, or null when none waits for a worker. */
export async function oldestClaimableDeliveryAge(pool: pg.Pool, now: Date): Promise<number | null> {
  const { rows } = await pool.query<{ age: number | null }>(OLDEST_CLAIMABLE_SQL, [now]);
  return rows[0]?.age ?? null;
}
