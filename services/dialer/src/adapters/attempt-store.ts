import { randomUUID } from "node:crypto";
import pg from "pg";
import type { AttemptStore } from "../app/ports";
import { endEventType, endedAttempt } from "../domain/attempt-end";
import { lifecycleEvent } from "../domain/lifecycle-event";
import { type Columns, inTransaction, type StoreOptions } from "./postgres";

/**
 * The opening of an attempt's end, one round trip of three statements: BEGIN, the job's row lock
 * with what the decision needs, then the attempt's row lock with when it was dialed and answered.
 * Several statements in one message take no parameters: the call id and attempt are quoted literals.
 */
const openEndSql = (callId: string, attempt: number) => `
  BEGIN;
  SELECT status, attempt_count, call, queued, cancel_requested, clock_timestamp() AS now
    FROM "dial_jobs" WHERE call_id = ${pg.escapeLiteral(callId)} FOR UPDATE;
  SELECT dialed_at, answered_at FROM "dial_attempts"
   WHERE call_id = ${pg.escapeLiteral(callId)} AND attempt = ${Math.trunc(attempt)} FOR UPDATE;`;

type EndingJob = Columns<"dial_jobs", "status" | "attempt_count" | "call" | "queued" | "cancel_requested"> & { now: Date };
type EndingAttempt = Columns<"dial_attempts", "dialed_at" | "answered_at">;

/**
 * Every write of an attempt's end in one statement: the attempt ended, the job moved on (to its end,
 * or back to `queued` for a retry), its event in the outbox, and a NOTIFY (sent on commit) so every
 * instance's scheduler sees a concurrency slot free or a retry scheduled.
 */
const END_ATTEMPT_SQL = `
  WITH ended_attempt AS (
    UPDATE "dial_attempts" SET status = 'ended', disposition = $3, ended_at = $4, talk_seconds = $5, detail = $6,
           carrier_call_id = coalesce($15, carrier_call_id)
     WHERE call_id = $1 AND attempt = $2
  ), moved_job AS (
    UPDATE "dial_jobs" SET status = $7, due_at = coalesce($8, due_at), window_closes_at = $9, call = $10, owner_id = NULL,
           updated_at = clock_timestamp()
     WHERE call_id = $1
  ), queued_event AS (
    INSERT INTO "outbox" (event_id, topic, key, payload) VALUES ($11, $12, $13, $14)
  )
  SELECT pg_notify(current_schema() || '_jobs', '')`;

/** Attempts: the carrier's progress on a live attempt, and its end with the call's next step (the attempt-end rule). */
export function createAttemptStore(options: StoreOptions): AttemptStore {
  const { pool } = options;
  return {
    async markUnknown(callId, attempt, detail) {
      await pool.query(
        `UPDATE "dial_attempts" SET status = 'unknown', unknown_since = clock_timestamp(), detail = $3
          WHERE call_id = $1 AND attempt = $2 AND status <> 'ended' AND carrier_call_id IS NULL`,
        [callId, attempt, detail],
      );
    },

    async markProgress(callId, attempt, progress) {
      await pool.query(
        `UPDATE "dial_attempts" SET status = $3, carrier_call_id = coalesce($4, carrier_call_id),
                answered_at = CASE WHEN $3 = 'answered' THEN coalesce(answered_at, clock_timestamp()) ELSE answered_at END
          WHERE call_id = $1 AND attempt = $2 AND status <> 'ended'`,
        [callId, attempt, progress.status, progress.carrierCallId ?? null],
      );
    },

    async endAttempt(callId, attempt, ended, decide) {
      // Three round trips, not seven: the locks and the reads go in one message, every write and the
      // wake-up in one statement, then the commit. The job is locked before its attempt, as the claim does.
      return inTransaction(
        pool,
        async (client, opened) => {
          const jobs: EndingJob[] = opened[1]?.rows ?? [];
          const job = jobs[0];
          if (job?.status !== "calling" || job.attempt_count !== attempt) return null;
          const attempts: EndingAttempt[] = opened[2]?.rows ?? [];
          const dialed = attempts[0];
          const step = decide({
            call: job.call,
            endedAt: job.now,
            cancelRequested: job.cancel_requested,
            // Jobs from before the setting have none: the old behaviour.
            voicemailAction: job.queued.data.agent.voicemail_action ?? "hangup",
            callingWindow: job.queued.data.calling_window ?? null,
          });
          // A call canceled while dialing ended canceled, however the carrier saw the attempt end.
          const attemptRecord = endedAttempt({
            attempt,
            outcome: step.call.disposition === "canceled" ? "canceled" : ended.outcome,
            detail: ended.detail,
            talkSeconds: ended.talkSeconds,
            dialedAt: dialed?.dialed_at ?? job.now,
            answeredAt: dialed?.answered_at ?? null,
            endedAt: job.now,
          });
          const retry = step.kind === "retry" ? step : null;
          // The end of the call, or the retry's call.updated (when and why): each carries the attempt that ended.
          const event = lifecycleEvent(endEventType(step), job.queued, step.call, job.now, randomUUID(), attemptRecord);
          await client.query({
            name: "dialer_end_attempt",
            text: END_ATTEMPT_SQL,
            values: [
              callId,
              attempt,
              ended.outcome,
              job.now,
              ended.talkSeconds === null ? null : Math.round(ended.talkSeconds),
              ended.detail,
              step.kind === "retry" ? "queued" : step.status,
              retry?.dueAt ?? null,
              retry?.windowClosesAt ?? null,
              JSON.stringify(step.call),
              event.id,
              options.topic,
              event.subject,
              JSON.stringify(event),
              ended.carrierCallId ?? null,
            ],
          });
          return step;
        },
        openEndSql(callId, attempt),
      );
    },
  };
}
