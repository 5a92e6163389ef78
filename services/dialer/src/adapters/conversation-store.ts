import pg from "pg";
import type { ConversationStore } from "../app/conversation-ports";
import type { ConversationReport } from "../domain/conversation-end";
import { type Columns, inTransaction, type StoreOptions } from "./postgres";

type Report = Columns<"attempt_conversations", "report_outcome" | "media_started" | "error_message" | "carrier_end">;

const reportOf = (row: Report): ConversationReport | null =>
  row.report_outcome === null
    ? null
    : {
        outcome: row.report_outcome as ConversationReport["outcome"],
        mediaStarted: row.media_started ?? true,
        errorMessage: row.error_message,
      };

/** How long an overdue carrier end handed to one instance is hidden from the others (it ends it meanwhile). */
const OVERDUE_LEASE_SECONDS = 30;

/**
 * An answered attempt's two reports, whichever comes first waiting for the other. Both sides take
 * the job's row lock first (as the claim and the attempt's end do), so of a carrier end and a
 * report arriving together, the second sees the first: exactly one of them ends the attempt.
 */
export function createConversationStore(options: StoreOptions): ConversationStore {
  const { pool } = options;
  return {
    async holdCarrierEnd(callId, attempt, end, waitSeconds, waits) {
      const call = pg.escapeLiteral(callId);
      const opening = `
        BEGIN;
        SELECT status, attempt_count,
               jsonb_typeof(queued -> 'data' -> 'conversation') = 'object' AS has_conversation
          FROM "dial_jobs" WHERE call_id = ${call} FOR UPDATE;
        SELECT report_outcome, media_started, error_message, carrier_end FROM "attempt_conversations"
         WHERE call_id = ${call} AND attempt = ${Math.trunc(attempt)};`;
      return inTransaction(
        pool,
        async (client, opened) => {
          const job = opened[1]?.rows[0] as (Columns<"dial_jobs", "status" | "attempt_count"> & { has_conversation: boolean }) | undefined;
          if (job?.status !== "calling" || job.attempt_count !== attempt) return { kind: "final" as const };
          const row = opened[2]?.rows[0] as Report | undefined;
          const report = row ? reportOf(row) : null;
          if (report) return { kind: "report" as const, report };
          // A second carrier end (a repeated callback) leaves the first one waiting.
          if (row?.carrier_end) return { kind: "waiting" as const };
          if (!waits({ hasConversation: job.has_conversation === true })) return { kind: "final" as const };
          await client.query(
            `INSERT INTO "attempt_conversations" (call_id, attempt, carrier_end, report_due_at)
             VALUES ($1, $2, $3, clock_timestamp() + make_interval(secs => $4))
             ON CONFLICT (call_id, attempt) DO UPDATE SET carrier_end = EXCLUDED.carrier_end, report_due_at = EXCLUDED.report_due_at`,
            [callId, attempt, JSON.stringify(end), waitSeconds],
          );
          return { kind: "waiting" as const };
        },
        opening,
      );
    },

    async recordReport(callId, attempt, report) {
      return inTransaction(pool, async (client) => {
        const job = await client.query<Columns<"dial_jobs", "status" | "attempt_count">>(
          `SELECT status, attempt_count FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`,
          [callId],
        );
        // The first report of an attempt counts (a redelivered event changes nothing); a carrier end
        // waiting for it stops waiting.
        const stored = await client.query<Columns<"attempt_conversations", "carrier_end">>(
          `INSERT INTO "attempt_conversations" (call_id, attempt, report_outcome, media_started, error_message, reported_at)
           VALUES ($1, $2, $3, $4, $5, clock_timestamp())
           ON CONFLICT (call_id, attempt) DO UPDATE
             SET report_outcome = coalesce("attempt_conversations".report_outcome, EXCLUDED.report_outcome),
                 media_started = coalesce("attempt_conversations".media_started, EXCLUDED.media_started),
                 error_message = CASE WHEN "attempt_conversations".report_outcome IS NULL THEN EXCLUDED.error_message
                                      ELSE "attempt_conversations".error_message END,
                 reported_at = coalesce("attempt_conversations".reported_at, EXCLUDED.reported_at),
                 report_due_at = NULL
           RETURNING carrier_end`,
          [callId, attempt, report.outcome, report.mediaStarted, report.errorMessage],
        );
        const live = job.rows[0]?.status === "calling" && job.rows[0].attempt_count === attempt;
        const row = stored.rows[0];
        return live && row?.carrier_end ? row.carrier_end : null;
      });
    },

    async takeOverdue(limit) {
      const { rows } = await pool.query<Columns<"attempt_conversations", "call_id" | "attempt" | "carrier_end">>(
        `UPDATE "attempt_conversations" SET report_due_at = clock_timestamp() + make_interval(secs => $2)
          WHERE (call_id, attempt) IN (
            SELECT call_id, attempt FROM "attempt_conversations"
             WHERE report_due_at <= clock_timestamp() AND report_outcome IS NULL AND carrier_end IS NOT NULL
             ORDER BY report_due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING call_id, attempt, carrier_end`,
        [limit, OVERDUE_LEASE_SECONDS],
      );
      return rows.flatMap((row) => (row.carrier_end ? [{ callId: row.call_id, attempt: row.attempt, end: row.carrier_end }] : []));
    },

    async settle(callId, attempt) {
      await pool.query(`UPDATE "attempt_conversations" SET report_due_at = NULL WHERE call_id = $1 AND attempt = $2`, [callId, attempt]);
    },
  };
}
