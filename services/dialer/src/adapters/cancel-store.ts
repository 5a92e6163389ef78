import { randomUUID } from "node:crypto";
import pg from "pg";
import type { CancelStore } from "../app/ports";
import { canceledWaitingCall, cancelStep, type JobAtCancel } from "../domain/cancellation";
import { lifecycleEvent } from "../domain/lifecycle-event";
import { type Columns, inTransaction, queryMany, type StoreOptions } from "./postgres";

type LockedJob = Columns<"dial_jobs", "status" | "call" | "queued"> & { now: Date };

/**
 * Cancel requests, loaded and stored; what to do is `domain/cancellation.ts`. The job's row lock
 * orders a request against the claim, the attempt's end and the dial's record of the carrier's id
 * (`recordCarrierId` takes the same row in share mode), so that exactly one of the request and that
 * record sees the other: whichever comes second hangs up.
 */
export function createCancelStore(options: StoreOptions): CancelStore {
  const { pool } = options;
  return {
    async requestCancel(callId, requestedAt) {
      return inTransaction(pool, async (client) => {
        const locked = await client.query<LockedJob>(
          `SELECT status, call, queued, clock_timestamp() AS now FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`,
          [callId],
        );
        const job = locked.rows[0];
        // Read after the lock, in a snapshot of its own: a carrier id recorded before it is seen.
        const live =
          job?.status === "calling"
            ? await client.query<Columns<"dial_attempts", "carrier_call_id" | "attempt" | "answered_at">>(
                `SELECT a.carrier_call_id, a.attempt, a.answered_at FROM "dial_attempts" a JOIN "dial_jobs" j ON j.call_id = a.call_id AND a.attempt = j.attempt_count
                  WHERE a.call_id = $1`,
                [callId],
              )
            : null;
        const step = cancelStep(atCancel(job, live?.rows[0]));
        if (job && step.kind === "end_now") {
          const call = canceledWaitingCall(job.call, requestedAt, job.now);
          const event = lifecycleEvent("call.canceled", job.queued, call, job.now, randomUUID());
          await client.query(
            `WITH ended AS (
               UPDATE "dial_jobs" SET status = 'canceled', cancel_requested = true, call = $2, updated_at = clock_timestamp() WHERE call_id = $1
             )
             INSERT INTO "outbox" (event_id, topic, key, payload) VALUES ($3, $4, $1, $5)`,
            [callId, JSON.stringify(call), event.id, options.topic, JSON.stringify(event)],
          );
        } else if (job && step.kind !== "nothing") {
          // Its end, whenever the carrier reports it, is canceled (and carries when it was asked).
          await client.query(
            `UPDATE "dial_jobs" SET cancel_requested = true, updated_at = clock_timestamp(),
                    call = call || jsonb_build_object('cancel_requested_at', coalesce(call ->> 'cancel_requested_at', $2::text))
              WHERE call_id = $1`,
            [callId, requestedAt],
          );
        }
        return step;
      });
    },

    async recordCarrierId(callId, attempt, carrierCallId) {
      // Two statements in one message, one implicit transaction, locks in the claim's order (the job,
      // then its attempt). Literals, since a message of several statements takes no parameters.
      const call = pg.escapeLiteral(callId);
      const [job, recorded] = await queryMany(
        pool,
        `SELECT cancel_requested FROM "dial_jobs" WHERE call_id = ${call} FOR SHARE;
         UPDATE "dial_attempts" SET carrier_call_id = ${pg.escapeLiteral(carrierCallId)},
                status = CASE WHEN status = 'dialing' THEN 'ringing' ELSE status END
          WHERE call_id = ${call} AND attempt = ${Math.trunc(attempt)} AND status <> 'ended';`,
      );
      const requested = (job?.rows[0] as Columns<"dial_jobs", "cancel_requested"> | undefined)?.cancel_requested === true;
      return { cancelRequested: requested && recorded?.rowCount === 1 };
    },

    async takeOverdueHangUps({ afterSeconds, owner, batch }) {
      // The job's updated_at is when the request was applied (nothing else writes a live job), then
      // when the hang-up was last asked: taking a call stamps it, so the next ask is a pause later,
      // by whichever instance comes first (SKIP LOCKED: never two at once).
      const taken = await pool.query<{ call_id: string; carrier_call_id: string }>(
        `WITH due AS (
           SELECT j.call_id, a.carrier_call_id FROM "dial_jobs" j
             JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
            WHERE j.status = 'calling' AND j.cancel_requested AND a.status <> 'ended' AND a.carrier_call_id IS NOT NULL
              AND j.updated_at < clock_timestamp() - make_interval(secs => $1) AND ($2::uuid IS NULL OR a.owner_id = $2::uuid)
            ORDER BY j.updated_at LIMIT $3
              FOR UPDATE OF j SKIP LOCKED
         )
         UPDATE "dial_jobs" j SET updated_at = clock_timestamp() FROM due WHERE j.call_id = due.call_id
         RETURNING due.call_id, due.carrier_call_id`,
        [afterSeconds, owner, batch],
      );
      return taken.rows.map((row) => ({ callId: row.call_id, carrierCallId: row.carrier_call_id }));
    },
  };
}

const atCancel = (
  job: LockedJob | undefined,
  live: Columns<"dial_attempts", "carrier_call_id" | "attempt" | "answered_at"> | undefined,
): JobAtCancel => {
  if (!job) return { status: "absent" };
  if (job.status === "queued") return { status: "queued" };
  if (job.status === "calling")
    return {
      status: "calling",
      carrierCallId: live?.carrier_call_id ?? null,
      attempt: live?.attempt,
      answered: Boolean(live?.answered_at),
    };
  return { status: job.status === "completed" || job.status === "failed" ? job.status : "canceled" };
};
