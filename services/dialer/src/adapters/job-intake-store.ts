import type { JobIntake } from "../app/ports";
import { firstAttemptTimer } from "../domain/calling-window";
import { editedJob } from "../domain/edited-job";
import { type Columns, inTransaction, type StoreOptions } from "./postgres";

/** Jobs in: a `call.queued` becomes its dial job, due at its first attempt; the partner's edit changes it. */
export function createJobIntake(options: StoreOptions): JobIntake {
  const { pool } = options;
  return {
    async createAbsent(events, wakeAll) {
      if (events.length === 0) return new Set();
      // One statement for the whole batch; a call id that has its job already (a redelivery) inserts nothing.
      // The dialer keeps to the window itself: the first attempt is due at its next opening. The
      // NOTIFY, sent on commit and once per transaction however many rows ask, only when a job was created.
      const due = events.map(firstAttemptTimer);
      const { rows } = await pool.query<Columns<"dial_jobs", "call_id">>(
        `WITH created AS (
           INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, window_closes_at, queued, call, max_attempts)
           SELECT j.call_id, j.org_id, 'queued', j.due_at, j.window_closes_at, j.queued, j.call, j.max_attempts
             FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::jsonb[], $6::jsonb[], $7::int[])
                  AS j(call_id, org_id, due_at, window_closes_at, queued, call, max_attempts)
           ON CONFLICT (call_id) DO NOTHING
           RETURNING call_id
         )
         SELECT call_id::text, CASE WHEN $8 THEN pg_notify(current_schema() || '_jobs', '') END FROM created`,
        [
          events.map((e) => e.data.call.id),
          events.map((e) => e.data.org_id),
          due.map((d) => d.dueAt),
          due.map((d) => d.windowClosesAt),
          events.map((e) => JSON.stringify(e)),
          events.map((e, i) => JSON.stringify({ ...e.data.call, next_attempt_at: due[i]?.dueAt.toISOString() ?? null })),
          events.map((e) => e.data.call.max_attempts),
          wakeAll,
        ],
      );
      return new Set(rows.map((row) => row.call_id));
    },

    async applyEdit(event) {
      return inTransaction(pool, async (client) => {
        const found = await client.query<Columns<"dial_jobs", "status" | "attempt_count" | "call" | "queued">>(
          `SELECT status, attempt_count, call, queued FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`,
          [event.subject],
        );
        const job = found.rows[0];
        if (!job || (job.status !== "queued" && job.status !== "calling")) return { applied: false, dueAt: null };
        const { queued, call } = editedJob(job, event);
        // Only a job no attempt has started yet moves: a retry keeps its due time.
        const first = job.status === "queued" && job.attempt_count === 0 ? firstAttemptTimer(queued) : null;
        await client.query(
          `UPDATE "dial_jobs" SET queued = $2, call = $3, max_attempts = $4, due_at = coalesce($5, due_at),
                  window_closes_at = CASE WHEN $5::timestamptz IS NULL THEN window_closes_at ELSE $6 END, updated_at = clock_timestamp()
            WHERE call_id = $1`,
          [
            event.subject,
            JSON.stringify(queued),
            JSON.stringify(first ? { ...call, next_attempt_at: first.dueAt.toISOString() } : call),
            call.max_attempts,
            first?.dueAt ?? null,
            first?.windowClosesAt ?? null,
          ],
        );
        return { applied: true, dueAt: first?.dueAt ?? null };
      });
    },
  };
}
