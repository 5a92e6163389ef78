import { randomUUID } from "node:crypto";
import type { CallingWindowStore } from "../app/ports";
import { type Due, dueWithin, isUnresolvable, windowFailedCall } from "../domain/calling-window";
import { lifecycleEvent } from "../domain/lifecycle-event";
import { type Columns, insertEvents, inTransaction, type StoreOptions } from "./postgres";

/**
 * The calling-window rule's rows: queued jobs whose opening closed before they were claimed move to
 * the next one; jobs whose window cannot be applied (stored as closed since ever) end `failed`.
 */
export function createCallingWindowStore(options: StoreOptions): CallingWindowStore {
  const { pool } = options;
  const closedJobs = `SELECT j.call_id, j.call, j.queued, clock_timestamp() AS now FROM "dial_jobs" j
     WHERE j.status = 'queued' AND j.window_closes_at <= now() LIMIT $1`;
  return {
    async rescheduleClosedWindows(limit) {
      const probe = await pool.query(closedJobs, [1]);
      if (probe.rowCount === 0) return 0;
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<Columns<"dial_jobs", "call_id" | "call" | "queued"> & { now: Date }>(
          `${closedJobs} FOR UPDATE OF j SKIP LOCKED`,
          [limit],
        );
        // Each job's window again: its next opening, or the call's end when the window cannot be applied.
        const moved: ((typeof rows)[number] & { due: Due })[] = [];
        const failed: typeof rows = [];
        for (const row of rows) {
          const due = dueWithin(row.queued.data.calling_window ?? null, row.now);
          if (isUnresolvable(due)) failed.push({ ...row, call: windowFailedCall(row.call, due.unresolvable, row.now) });
          else moved.push({ ...row, due, call: { ...row.call, next_attempt_at: due.dueAt.toISOString() } });
        }
        if (moved.length + failed.length === 0) return 0;
        await client.query(
          `UPDATE "dial_jobs" j SET due_at = m.due_at, window_closes_at = m.closes_at, call = m.call, updated_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[]) AS m(call_id, due_at, closes_at, call)
            WHERE j.call_id = m.call_id`,
          [
            moved.map((row) => row.call_id),
            moved.map((row) => row.due.dueAt),
            moved.map((row) => row.due.windowClosesAt),
            moved.map((row) => JSON.stringify(row.call)),
          ],
        );
        await client.query(
          `UPDATE "dial_jobs" j SET status = 'failed', call = f.call, owner_id = NULL, updated_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::jsonb[]) AS f(call_id, call) WHERE j.call_id = f.call_id`,
          [failed.map((row) => row.call_id), failed.map((row) => JSON.stringify(row.call))],
        );
        await insertEvents(client, options.topic, [
          ...moved.map((row) => lifecycleEvent("call.updated", row.queued, row.call, row.now, randomUUID())),
          ...failed.map((row) => lifecycleEvent("call.failed", row.queued, row.call, row.now, randomUUID())),
        ]);
        return moved.length + failed.length;
      });
    },
  };
}
