import { randomUUID } from "node:crypto";
import type { SuppressionStore } from "../app/ports";
import { lifecycleEvent } from "../domain/lifecycle-event";
import { suppressedCall } from "../domain/suppression";
import { type Columns, insertEvents, inTransaction, type StoreOptions } from "./postgres";

/** The suppression rule's rows: the dialer's copy of each org's list, and the waiting jobs it cancels. */
export function createSuppressionStore(options: StoreOptions): SuppressionStore {
  const { pool } = options;
  const suppressedJobs = `SELECT j.call_id, j.call, j.queued, clock_timestamp() AS now FROM "dial_jobs" j
      JOIN "suppressed_numbers" s ON s.org_id = j.org_id AND s.number = j.call ->> 'to_number'
     WHERE j.status = 'queued' LIMIT $1`;
  return {
    async applySuppressions(changes) {
      if (changes.length === 0) return;
      await inTransaction(pool, async (client) => {
        for (const change of changes) {
          if (change.kind === "add") {
            await client.query(
              `INSERT INTO "suppressed_numbers" (org_id, number, suppression_id) VALUES ($1, $2, $3) ON CONFLICT (org_id, number) DO NOTHING`,
              [change.orgId, change.number, change.suppressionId],
            );
          } else {
            // Only the entry this event removed: a newer entry for the number stays.
            await client.query(`DELETE FROM "suppressed_numbers" WHERE org_id = $1 AND number = $2 AND suppression_id = $3`, [
              change.orgId,
              change.number,
              change.suppressionId,
            ]);
          }
        }
      });
    },

    async cancelSuppressed(limit) {
      // This runs every few seconds and almost always finds nothing: one statement, no transaction, then.
      const probe = await pool.query(suppressedJobs, [1]);
      if (probe.rowCount === 0) return 0;
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<Columns<"dial_jobs", "call_id" | "call" | "queued"> & { now: Date }>(
          `${suppressedJobs} FOR UPDATE OF j SKIP LOCKED`,
          [limit],
        );
        if (rows.length === 0) return 0;
        const canceled = rows.map((row) => ({ ...row, call: suppressedCall(row.call, row.now) }));
        await client.query(
          `UPDATE "dial_jobs" j SET status = 'canceled', call = c.call, updated_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::jsonb[]) AS c(call_id, call) WHERE j.call_id = c.call_id`,
          [canceled.map((row) => row.call_id), canceled.map((row) => JSON.stringify(row.call))],
        );
        await insertEvents(
          client,
          options.topic,
          canceled.map((row) => lifecycleEvent("call.canceled", row.queued, row.call, row.now, randomUUID())),
        );
        return canceled.length;
      });
    },
  };
}
